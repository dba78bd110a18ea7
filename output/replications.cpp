#include "output/replications.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/summary.hpp"

namespace gcmsim::output {
namespace {


}  // namespace

int metric_decimals(const sim::MetricInfo& m) { return m.is_proportion() ? 4 : 2; }

ReplicationSummary::ReplicationSummary(const sim::MetricCatalog& catalog)
    : catalog_(catalog), stats_(catalog.size()), yes_(catalog.size(), 0) {}

void ReplicationSummary::add(const sim::RunMetrics& run) {
  if (run.values.size() != stats_.size()) {
    throw std::logic_error(fmt::format("replications: a run has {} metrics, the catalogue {}", run.values.size(),
                                       stats_.size()));
  }
  for (std::size_t i = 0; i < stats_.size(); ++i) {
    if (!run.values[i]) continue;
    stats_[i].add(*run.values[i]);
    if (catalog_[i].kind == sim::MetricKind::flag && *run.values[i] >= 0.5) ++yes_[i];
  }
  ++runs_;
}

ConfidenceInterval ReplicationSummary::interval(std::size_t i) const {
  const sim::MetricInfo& m = catalog_[i];
  if (m.kind == sim::MetricKind::flag) return proportion_ci95(yes_[i], stats_[i].count());
  ConfidenceInterval ci = mean_ci95(stats_[i]);
  if (ci.n >= 2) {
    if (const auto lo = m.lower()) ci.lower = std::max(ci.lower, *lo);
    if (const auto hi = m.upper()) ci.upper = std::min(ci.upper, *hi);
  }
  return ci;
}

std::vector<std::vector<std::string>> ReplicationSummary::rows() const {
  std::vector<std::vector<std::string>> out = {{"metric", "group", "mean", "ci95_low", "ci95_high", "n"}};
  for (std::size_t i = 0; i < catalog_.size(); ++i) {
    const sim::MetricInfo& m = catalog_[i];
    const ConfidenceInterval ci = interval(i);
    const int d = metric_decimals(m);
    const bool known = ci.n >= 2 || (m.kind == sim::MetricKind::flag && ci.n >= 1);
    out.push_back({m.name, m.group, csv_number_or_empty(ci.mean, d), known ? csv_number_or_empty(ci.lower, d) : std::string(),
                   known ? csv_number_or_empty(ci.upper, d) : std::string(), fmt::format("{}", ci.n)});
  }
  return out;
}

std::string ReplicationSummary::csv() const {
  std::vector<std::vector<std::string>> all = rows();
  CsvTable table(std::move(all.front()));
  for (std::size_t i = 1; i < all.size(); ++i) table.add_row(all[i]);
  return std::move(table).str();
}

std::string ReplicationSummary::terminal(const model::ScenarioSetup& setup) const {
  if (runs_ == 0) return "No replications.\n";
  std::vector<std::vector<std::string>> rows = {{"metric", "mean", "95% CI", "runs"}};
  const auto row = [&](const std::string& key, const std::string& label) {
    const auto i = catalog_.find(key);
    if (!i) return;
    const sim::MetricInfo& m = catalog_[*i];
    const ConfidenceInterval ci = interval(*i);
    const double k = m.is_proportion() ? 100.0 : 1.0;
    const int d = m.is_proportion() ? 1 : 2;
    const bool known = ci.n >= 2 || (m.kind == sim::MetricKind::flag && ci.n >= 1);
    rows.push_back({label, ci.n == 0 ? "-" : csv_number(ci.mean * k, d),
                    known ? fmt::format("[{}, {}]", csv_number(ci.lower * k, d), csv_number(ci.upper * k, d)) : "-",
                    fmt::format("{}", ci.n)});
  };
  const model::Scenario& s = setup.scenario();
  for (const KeyActivity& a : key_activities(s, setup.plan())) {
    row("slip_days." + s.activities[a.activity].id, fmt::format("{} slip, days", a.label));
  }
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    const auto group = static_cast<model::RegionalGroup>(g);
    row(fmt::format("attendance_share.{}", model::to_string(group)), fmt::format("attendance {}, %", group_label(group)));
  }
  row("attendance_share.ldc", "attendance LDCs, %");
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    const auto group = static_cast<model::RegionalGroup>(g);
    row(fmt::format("speaking_share.{}", model::to_string(group)), fmt::format("speaking share {}, %", group_label(group)));
  }
  row("unserved_requests", "unserved floor requests");
  if (!s.trust_fund.contributions.empty()) {
    row("trust_fund_spent", "trust fund spent, USD");
    row("trust_fund_trips_funded", "trust fund trips funded");
    row("trust_fund_requests_refused", "trust fund requests refused");
    row("trust_fund_ran_dry", "trust fund ran dry, % of runs");
  }
  row("left_process", "left the process (states)");
  row("agreed", "text agreed (in a round or the OP29 consultations after the last), % of runs");
  row("agreed_round", "agreed in round (or the OP29 consultations after it)");
  row("agreed_in_last_round", "agreed at the end of the last scheduled round itself, % of runs");
  row("informal_consultations", "OP29 consultations after the last round");
  row("conference_adopted", "conference adopted a text, % of runs");
  row("conference_adopt", "conference: adopt (by acclamation)");
  row("conference_absent", "conference: absent");
  row("conference_dissociated", "conference: dissociated");
  return fmt::format("Across {} replications: mean and 95% confidence interval (Student t, cut at the metric's\n"
                     "bounds; Wilson for proportions of runs)\n{}",
                     runs_, aligned_columns(rows, {false, true, false, true}, "  "));
}

}  // namespace gcmsim::output
