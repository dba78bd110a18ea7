#pragma once
// Results across replications of one scenario: the mean of each metric with a 95% confidence
// interval (Student t over the replications, which are independent by construction of the random
// streams).
//
// replications.csv, tidy: metric,group,mean,ci95_low,ci95_high,n
//   end_day                  per key activity (group = its id): calendar days from the epoch to
//                            the day it finished (finished runs only)
//   slip_days                per key activity: as in timeline.csv (finished runs only)
//   attendance_share         per regional group, 0-1 (mean over meetings of the share present)
//   speaking_share           per regional group, 0-1 of all speaking minutes
//   unserved_requests        all, then per regional group
//   trust_fund_spent         USD
//   trust_fund_trips_funded
//   trust_fund_requests_refused
//   trust_fund_ran_dry_day   calendar days from the epoch; only the runs where it ran dry, n says
//                            how many
//   withdrawals              states that left the process
// Metrics without a group have group "all" (an empty group would be NaN in pandas, and groupby
// drops NaN keys). n is how many runs had a value; mean is empty when n = 0 and the interval is
// empty when n < 2 (its width is unknown). Shares have 4 decimals, everything else 2.
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "models/plan.hpp"
#include "models/process/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// Rows in a fixed order: by metric as listed above, key activities in key_activities() order,
// groups in RegionalGroup order. With no runs, only the header.
std::string replications_csv(const model::Scenario& scenario, const model::Plan& plan,
                             const std::vector<model::RunResults>& runs, const Calendar& calendar);

// For the terminal: the key metrics as "mean [low, high]", aligned; shares in %.
std::string replications_summary(const model::Scenario& scenario, const model::Plan& plan,
                                 const std::vector<model::RunResults>& runs, const Calendar& calendar);

}  // namespace gcmsim::output
