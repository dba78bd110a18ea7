# Data preparation, run once (R is not a run-time dependency of gcmsim): the agreement between every
# pair of UN member states in the General Assembly's recorded votes of 2013-2017, before the
# negotiations of 2018, from Voeten, Strezhnev and Bailey's "United Nations General Assembly Voting
# Data" (Harvard Dataverse, hdl:1902.1/12379, CC0) as packaged by dgrtwo/unvotes (MIT), commit
# 7eb7034314ff79c49c9e0785fcd9d216fa04cf14 (data/un_votes.rda, data/un_roll_calls.rda).
#
#   apt-get install -y r-base-core
#   Rscript scenarios/data/prepare/un_affinity.R UN_VOTES.rda UN_ROLL_CALLS.rda scenarios/data/member_states.yaml \
#       scenarios/data/un_affinity_2013_2017.csv
#
# Agreement of states a and b = 1 - mean |v_a - v_b| over the roll calls both took part in, with yes = 1,
# abstain = 0.5, no = 0 (the "agreement index" of Lijphart 1963 as used by Voeten 2000). Absences are
# left out. Roll calls dated 2013-01-01 to 2017-12-31.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 4)
# The shared reading (un_votes_common.R), found beside this script.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))),
                 "un_votes_common.R"))
read <- member_votes(args[1], args[2], args[3], "2013-01-01", "2017-12-31")
members <- read$members
calls <- read$calls
v <- read$votes
un_roll_calls <- read$roll_calls
value <- c(yes = 1, abstain = 0.5, no = 0)[as.character(v$vote)]

m <- matrix(NA_real_, nrow = length(members), ncol = length(calls), dimnames = list(members, as.character(calls)))
m[cbind(match(v$iso3, members), match(as.character(v$rcid), as.character(calls)))] <- value

rows <- list()
for (i in seq_len(length(members) - 1)) {
  j <- (i + 1):length(members)
  d <- abs(t(m[j, , drop = FALSE]) - m[i, ])
  both <- colSums(!is.na(d))
  agreement <- ifelse(both > 0, 1 - colSums(d, na.rm = TRUE) / pmax(both, 1), NA)
  rows[[i]] <- data.frame(iso3_a = members[i], iso3_b = members[j], roll_calls = both,
                          agreement = ifelse(is.na(agreement), "", sprintf("%.4f", agreement)))
}
out <- do.call(rbind, rows)
con <- file(args[4], "w")
writeLines(c(sprintf("# Agreement in UN General Assembly recorded votes, %d roll calls dated 2013-01-01 to 2017-12-31.", length(calls)),
             "# Source and rule: scenarios/data/README.md (\"Affinity\"); made by scenarios/data/prepare/un_affinity.R."), con)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat(sprintf("%d roll calls, %d pairs, %d member states with votes\n", length(calls), nrow(out), sum(rowSums(!is.na(m)) > 0)))

# The baseline's ga_absence (scenarios/gcm-2017-2018.yaml): the mean share of the 193 member states
# not voting in the recorded votes of 2017, the last full year before the cutoff.
in_2017 <- un_roll_calls$rcid[un_roll_calls$date >= as.Date("2017-01-01") & un_roll_calls$date <= as.Date("2017-12-31")]
voting <- table(factor(v$rcid[v$rcid %in% in_2017], levels = in_2017))
cat(sprintf("2017: %d roll calls, mean share of member states not voting %.3f\n", length(in_2017), mean(1 - voting / 193)))
