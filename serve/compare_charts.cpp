#include "serve/compare_charts.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "engine/statistics.hpp"
#include "models/run/participation.hpp"
#include "output/summary.hpp"

namespace gcmsim::serve {
namespace {

using nlohmann::json;
using std::chrono::sys_days;

std::string iso(sys_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

json date_or_null(const Calendar& calendar, double day) {
  if (!std::isfinite(day)) return nullptr;
  return iso(sys_days{calendar.epoch()} + std::chrono::days{static_cast<int>(std::lround(day))});
}

// Mean and 95% interval of one side's values, kept within the metric's range.
json interval(const RunningStats& s, const sim::MetricInfo& info) {
  if (s.count() == 0) return nullptr;
  ConfidenceInterval ci = mean_ci95(s);
  json j = {{"mean", ci.mean}, {"n", ci.n}};
  if (ci.n >= 2) {
    double lo = ci.lower, hi = ci.upper;
    if (info.lower()) lo = std::max(lo, *info.lower());
    if (info.upper()) hi = std::min(hi, *info.upper());
    j["low"] = lo;
    j["high"] = hi;
  }
  return j;
}

}  // namespace

CompareCharts::CompareCharts(const sim::PreparedScenario& base, const sim::PreparedScenario& whatif,
                             std::size_t replications)
    : base_(base), whatif_(whatif), pairs_(replications) {
  // A weekly grid over both plans, from the first planned day to four weeks after the last.
  std::optional<sys_days> first, last;
  for (const sim::PreparedScenario* p : {&base, &whatif}) {
    for (const model::PlannedActivity& a : p->plan().activities) {
      const sys_days s{a.start}, e{a.end};
      if (!first || s < *first) first = s;
      if (!last || e > *last) last = e;
    }
  }
  if (first && last) {
    for (sys_days d = *first; d <= *last + std::chrono::days{28}; d += std::chrono::days{7}) grid_.push_back(d);
  }
}

CompareCharts::Side CompareCharts::measure(const sim::PreparedScenario& prepared, const model::RunResults& r) const {
  Side side;
  side.fingerprint = r.fingerprint;
  const Calendar& calendar = prepared.calendar();
  std::size_t next = 0;
  double balance = 0.0;
  for (const sys_days d : grid_) {
    while (next < r.trust_fund.ledger.size() && sys_days{calendar.date_of(r.trust_fund.ledger[next].when)} <= d) {
      balance = r.trust_fund.ledger[next].balance;
      ++next;
    }
    side.balance.push_back(balance);
  }
  if (r.negotiation) {
    for (const model::DraftSnapshot& snap : r.negotiation->dynamics) {
      if (snap.day != 0 || snap.consultation != 0 || snap.dissent.empty()) continue;
      double sum = 0.0;
      for (double x : snap.dissent) sum += x;
      side.dissent.push_back(sum / static_cast<double>(snap.dissent.size()));
      side.rounds.push_back(snap.round);
    }
    side.agreed = r.negotiation->agreed_round;
  }
  for (const model::Withdrawal& w : r.withdrawals) {
    (w.cause == model::WithdrawalCause::dissociated ? side.dissociated : side.left).push_back(w.state);
  }
  return side;
}

void CompareCharts::add(std::size_t replication, const model::RunResults& base, const model::RunResults& whatif) {
  auto pair = std::pair{measure(base_, base), measure(whatif_, whatif)};
  const std::lock_guard lock(mutex_);
  pairs_.at(replication) = std::move(pair);
}

json CompareCharts::json(const experiments::PairedCompare& compare) const {
  const output::PairedComparison& c = compare.comparison();
  const std::lock_guard lock(mutex_);
  nlohmann::json out;

  // The Gantt: every activity of either plan, in the what-if's planned order, removed ones last.
  nlohmann::json gantt = nlohmann::json::array();
  const model::Scenario& ws = whatif_.scenario();
  const model::Scenario& bs = base_.scenario();
  const auto side_json = [&](const sim::PreparedScenario& p, std::size_t i, bool whatif) {
    const model::PlannedActivity& a = p.plan().activities[i];
    nlohmann::json j = {{"planned_start", iso(sys_days{a.start})}, {"planned_end", iso(sys_days{a.end})}};
    const std::string& id = p.scenario().activities[i].id;
    const output::MetricComparison* s = c.find(fmt::format("start_day.{}", id));
    const output::MetricComparison* e = c.find(fmt::format("end_day.{}", id));
    if (s && e) {
      const RunningStats& ss = whatif ? s->whatif : s->base;
      const RunningStats& es = whatif ? e->whatif : e->base;
      if (ss.count() > 0) j["start"] = date_or_null(p.calendar(), ss.mean());
      if (es.count() > 0) j["end"] = date_or_null(p.calendar(), es.mean());
    }
    return j;
  };
  for (std::size_t i : whatif_.setup().planned_order()) {
    const model::Activity& a = ws.activities[i];
    nlohmann::json row = {{"id", a.id}, {"name", a.name}, {"kind", model::to_string(a.kind)}};
    if (const auto b = bs.find_activity(a.id)) row["base"] = side_json(base_, *b, false);
    row["whatif"] = side_json(whatif_, i, true);
    gantt.push_back(std::move(row));
  }
  for (std::size_t i = 0; i < bs.activities.size(); ++i) {
    if (ws.find_activity(bs.activities[i].id)) continue;
    gantt.push_back({{"id", bs.activities[i].id}, {"name", bs.activities[i].name},
                     {"kind", model::to_string(bs.activities[i].kind)}, {"base", side_json(base_, i, false)}});
  }
  out["gantt"] = std::move(gantt);

  // Participation by regional group and development status: attendance share, both sides.
  nlohmann::json participation = nlohmann::json::array();
  const auto group_row = [&](const std::string& id, const std::string& label, const char* grouping) {
    const output::MetricComparison* m = c.find(fmt::format("attendance_share.{}", id));
    if (m == nullptr) return;
    const ConfidenceInterval d = output::PairedComparison::paired_interval(*m);
    nlohmann::json diff = {{"mean", d.n > 0 ? nlohmann::json(d.mean) : nlohmann::json(nullptr)}, {"n", d.n},
                           {"excludes_zero", output::PairedComparison::excludes_zero(*m)}};
    if (d.n >= 2) {
      diff["low"] = d.lower;
      diff["high"] = d.upper;
    }
    participation.push_back({{"group", id}, {"label", label}, {"grouping", grouping},
                             {"base", interval(m->base, *m->info)}, {"whatif", interval(m->whatif, *m->info)},
                             {"difference", std::move(diff)}});
  };
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    const auto group = static_cast<model::RegionalGroup>(g);
    group_row(std::string(model::to_string(group)), std::string(output::group_label(group)), "regional group");
  }
  for (int k = 0; k < sim::kStatuses; ++k) {
    const std::string id(sim::kStatusNames[static_cast<std::size_t>(k)]);
    group_row(id, k == 2 ? "LDCs" : id, "development status");
  }
  out["participation"] = std::move(participation);

