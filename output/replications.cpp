#include "output/replications.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/statistics.hpp"
#include "output/csv.hpp"
#include "output/summary.hpp"
#include "output/timeline_csv.hpp"

namespace gcmsim::output {
namespace {

// One metric of one run. Every run of a scenario yields the same metrics in the same order (they
// depend on the scenario and plan only), so runs are aggregated position by position.
struct Sample {
  std::string metric;
  std::string group;
  std::string label;     // for the terminal
  int decimals = 2;
  double scale = 1.0;    // for the terminal: 100 for shares, shown in %
  std::optional<double> value;
};

struct Aggregate {
  Sample sample;  // the first run's; only its description is used
  RunningStats stats;
};

constexpr int kShareDecimals = 4;

std::optional<double> if_number(double x) { return std::isnan(x) ? std::nullopt : std::optional<double>(x); }

double days_from_epoch(const Calendar& calendar, SimTime t) {
  return static_cast<double>((std::chrono::sys_days{calendar.date_of(t)} - std::chrono::sys_days{calendar.epoch()}).count());
}

std::vector<Sample> samples(const model::Scenario& scenario, const model::Plan& plan,
                            const model::RunResults& run, const Calendar& calendar) {
  std::vector<Sample> out;
  const std::vector<KeyActivity> keys = key_activities(scenario, plan);
  for (const KeyActivity& k : keys) {
    const model::ActivityRecord& r = run.activities.at(k.activity);
    out.push_back({"end_day", scenario.activities[k.activity].id, fmt::format("{} ends, day", k.label), 2, 1.0,
                   r.finished ? std::optional<double>(days_from_epoch(calendar, r.end)) : std::nullopt});
  }
  for (const KeyActivity& k : keys) {
    const model::ActivityRecord& r = run.activities.at(k.activity);
    out.push_back({"slip_days", scenario.activities[k.activity].id, fmt::format("{} slip, days", k.label), 2, 1.0,
                   r.finished ? std::optional<double>(slip_days(plan.activities.at(k.activity), r, calendar))
                              : std::nullopt});
  }
  const RunMetrics m = run_metrics(scenario, run);
  // Files name groups by identifier, the terminal by the name UN readers know.
  auto group_id = [](int g) { return std::string(model::to_string(static_cast<model::RegionalGroup>(g))); };
  auto group_text = [](int g) { return group_label(static_cast<model::RegionalGroup>(g)); };
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    out.push_back({"attendance_share", group_id(g), fmt::format("attendance {}, %", group_text(g)), kShareDecimals,
                   100.0, if_number(m.groups[g].attendance_share)});
  }
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    out.push_back({"speaking_share", group_id(g), fmt::format("speaking share {}, %", group_text(g)), kShareDecimals,
                   100.0, if_number(m.groups[g].speaking_share)});
  }
  out.push_back({"unserved_requests", "all", "unserved floor requests", 2, 1.0, m.unserved_requests});
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    out.push_back({"unserved_requests", group_id(g), fmt::format("unserved requests {}", group_text(g)), 2, 1.0,
                   m.groups[g].unserved_requests});
  }
  const model::TrustFundRecord& t = run.trust_fund;
  out.push_back({"trust_fund_spent", "all", "trust fund spent, USD", 2, 1.0, t.spent});
  out.push_back({"trust_fund_trips_funded", "all", "trust fund trips funded", 2, 1.0, t.trips_funded});
  out.push_back({"trust_fund_requests_refused", "all", "trust fund requests refused", 2, 1.0, t.requests_refused});
  out.push_back({"trust_fund_ran_dry_day", "all", "trust fund ran dry, day", 2, 1.0,
                 t.ran_dry ? std::optional<double>(days_from_epoch(calendar, *t.ran_dry)) : std::nullopt});
  out.push_back({"withdrawals", "all", "withdrawals", 2, 1.0, static_cast<double>(run.withdrawals.size())});
  return out;
}

std::vector<Aggregate> aggregate(const model::Scenario& scenario, const model::Plan& plan,
                                 const std::vector<model::RunResults>& runs, const Calendar& calendar) {
  std::vector<Aggregate> out;
  for (const model::RunResults& run : runs) {
    const std::vector<Sample> s = samples(scenario, plan, run, calendar);
    if (out.empty()) {
      for (const Sample& x : s) out.push_back({x, {}});
    } else if (s.size() != out.size()) {
      throw std::logic_error("replications: runs of one scenario yield different metrics");
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i].value) out[i].stats.add(*s[i].value);
    }
  }
  return out;
}

// An interval bound or mean that is not a finite number is unknown: an empty field.
std::string number_or_empty(double x, int decimals) { return std::isfinite(x) ? csv_number(x, decimals) : std::string(); }

}  // namespace

std::string replications_csv(const model::Scenario& scenario, const model::Plan& plan,
                             const std::vector<model::RunResults>& runs, const Calendar& calendar) {
  CsvTable table({"metric", "group", "mean", "ci95_low", "ci95_high", "n"});
  for (const Aggregate& a : aggregate(scenario, plan, runs, calendar)) {
    const ConfidenceInterval ci = mean_ci95(a.stats);
    const int d = a.sample.decimals;
    table.add_row({a.sample.metric, a.sample.group, number_or_empty(ci.mean, d), number_or_empty(ci.lower, d),
                   number_or_empty(ci.upper, d), fmt::format("{}", ci.n)});
  }
  return table.str();
}

std::string replications_summary(const model::Scenario& scenario, const model::Plan& plan,
                                 const std::vector<model::RunResults>& runs, const Calendar& calendar) {
  if (runs.empty()) return "No replications.\n";
  std::vector<std::vector<std::string>> rows = {{"metric", "mean", "95% CI", "runs"}};
  for (const Aggregate& a : aggregate(scenario, plan, runs, calendar)) {
    // end_day duplicates slip_days for a reader, and per-group unserved counts are in the CSV.
    if (a.sample.metric == "end_day" || (a.sample.metric == "unserved_requests" && a.sample.group != "all")) continue;
    const ConfidenceInterval ci = mean_ci95(a.stats);
    const int d = a.sample.scale == 1.0 ? a.sample.decimals : 1;
    const double k = a.sample.scale;
    rows.push_back({a.sample.label, ci.n == 0 ? "-" : csv_number(ci.mean * k, d),
                    ci.n < 2 ? "-" : fmt::format("[{}, {}]", csv_number(ci.lower * k, d), csv_number(ci.upper * k, d)),
                    fmt::format("{}", ci.n)});
  }
  return fmt::format("Across {} replications: mean and 95% confidence interval (Student t)\n{}", runs.size(),
                     aligned_columns(rows, {false, true, false, true}, "  "));
}

}  // namespace gcmsim::output
