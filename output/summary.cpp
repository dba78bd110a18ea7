#include "output/summary.hpp"

#include "output/negotiation_outputs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/narration.hpp"
#include "output/timeline_csv.hpp"

namespace gcmsim::output {
namespace {

using model::ActivityKind;

struct Milestone {
  ActivityKind kind;
  std::string_view name;
  bool first_and_last;
};

constexpr Milestone kMilestones[] = {
    {ActivityKind::thematic_session, "thematic session", true},
    {ActivityKind::stocktaking, "stocktaking", false},
    {ActivityKind::chairs_summary, "chair's summary", false},
    {ActivityKind::zero_draft, "zero draft", false},
    {ActivityKind::negotiation_round, "negotiation round", true},
    {ActivityKind::conference, "conference", false},
};

constexpr std::size_t kScreenColumns = 80;

// Withdrawals beyond this many are counted, not listed: the summary has to fit on a screen.
constexpr std::size_t kWithdrawalsListed = 10;

std::string percent(double share) { return std::isnan(share) ? "-" : fmt::format("{:.1f}%", share * 100.0); }

std::string signed_days(int days) { return days == 0 ? "0" : fmt::format("{:+}", days); }

std::string key_dates(const model::Scenario& scenario, const model::Plan& plan,
                      const model::RunResults& results, const Calendar& calendar) {
  std::vector<std::vector<std::string>> rows = {{"milestone", "id", "planned", "simulated", "slip"}};
  for (const KeyActivity& k : key_activities(scenario, plan)) {
    const model::ActivityRecord& r = results.activities.at(k.activity);
    const model::PlannedActivity& p = plan.activities.at(k.activity);
    rows.push_back({k.label, scenario.activities[k.activity].id, iso_date(p.end),
                    r.finished ? calendar.date_string(r.end) : "-",
                    r.finished ? signed_days(slip_days(p, r, calendar)) : "-"});
  }
  if (rows.size() == 1) return "Key dates: none of the milestone kinds is in the scenario\n";
  return fmt::format("Key dates: last day, planned vs simulated (slip in calendar days)\n{}",
                     aligned_columns(rows, {false, false, false, false, true}, "  "));
}

// Wrapped at " -> " so that a long chain stays readable on an 80-column terminal.
std::string critical_path(const model::Scenario& scenario, const model::Plan& plan) {
  std::string out = fmt::format("Critical path ({} working days):", plan.critical_path_days);
  if (plan.critical_path.empty()) return out + " none\n";
  std::size_t line_length = out.size();
  for (std::size_t k = 0; k < plan.critical_path.size(); ++k) {
    const std::string& id = scenario.activities.at(plan.critical_path[k]).id;
    const std::string piece = k + 1 < plan.critical_path.size() ? fmt::format(" {} ->", id) : fmt::format(" {}", id);
    if (k > 0 && line_length + piece.size() > kScreenColumns) {
      out += "\n ";  // with the piece's own leading space, a two-space indent
      line_length = 1;
    }
    out += piece;
    line_length += piece.size();
  }
  return out + '\n';
}

std::string by_group(const sim::Participation& m) {
  std::vector<std::vector<std::string>> rows = {
      {"regional group", "states", "attendance", "minutes", "speaking", "membership", "unserved"}};
  int states = 0;
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    const sim::GroupParticipation& gm = m.groups[g];
    states += gm.members;
    if (gm.members == 0) continue;  // a small scenario (the classroom) leaves groups empty
    rows.push_back({std::string(group_label(static_cast<model::RegionalGroup>(g))), fmt::format("{}", gm.members),
                    percent(gm.attendance_share), csv_number(gm.speaking_minutes, 1), percent(gm.speaking_share),
                    percent(gm.membership_share), fmt::format("{}", gm.unserved_requests)});
  }
  rows.push_back({"all", fmt::format("{}", states), "", csv_number(m.speaking_minutes, 1), "", "",
                  fmt::format("{}", m.unserved_requests)});
  return fmt::format(
      "By regional group: attendance = mean share of the group's states present per\n"
      "meeting; speaking = share of all speaking minutes, next to membership = share of\n"
      "the member states; unserved = floor requests never given the floor\n{}"
      "Unserved floor requests: {} in total\n",
      aligned_columns(rows, {false, true, true, true, true, true, true}, "  "), m.unserved_requests);
}

std::string trust_fund(const model::TrustFundRecord& t, const Calendar& calendar) {
  return fmt::format("Trust fund: raised {} USD, spent {} USD, ran dry: {}\n"
                     "  trips funded: {}, requests refused: {}\n",
                     csv_number(t.raised, 2), csv_number(t.spent, 2),
                     t.ran_dry ? calendar.date_string(*t.ran_dry) : "never", t.trips_funded, t.requests_refused);
}

// "Left the process: N" (before agreement: the text, or the scenario's events) and "Dissociated
// after agreement: M" (still in the process, not joining the consensus): the two are never summed,
// so that these lines and the conference's counts say the same.
std::string withdrawals(const model::Scenario& scenario, const model::RunResults& results, const Calendar& calendar) {
  std::string out;
  for (const bool dissociated : {false, true}) {
    std::vector<std::vector<std::string>> rows;
    std::size_t count = 0;
    for (const model::Withdrawal& w : results.withdrawals) {
      if ((w.cause == model::WithdrawalCause::dissociated) != dissociated) continue;
      if (++count > kWithdrawalsListed) continue;
      const model::MemberState& s = scenario.member_states.at(w.state);
      rows.push_back({fmt::format("{} ({})", s.name, s.iso3), calendar.date_string(w.when),
                      dissociated ? std::string() : withdrawal_reason(w)});
    }
    if (count == 0) continue;
    out += fmt::format("{}: {}\n{}", dissociated ? "Dissociated after agreement" : "Left the process", count,
                       aligned_columns(rows, {false, false, false}, "  "));
    if (count > kWithdrawalsListed) out += fmt::format("  ... and {} more\n", count - kWithdrawalsListed);
  }
  return out;
}

}  // namespace

