#include "output/compare_view.hpp"

#include <chrono>
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "output/csv.hpp"
#include "output/run_writer.hpp"
#include "output/summary.hpp"

namespace gcmsim::output {
namespace {

// Rows of "what moved" beyond this many are counted, not listed: the view has to fit on a screen.
constexpr std::size_t kMovedListed = 14;

std::string planned(const model::PlannedActivity& p) {
  return p.start == p.end ? iso_date(p.start) : fmt::format("{}..{}", iso_date(p.start), iso_date(p.end).substr(5));
}


std::string date_from_day(const Calendar& calendar, double day) {
  if (!std::isfinite(day)) return "-";
  const auto d = std::chrono::sys_days{calendar.epoch()} + std::chrono::days{static_cast<int>(std::lround(day))};
  return iso_date(std::chrono::year_month_day{d});
}

std::string value(const sim::MetricInfo& m, double x) {
  if (!std::isfinite(x)) return "-";
  if (m.is_proportion()) return fmt::format("{:.1f}%", x * 100.0);
  if (m.kind == sim::MetricKind::amount) return fmt::format("{:.0f}", x);
  return csv_number(x, 1);
}

// "+1.5 [0.2, 2.8]*": the mean paired difference, its interval, and a star when it excludes 0.
std::string difference(const MetricComparison& m) {
  const ConfidenceInterval ci = PairedComparison::paired_interval(m);
  if (ci.n == 0) return "-";
  const double k = m.info->is_proportion() ? 100.0 : 1.0;
  const int d = m.info->kind == sim::MetricKind::amount ? 0 : 1;
  const auto num = [&](double x) { return fmt::format("{:+.{}f}", x * k, d); };
  const std::string mean = ci.mean == 0.0 ? std::string("0") : num(ci.mean);
  if (ci.n < 2) return mean;
  if (ci.lower == ci.upper) return mean + " (every run)";
  return fmt::format("{} [{}, {}]{}", mean, num(ci.lower), num(ci.upper), PairedComparison::excludes_zero(m) ? "*" : "");
}

// Did the metric's values differ in any replication? A zero mean can hide moves both ways.
bool moved(const MetricComparison* m) {
  if (m == nullptr) return false;
  if (m->difference.count() == 0) return m->base.count() != m->whatif.count();
  return m->difference.min() != 0.0 || m->difference.max() != 0.0 || m->base.count() != m->whatif.count();
}

std::string what_moved(const CompareSides& sides, const PairedComparison& c) {
  const model::Scenario& ws = sides.whatif.scenario();
  const model::Scenario& bs = sides.base.scenario();
  std::vector<std::vector<std::string>> rows = {
      {"activity", "planned base", "planned what-if", "simulated base", "simulated what-if", "end diff, days", "started after"}};
  std::size_t listed = 0, unlisted = 0;
  for (std::size_t i : sides.whatif.setup().planned_order()) {
    const std::string& id = ws.activities[i].id;
    const auto b = bs.find_activity(id);
    const MetricComparison* start = c.find("start_day." + id);
    const MetricComparison* end = c.find("end_day." + id);
    const bool in_both = b.has_value();
    const bool plan_moved = in_both && (sides.base.plan().activities[*b].start != sides.whatif.plan().activities[i].start ||
                                        sides.base.plan().activities[*b].end != sides.whatif.plan().activities[i].end);
    if (in_both && !plan_moved && !moved(start) && !moved(end)) continue;
    if (listed == kMovedListed) {
      ++unlisted;
      continue;
    }
    ++listed;
    const Calendar& bc = sides.base.calendar();
    const Calendar& wc = sides.whatif.calendar();
    const auto simulated = [](const Calendar& cal, const MetricComparison* s, const MetricComparison* e, bool whatif) {
      if (s == nullptr || e == nullptr) return std::string("-");
      const RunningStats& ss = whatif ? s->whatif : s->base;
      const RunningStats& es = whatif ? e->whatif : e->base;
      if (ss.count() == 0) return std::string("-");
      const std::string first = date_from_day(cal, ss.mean());
      const std::string last = date_from_day(cal, es.mean());
      return first == last ? first : fmt::format("{}..{}", first, last.substr(5));
    };
    const model::ActivityRecord& r = sides.whatif_first.activities.at(i);
    std::string after = "-";
    if (r.started) after = r.cause.planned ? "planned" : r.cause.waited_for ? ws.activities.at(*r.cause.waited_for).id : "-";
    rows.push_back({id, in_both ? planned(sides.base.plan().activities[*b]) : "(not in base)",
                    planned(sides.whatif.plan().activities[i]), in_both ? simulated(bc, start, end, false) : "-",
                    simulated(wc, start, end, true), in_both && end != nullptr ? difference(*end) : "-", after});
  }
  for (std::size_t i = 0; i < bs.activities.size(); ++i) {
    if (ws.find_activity(bs.activities[i].id)) continue;
    rows.push_back({bs.activities[i].id, planned(sides.base.plan().activities[i]), "(removed)", "-", "-", "-", "-"});
  }
  if (rows.size() == 1) return "What moved: nothing (every activity's simulated dates are the same in every replication)\n";
  std::string out = fmt::format(
      "What moved: activities whose planned or simulated dates differ. Simulated: mean over replications;\n"
      "end diff: paired difference [95% interval], * when it excludes 0, (every run) when it is the same\n"
      "in every replication; started after: what the what-if's start waited for in replication 0\n{}",
      aligned_columns(rows, {false, false, false, false, false, true, false}, "  "));
  if (unlisted > 0) out += fmt::format("  ... and {} more (compare.csv has every activity)\n", unlisted);
  return out;
}

}  // namespace

std::string compare_view(const CompareSides& sides, const PairedComparison& c, std::uint64_t seed) {
  std::string out = fmt::format("Base:    {}\nWhat-if: {}\n{} paired replication{} (seed {}; replication k of both draws the same "
                                "random numbers)\n\n",
                                describe_source(sides.base.source()), describe_source(sides.whatif.source()), c.pairs(),
                                c.pairs() == 1 ? "" : "s", seed);
  out += what_moved(sides, c);

  // Participation: one row per group, base -> what-if (difference) per measure.
  // "85.3% =" when every replication gave the same, else "85.3% -0.42*": the base's mean and the
  // mean paired difference; the intervals are in compare.csv.
  const auto cell = [&](const std::string& key) -> std::string {
    const MetricComparison* m = c.find(key);
    if (m == nullptr) return "-";
    const std::string base_value = value(*m->info, m->base.mean());
    if (!moved(m)) return base_value + " =";
    const double k = m->info->is_proportion() ? 100.0 : 1.0;
    const double diff = m->difference.mean() * k;
    const std::string shown = std::abs(diff) < 0.005 ? std::string("~0") : fmt::format("{:+.2f}", diff);
    return fmt::format("{} {}{}", base_value, shown, PairedComparison::excludes_zero(*m) ? "*" : "");
  };
  std::vector<std::vector<std::string>> rows = {{"group", "attendance", "trips funded", "speaking", "unserved"}};
  std::vector<std::pair<std::string, std::string>> groups;
  const model::Scenario& ws = sides.whatif.scenario();
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    const auto group = static_cast<model::RegionalGroup>(g);
    const bool has_members = std::any_of(ws.member_states.begin(), ws.member_states.end(),
                                         [&](const model::MemberState& s) { return s.group == group; });
    if (has_members) groups.emplace_back(std::string(model::to_string(group)), std::string(group_label(group)));
  }
  for (int k = 0; k < sim::kStatuses; ++k) {
    const auto status = static_cast<sim::Status>(k);
    const bool has_members = std::any_of(ws.member_states.begin(), ws.member_states.end(),
                                         [&](const model::MemberState& s) { return sim::status_of(s) == status; });
    if (has_members) groups.emplace_back(std::string(sim::kStatusNames[static_cast<std::size_t>(k)]),
                                         k == 2 ? std::string("LDCs") : std::string(sim::kStatusNames[static_cast<std::size_t>(k)]));
  }
  for (const auto& [id, label] : groups) {
    rows.push_back({label, cell("attendance_share." + id), cell("trips_funded." + id), cell("speaking_share." + id),
                    cell("unserved_requests." + id)});
  }
  out += fmt::format("\nParticipation by group: the base's mean, then the what-if's mean difference (= the same in every\n"
                     "replication; * its 95% interval excludes 0); shares in % points\n{}",
                     aligned_columns(rows, {false, false, false, false, false}, "  "));

