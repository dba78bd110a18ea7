# What un_affinity.R and un_absence.R both read: the roll calls of the General Assembly dated in
# [from, to] and the votes the UN member states cast in them, from the same copy of Voeten, Strezhnev
# and Bailey's data (see those scripts' headers), with the dataset's alpha-2 codes turned into the
# alpha-3 codes of member_states.yaml. Sourced by both; not run on its own.

# ISO 3166-1 alpha-2 -> alpha-3 from Debian's iso-codes (the same table member_states.yaml is checked
# against). The dataset codes Serbia as "YU" (Yugoslavia, its predecessor in the series).
alpha3_of_alpha2 <- function() {
  iso <- paste(readLines("/usr/share/iso-codes/json/iso_3166-1.json", warn = FALSE), collapse = "\n")
  entries <- regmatches(iso, gregexpr("\\{[^{}]*\\}", iso))[[1]]
  a2 <- sub('.*"alpha_2": "([A-Z]{2})".*', "\\1", entries)
  a3 <- sub('.*"alpha_3": "([A-Z]{3})".*', "\\1", entries)
  to_a3 <- setNames(a3, a2)
  to_a3["YU"] <- "SRB"
  to_a3
}

# list(members: the 193 iso3 codes sorted, calls: the rcids dated in [from, to], votes: the member
# states' rows of un_votes in those calls, with an iso3 column). Loads the two .rda files given.
member_votes <- function(votes_rda, roll_calls_rda, member_states_yaml, from, to) {
  load(votes_rda)
  load(roll_calls_rda)
  lines <- readLines(member_states_yaml)
  members <- sort(sub("iso3: ", "", regmatches(lines, regexpr("iso3: [A-Z]{3}", lines))))
  stopifnot(length(members) == 193)
  calls <- un_roll_calls$rcid[un_roll_calls$date >= as.Date(from) & un_roll_calls$date <= as.Date(to)]
  v <- un_votes[un_votes$rcid %in% calls, ]
  v$iso3 <- unname(alpha3_of_alpha2()[v$country_code])
  stopifnot(!any(is.na(v$iso3)))
  list(members = members, calls = calls, votes = v[v$iso3 %in% members, ], roll_calls = un_roll_calls)
}