std::string_view group_label(model::RegionalGroup group) {
  switch (group) {
    case model::RegionalGroup::african: return "African";
    case model::RegionalGroup::asia_pacific: return "Asia-Pacific";
    case model::RegionalGroup::eastern_european: return "Eastern European";
    case model::RegionalGroup::latin_american_caribbean: return "GRULAC";
    case model::RegionalGroup::western_european_others: return "WEOG";
  }
  return "?";
}

std::vector<KeyActivity> key_activities(const model::Scenario& scenario, const model::Plan& plan) {
  std::vector<KeyActivity> out;
  for (const Milestone& m : kMilestones) {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < scenario.activities.size(); ++i) {
      if (scenario.activities[i].kind == m.kind) found.push_back(i);
    }
    if (found.empty()) continue;
    // Scenario order breaks ties, so the choice never depends on the sort's stability.
    std::sort(found.begin(), found.end(), [&](std::size_t a, std::size_t b) {
      const auto sa = std::chrono::sys_days{plan.activities.at(a).start};
      const auto sb = std::chrono::sys_days{plan.activities.at(b).start};
      return sa != sb ? sa < sb : a < b;
    });
    if (found.size() == 1) {
      out.push_back({std::string(m.name), found.front()});
    } else if (m.first_and_last) {
      out.push_back({fmt::format("first {}", m.name), found.front()});
      out.push_back({fmt::format("last {}", m.name), found.back()});
    } else {
      out.push_back({std::string(m.name), found.front()});
    }
  }
  return out;
}

std::string aligned_columns(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                            std::string_view indent) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line(indent);
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      const std::string pad(width[c] - row[c].size(), ' ');
      const bool to_right = c < right.size() && right[c];
      line += to_right ? pad + row[c] : row[c] + pad;
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
  }
  return out;
}

std::string terminal_summary(const model::Scenario& scenario, const model::Plan& plan,
                             const model::RunResults& results, const Calendar& calendar) {
  std::string out = fmt::format("{}: seed {}, replication {}, {} events\n\n", scenario.name, results.seed,
                                results.replication, results.events);
  out += key_dates(scenario, plan, results, calendar);
  out += '\n';
  out += critical_path(scenario, plan);
  out += '\n';
  out += by_group(sim::participation(scenario, results));
  // A scenario without a trust fund (no contribution) gets no line about one.
  if (!scenario.trust_fund.contributions.empty()) {
    out += '\n';
    out += trust_fund(results.trust_fund, calendar);
  }
  if (const std::string n = negotiation_summary(scenario, results, calendar); !n.empty()) {
    out += '\n';
    out += n;
  }
  if (const std::string w = withdrawals(scenario, results, calendar); !w.empty()) {
    out += '\n';
    out += w;
  }
  return out;
}

}  // namespace gcmsim::output
