#include "output/negotiation_outputs.hpp"

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/narration.hpp"

namespace gcmsim::output {
std::string dynamics_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal) {
  CsvTable table({"round", "day", "time", "dimension", "draft", "dissent", "bracketed", "consensus_share", "remaining"});
  for (const model::DraftSnapshot& snap : rec.dynamics) {
    for (std::size_t d = 0; d < snap.draft.size(); ++d) {
      table.add_row({s.activities[snap.round].id, std::to_string(snap.day), cal.to_string(snap.when), rec.dimensions[d],
                     csv_number(snap.draft[d], 4), csv_number(snap.dissent[d], 4), snap.bracketed[d] ? "true" : "false",
                     csv_number(snap.consensus_share, 4), std::to_string(snap.remaining)});
    }
  }
  return table.str();
}

std::string positions_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal) {
  std::vector<std::string> columns = {"round", "time", "state", "iso3"};
  columns.insert(columns.end(), rec.dimensions.begin(), rec.dimensions.end());
  columns.insert(columns.end(), {"acceptance", "in"});
  CsvTable table(std::move(columns));
  for (const model::PositionSnapshot& p : rec.positions) {
    const model::MemberState& st = s.member_states[p.state];
    std::vector<std::string> row = {s.activities[p.round].id, cal.to_string(p.when), st.name, st.iso3};
    for (double x : p.position) row.push_back(csv_number(x, 4));
    row.push_back(csv_number(p.acceptance, 4));
    row.emplace_back(p.in ? "true" : "false");
    table.add_row(std::move(row));
  }
  return table.str();
}

nlohmann::ordered_json outcome_json(const model::Scenario& s, const model::RunResults& results, const Calendar& cal) {
  nlohmann::ordered_json out;
  const model::NegotiationRecord& rec = *results.negotiation;
  out["rounds_held"] = rec.rounds_held;
  out["agreed"] = rec.agreed_at.has_value();
  out["agreed_at"] = rec.agreed_at ? nlohmann::ordered_json(cal.to_string(*rec.agreed_at)) : nlohmann::ordered_json(nullptr);
  out["agreed_round"] = rec.agreed_round ? nlohmann::ordered_json(s.activities[*rec.agreed_round].id) : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json left = nlohmann::ordered_json::array();
  for (const model::Withdrawal& w : results.withdrawals) {
    left.push_back({{"state", s.member_states[w.state].name}, {"iso3", s.member_states[w.state].iso3},
                    {"when", cal.to_string(w.when)}, {"reason", withdrawal_reason(w)}});
  }
  out["withdrawals"] = left;
  nlohmann::ordered_json conference;
  conference["held_at"] = rec.conference_at ? nlohmann::ordered_json(cal.to_string(*rec.conference_at)) : nlohmann::ordered_json(nullptr);
  for (auto vote : {model::ConferenceVote::adopt, model::ConferenceVote::abstain, model::ConferenceVote::object, model::ConferenceVote::left}) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& [k, v] : rec.conference) {
      if (v == vote) list.push_back(s.member_states[k].iso3);
    }
    conference[std::string(model::to_string(vote))] = {{"count", list.size()}, {"states", list}};
  }
  out["conference"] = conference;
  return out;
}

std::string negotiation_summary(const model::Scenario& s, const model::RunResults& results, const Calendar& cal) {
  if (!results.negotiation) return {};
  const model::NegotiationRecord& rec = *results.negotiation;
  std::string out = fmt::format("Negotiation: {} round{} held; ", rec.rounds_held, rec.rounds_held == 1 ? "" : "s");
  out += rec.agreed_at ? fmt::format("text agreed {} (end of {})\n", cal.date_string(*rec.agreed_at), s.activities[*rec.agreed_round].id)
                       : std::string("no agreed text\n");
  if (!rec.dynamics.empty()) {
    std::vector<std::string> open;
    for (std::size_t d = 0; d < rec.dimensions.size(); ++d) {
      if (rec.dynamics.back().bracketed[d]) open.push_back(rec.dimensions[d]);
    }
    if (!open.empty()) out += fmt::format("  still bracketed: {}\n", fmt::join(open, ", "));
  }
  if (!rec.conference.empty()) {
    const model::ConferenceTally votes = model::tally(rec);
    std::vector<std::string> objecting;
    for (const auto& [k, v] : rec.conference) {
      if (v == model::ConferenceVote::object) objecting.push_back(s.member_states[k].iso3);
    }
    out += fmt::format("  conference {}: {} adopt, {} abstain, {} object{}; {} left the process\n",
                       rec.conference_at ? cal.date_string(*rec.conference_at) : std::string("-"), votes.adopt, votes.abstain, votes.object,
                       objecting.empty() ? std::string() : fmt::format(" ({})", fmt::join(objecting, ", ")), votes.left);
  }
  return out;
}

}  // namespace gcmsim::output
