# Data preparation, run once (R is not a run-time dependency of gcmsim): each UN member state's share of
# the General Assembly's recorded votes of 2017 in which it did not vote, from Voeten, Strezhnev and
# Bailey's "United Nations General Assembly Voting Data" (Harvard Dataverse, hdl:1902.1/12379, CC0) as
# packaged by dgrtwo/unvotes (MIT), commit 7eb7034314ff79c49c9e0785fcd9d216fa04cf14 (data/un_votes.rda,
# data/un_roll_calls.rda): the same copy as un_affinity.R.
#
#   Rscript scenarios/data/prepare/un_absence.R UN_VOTES.rda UN_ROLL_CALLS.rda scenarios/data/member_states.yaml \
#       scenarios/data/un_absence_2017.csv
#
# Rule: absence of a state = 1 - (the 2017 roll calls in which it voted yes, no or abstain) / (the 2017
# roll calls). The dataset has no row for a state that did not vote, so a missing row is an absence.
# 2017 is the last full year before the cutoff of the hold-out (13 July 2018).
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 4)
# The shared reading (un_votes_common.R), found beside this script.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))),
                 "un_votes_common.R"))
read <- member_votes(args[1], args[2], args[3], "2017-01-01", "2017-12-31")
members <- read$members
calls <- read$calls
v <- read$votes
voted <- table(factor(v$iso3, levels = members))
out <- data.frame(iso3 = members, voted = as.integer(voted), absence = sprintf("%.4f", 1 - as.integer(voted) / length(calls)))
con <- file(args[4], "w")
writeLines(c(sprintf("# Share of the %d UN General Assembly recorded votes of 2017 in which each member state did not vote.", length(calls)),
             "# Source and rule: scenarios/data/README.md (\"Absence\"); made by scenarios/data/prepare/un_absence.R."), con)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat(sprintf("%d roll calls; mean absence %.3f; states never voting %d\n", length(calls), mean(1 - as.integer(voted) / length(calls)), sum(voted == 0)))
