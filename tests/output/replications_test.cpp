#include "output/replications.hpp"

#include "models/run/run_metrics.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using testing::lines;
using testing::has_line;
using testing::Minimal;
using testing::minimal;
using Catch::Contains;
using std::chrono::May;
using std::chrono::year;

namespace {

// One replication: ts2 (planned to end on 23 May) ends `ts2_slip` days late, the trust fund spends
// `spent` and runs dry on 20 May when `dry`; one meeting (ts1) with Mexico present.
model::RunResults run(const Minimal& m, std::uint64_t replication, int ts2_slip, double spent, bool dry) {
  model::RunResults r;
  r.replication = replication;
  r.activities.resize(m.s.activities.size());
  model::ActivityRecord& ts2 = r.activities[*m.s.find_activity("ts2")];
  ts2.started = ts2.finished = true;
  ts2.start = m.cal.at(year{2017} / May / 22, 10);
  ts2.end = m.cal.at(year{2017} / May / 23, 18) + ts2_slip * kDay;
  model::MeetingRecord meeting;
  meeting.activity = *m.s.find_activity("ts1");
  meeting.states.resize(m.s.member_states.size());
  meeting.states[*m.s.find_state("MEX")].present = true;
  r.meetings.push_back(meeting);
  r.trust_fund.spent = spent;
  if (dry) r.trust_fund.ran_dry = m.cal.at(year{2017} / May / 20, 9);
  return r;
}

std::vector<model::RunResults> three_runs(const Minimal& m) {
  return {run(m, 0, 0, 1000.0, true), run(m, 1, 3, 2000.0, false), run(m, 2, 6, 4500.0, true)};
}

// The summary of `runs`, fed in order as gcmsim run feeds it.
struct Summarised {
  model::ScenarioSetup setup;
  sim::MetricCatalog catalog;
  output::ReplicationSummary summary;
  Summarised(const Minimal& m, const std::vector<model::RunResults>& runs)
      : setup(m.s), catalog(sim::describe_metrics(setup)), summary(catalog) {
    for (const model::RunResults& r : runs) summary.add(sim::measure(setup, r));
  }
};

std::string replications_csv(const Minimal& m, const std::vector<model::RunResults>& runs) {
  return Summarised(m, runs).summary.csv();
}

}  // namespace

TEST_CASE("replications give the mean and Student t interval of a metric over three runs", "[output]") {
  const Minimal m = minimal();
  const std::string csv = replications_csv(m, three_runs(m));
  INFO(csv);
  CHECK(lines(csv).front() == "metric,group,mean,ci95_low,ci95_high,n");
  // 1000, 2000, 4500: mean 2500, s = sqrt(3.25e6) = 1802.78, half width t(0.975, 2) * s / sqrt(3)
  // = 4.302653 * 1040.833 = 4478.34; an amount is never negative, so the interval is cut at 0.
  CHECK(has_line(csv, "trust_fund_spent,all,2500.00,0.00,6978.34,3"));
  // Slips 0, 3, 6: mean 3, s = 3, half width 4.302653 * 3 / sqrt(3) = 7.45241.
  CHECK(has_line(csv, "slip_days,ts2,3.00,-4.45,10.45,3"));
  // ts2 ends on day 83, 86 and 89 after 1 March.
  CHECK(has_line(csv, "end_day,ts2,86.00,78.55,93.45,3"));
}

TEST_CASE("replications count only the runs that have a value", "[output]") {
  const Minimal m = minimal();
  const std::string csv = replications_csv(m, three_runs(m));
  INFO(csv);
  // Ran dry in two runs, both on day 80 (20 May): no spread, so a zero-width interval.
  CHECK(has_line(csv, "trust_fund_ran_dry_day,all,80.00,80.00,80.00,2"));
  // ts1 never finished: no value, no mean, no interval.
  CHECK(has_line(csv, "slip_days,ts1,,,,0"));
  // No state in Asia-Pacific: no attendance share; Mexico present at every meeting.
  CHECK(has_line(csv, "attendance_share,asia_pacific,,,,0"));
  CHECK(has_line(csv, "attendance_share,latin_american_caribbean,1.0000,1.0000,1.0000,3"));
  CHECK(has_line(csv, "unserved_requests,all,0.00,0.00,0.00,3"));
}

TEST_CASE("one replication has a mean but no interval", "[output]") {
  const Minimal m = minimal();
  const std::string csv = replications_csv(m, {run(m, 0, 2, 1500.0, false)});
  CHECK(has_line(csv, "trust_fund_spent,all,1500.00,,,1"));
  CHECK(has_line(csv, "trust_fund_ran_dry_day,all,,,,0"));
}

TEST_CASE("the replications summary shows key metrics as mean [low, high]", "[output]") {
  const Minimal m = minimal();
  const Summarised summarised(m, three_runs(m));
  const std::string text = summarised.summary.terminal(summarised.setup);
  INFO(text);
  CHECK_THAT(text, Contains("Across 3 replications"));
  CHECK_THAT(text, Contains("2500.00  [0.00, 6978.34]"));
  CHECK_THAT(text, Contains("3.00  [-4.45, 10.45]"));
  CHECK_THAT(text, Contains("attendance GRULAC, %"));
  CHECK_THAT(text, Contains("100.0  [100.0, 100.0]"));
}