  // The trust fund's mean balance on each date of the grid.
  std::vector<double> base_balance(grid_.size(), 0.0), whatif_balance(grid_.size(), 0.0);
  std::size_t n = 0;
  for (const auto& pair : pairs_) {
    if (!pair) continue;
    ++n;
    for (std::size_t i = 0; i < grid_.size(); ++i) {
      base_balance[i] += pair->first.balance[i];
      whatif_balance[i] += pair->second.balance[i];
    }
  }
  nlohmann::json dates = nlohmann::json::array();
  for (std::size_t i = 0; i < grid_.size(); ++i) {
    dates.push_back(iso(grid_[i]));
    if (n > 0) {
      base_balance[i] /= static_cast<double>(n);
      whatif_balance[i] /= static_cast<double>(n);
    }
  }
  out["trust_fund"] = {{"dates", std::move(dates)}, {"base", base_balance}, {"whatif", whatif_balance}};

  // The negotiation, per side.
  const auto negotiation = [&](bool whatif) {
    const sim::PreparedScenario& p = whatif ? whatif_ : base_;
    std::vector<double> sum;
    std::vector<std::size_t> count;
    std::vector<std::string> labels, ids;
    std::map<std::string, int> agreed;  // round name (or "not agreed") -> replications
    std::vector<int> left(p.scenario().member_states.size(), 0), dissociated(left.size(), 0);
    for (const auto& pair : pairs_) {
      if (!pair) continue;
      const Side& s = whatif ? pair->second : pair->first;
      for (std::size_t i = 0; i < s.dissent.size(); ++i) {
        if (sum.size() <= i) {
          sum.push_back(0.0);
          count.push_back(0);
          labels.push_back(p.scenario().activities.at(s.rounds[i]).name);
          ids.push_back(p.scenario().activities.at(s.rounds[i]).id);
        }
        sum[i] += s.dissent[i];
        ++count[i];
      }
      ++agreed[s.agreed ? p.scenario().activities.at(*s.agreed).id : std::string("not agreed")];
      for (std::size_t st : s.left) ++left.at(st);
      for (std::size_t st : s.dissociated) ++dissociated.at(st);
    }
    nlohmann::json dissent = nlohmann::json::array();
    for (std::size_t i = 0; i < sum.size(); ++i) {
      dissent.push_back({{"round", labels[i]}, {"id", ids[i]}, {"mean", sum[i] / static_cast<double>(count[i])}, {"n", count[i]}});
    }
    nlohmann::json agreement = nlohmann::json::array();
    for (const model::Activity& a : p.scenario().activities) {
      if (const auto it = agreed.find(a.id); it != agreed.end()) {
        agreement.push_back({{"round", a.id}, {"name", a.name}, {"runs", it->second}});
      }
    }
    if (const auto it = agreed.find("not agreed"); it != agreed.end()) {
      agreement.push_back({{"round", nullptr}, {"name", "not agreed"}, {"runs", it->second}});
    }
    std::map<std::string, std::pair<int, int>> departures;  // iso3 -> (left, dissociated)
    for (std::size_t st = 0; st < left.size(); ++st) {
      if (left[st] + dissociated[st] > 0) departures[p.scenario().member_states[st].iso3] = {left[st], dissociated[st]};
    }
    return std::tuple{std::move(dissent), std::move(agreement), std::move(departures)};
  };
  auto [bd, ba, bdep] = negotiation(false);
  auto [wd, wa, wdep] = negotiation(true);
  nlohmann::json departures = nlohmann::json::array();
  std::map<std::string, std::string> names;
  for (const auto* p : {&base_, &whatif_}) {
    for (const model::MemberState& s : p->scenario().member_states) names.emplace(s.iso3, s.name);
  }
  std::map<std::string, bool> states;
  for (const auto& [iso3, v] : bdep) states[iso3] = true;
  for (const auto& [iso3, v] : wdep) states[iso3] = true;
  for (const auto& [iso3, unused] : states) {
    const auto b = bdep.count(iso3) ? bdep.at(iso3) : std::pair{0, 0};
    const auto w = wdep.count(iso3) ? wdep.at(iso3) : std::pair{0, 0};
    departures.push_back({{"iso3", iso3}, {"name", names[iso3]}, {"base_left", b.first}, {"base_dissociated", b.second},
                          {"whatif_left", w.first}, {"whatif_dissociated", w.second}});
  }
  std::stable_sort(departures.begin(), departures.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    const auto total = [](const nlohmann::json& j) {
      return j["base_left"].get<int>() + j["base_dissociated"].get<int>() + j["whatif_left"].get<int>() +
             j["whatif_dissociated"].get<int>();
    };
    return total(a) > total(b);
  });
  out["negotiation"] = {{"base", {{"dissent", bd}, {"agreed", ba}}},
                        {"whatif", {{"dissent", wd}, {"agreed", wa}}},
                        {"departures", std::move(departures)}};
  const auto* first = pairs_.empty() || !pairs_.front() ? nullptr : &*pairs_.front();
  out["fingerprints"] = {{"base", first ? first->first.fingerprint : ""}, {"whatif", first ? first->second.fingerprint : ""}};
  return out;
}

}  // namespace gcmsim::serve