  std::vector<std::vector<std::string>> lines = {{"measure", "base", "what-if", "difference [95% interval]"}};
  const auto line = [&](const std::string& key, const std::string& label) {
    const MetricComparison* m = c.find(key);
    if (m == nullptr) return;
    std::string b = value(*m->info, m->base.mean()), w = value(*m->info, m->whatif.mean());
    if (m->info->kind == sim::MetricKind::day) {
      b = date_from_day(sides.base.calendar(), m->base.mean());
      w = date_from_day(sides.whatif.calendar(), m->whatif.mean());
    }
    lines.push_back({label, b, w, difference(*m)});
  };
  const bool fund = !ws.trust_fund.contributions.empty() || !sides.base.scenario().trust_fund.contributions.empty();
  if (fund) {
    line("trust_fund_spent", "trust fund spent, USD");
    line("trust_fund_end_balance", "trust fund end balance, USD");
    line("trust_fund_ran_dry", "trust fund ran dry, % of runs");
    line("trust_fund_ran_dry_day", "day it ran dry (mean date; difference in days)");
  }
  // One vocabulary with run's summary and outcome.json: agreed in a round or in the OP29
  // consultations after the last one (which explain an agreement "in round 4" that was not in
  // the round itself); adopted, absent, dissociated after agreement, left the process.
  line("agreed", "text agreed (in a round or OP29 consultations), % of runs");
  line("agreed_round", "agreed in round (or the OP29 consultations after it)");
  line("agreed_in_last_round", "agreed at the end of the last scheduled round itself, % of runs");
  line("informal_consultations", "OP29 consultations after the last round (mean)");
  line("conference_adopted", "conference adopted a text, % of runs");
  line("conference_adopt", "conference: adopted (present, by acclamation)");
  line("conference_absent", "conference: absent");
  line("conference_dissociated", "conference: dissociated after agreement");
  line("left_process", "left the process (states)");
  if (lines.size() > 1) {
    out += fmt::format("\n{}\n{}", fund ? "Trust fund and negotiation" : "Negotiation",
                       aligned_columns(lines, {false, true, true, false}, "  "));
  }
  return out;
}

}  // namespace gcmsim::output
