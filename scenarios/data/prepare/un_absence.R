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
load(args[1])
load(args[2])

iso <- paste(readLines("/usr/share/iso-codes/json/iso_3166-1.json", warn = FALSE), collapse = "\n")
entries <- regmatches(iso, gregexpr("\\{[^{}]*\\}", iso))[[1]]
a2 <- sub('.*"alpha_2": "([A-Z]{2})".*', "\\1", entries)
a3 <- sub('.*"alpha_3": "([A-Z]{3})".*', "\\1", entries)
to_a3 <- setNames(a3, a2)
to_a3["YU"] <- "SRB"

members <- regmatches(readLines(args[3]), regexpr("iso3: [A-Z]{3}", readLines(args[3])))
members <- sort(sub("iso3: ", "", members))
stopifnot(length(members) == 193)

calls <- un_roll_calls$rcid[un_roll_calls$date >= as.Date("2017-01-01") & un_roll_calls$date <= as.Date("2017-12-31")]
v <- un_votes[un_votes$rcid %in% calls, ]
v$iso3 <- unname(to_a3[v$country_code])
stopifnot(!any(is.na(v$iso3)))
v <- v[v$iso3 %in% members, ]
voted <- table(factor(v$iso3, levels = members))
out <- data.frame(iso3 = members, voted = as.integer(voted), absence = sprintf("%.4f", 1 - as.integer(voted) / length(calls)))
con <- file(args[4], "w")
writeLines(c(sprintf("# Share of the %d UN General Assembly recorded votes of 2017 in which each member state did not vote.", length(calls)),
             "# Source and rule: scenarios/data/README.md (\"Absence\"); made by scenarios/data/prepare/un_absence.R."), con)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat(sprintf("%d roll calls; mean absence %.3f; states never voting %d\n", length(calls), mean(1 - as.integer(voted) / length(calls)), sum(voted == 0)))
