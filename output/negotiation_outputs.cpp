#include "output/negotiation_outputs.hpp"

#include <algorithm>
#include <stdexcept>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/narration.hpp"

namespace gcmsim::output {

namespace {

// votes.csv's left_because: a drawn dissociation is the model's, not the scenario's script.
std::string_view left_because(model::WithdrawalCause cause) {
  switch (cause) {
    case model::WithdrawalCause::text: return "text";
    case model::WithdrawalCause::scripted: return "scripted";
    case model::WithdrawalCause::dissociated: return "dissociated";
  }
  return "scripted";
}

}  // namespace

std::string dynamics_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal) {
  CsvTable table({"round", "day", "consultation", "time", "dimension", "draft", "dissent", "bracketed", "objecting",
                  "consensus_share", "remaining"});
  table.reserve(rec.dynamics.size() * rec.dimensions.size(), 96);
  DateTimeText time_text(cal);
  for (const model::DraftSnapshot& snap : rec.dynamics) {
    for (std::size_t d = 0; d < snap.draft.size(); ++d) {
      table.text(s.activities[snap.round].id).integer(snap.day).integer(snap.consultation).text(time_text(snap.when));
      table.text(rec.dimensions[d]).number(snap.draft[d], 4).number(snap.dissent[d], 4).boolean(snap.bracketed[d]);
      table.integer(d < snap.objecting.size() ? snap.objecting[d] : 0).number(snap.consensus_share, 4).integer(snap.remaining);
      table.end_row();
    }
  }
  return std::move(table).str();
}

namespace {

// A snapshot a table of the given detail keeps: with `rounds`, the zero draft and the ends of
// rounds and consultations (day 0); with `daily`, every sitting day's end too.
bool kept(const model::PositionSnapshot& p, loader::Snapshots which) {
  return which == loader::Snapshots::daily || (which == loader::Snapshots::rounds && p.day == 0);
}

std::vector<std::string> positions_columns(const std::vector<std::string>& dimensions) {
  std::vector<std::string> columns(loader::kPositionsKeyColumns.begin(), loader::kPositionsKeyColumns.end());
  for (const std::string& d : dimensions) {
    if (std::find(loader::kPositionsKeyColumns.begin(), loader::kPositionsKeyColumns.end(), d) != loader::kPositionsKeyColumns.end()) {
      throw std::invalid_argument(fmt::format("positions.csv: dimension '{}' has the name of a key column", d));
    }
    columns.push_back(d);
  }
  return columns;
}

}  // namespace

// The largest output: one row per state and snapshot, a column per dimension (each dimension's
// name once in the header, not on each row: 3.4 MB long and daily for the baseline, 0.16 MB wide
// and per round). Each field is formatted straight into the table's one buffer.
std::string positions_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal,
                          loader::Snapshots which) {
  CsvTable table(positions_columns(rec.dimensions));
  std::size_t rows = 0;
  for (const model::PositionSnapshot& p : rec.positions) rows += kept(p, which) ? 1 : 0;
  table.reserve(rows, 32 + 14 * rec.dimensions.size());
  DateTimeText time_text(cal);
  for (const model::PositionSnapshot& p : rec.positions) {
    if (!kept(p, which)) continue;
    table.text(s.activities[p.round].id).integer(p.day).text(time_text(p.when)).text(s.member_states[p.state].iso3);
    for (double x : p.position) table.exact(x);
    table.end_row();
  }
  return std::move(table).str();
}

std::string acceptance_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal,
                           loader::Snapshots which) {
  CsvTable table({"round", "day", "time", "iso3", "acceptance", "taking_part"});
  table.reserve(rec.positions.size(), 48);
  DateTimeText time_text(cal);
  for (const model::PositionSnapshot& p : rec.positions) {
    if (!kept(p, which)) continue;
    table.text(s.activities[p.round].id).integer(p.day).text(time_text(p.when)).text(s.member_states[p.state].iso3);
    table.number(p.acceptance, 4).boolean(p.in).end_row();
  }
  return std::move(table).str();
}

std::string votes_csv(const model::Scenario& s, const model::RunResults& results, const Calendar& cal) {
  const model::NegotiationRecord& rec = *results.negotiation;
  CsvTable table({"iso3", "state", "vote", "left_at", "left_because", "acceptance_when_left", "reservation",
                  "dissociated_at", "ga_vote"});
  std::vector<std::optional<model::ConferenceVote>> vote(s.member_states.size());
  std::vector<std::optional<SimTime>> dissociated(s.member_states.size());
  std::vector<std::optional<model::GaVote>> ga(s.member_states.size());
  for (const auto& [k, when] : rec.dissociations) dissociated[k] = when;
  for (const auto& [k, v] : rec.ga_vote) ga[k] = v;
  std::vector<bool> negotiating(s.member_states.size(), false);
  for (const auto& [k, v] : rec.conference) vote[k] = v;
  for (const model::PositionSnapshot& p : rec.positions) negotiating[p.state] = true;
  std::vector<const model::Withdrawal*> left(s.member_states.size(), nullptr);
  std::vector<const model::Withdrawal*> why(s.member_states.size(), nullptr);
  for (const model::Withdrawal& w : results.withdrawals) {
    negotiating[w.state] = true;
    // A dissociation after agreement has its own column (dissociated_at): the state never left. Its
    // left_because still says whose decision it was: the model's draw or the scenario's script.
    if (left[w.state] == nullptr && w.cause != model::WithdrawalCause::dissociated) left[w.state] = &w;
    if (why[w.state] == nullptr) why[w.state] = &w;
  }
  for (std::size_t k = 0; k < s.member_states.size(); ++k) {
    if (!negotiating[k] && !vote[k]) continue;
    const model::Withdrawal* w = left[k];
    table.add_row({s.member_states[k].iso3, s.member_states[k].name,
                   vote[k] ? std::string(model::to_string(*vote[k])) : std::string(),
                   w != nullptr ? iso_datetime(cal, w->when) : std::string(),
                   why[k] == nullptr ? std::string() : std::string(left_because(why[k]->cause)),
                   w != nullptr && w->cause == model::WithdrawalCause::text ? csv_number(w->acceptance, 4) : std::string(),
                   w != nullptr && w->cause == model::WithdrawalCause::text ? csv_number(w->reservation, 4) : std::string(),
                   dissociated[k] ? iso_datetime(cal, *dissociated[k]) : std::string(),
                   ga[k] ? std::string(model::to_string(*ga[k])) : std::string()});
  }
  return std::move(table).str();
}

nlohmann::ordered_json outcome_json(const model::Scenario& s, const model::RunResults& results, const Calendar& cal) {
  nlohmann::ordered_json out;
  const model::NegotiationRecord& rec = *results.negotiation;
  out["rounds_held"] = rec.rounds_held;
  out["agreed"] = rec.agreed_at.has_value();
  out["agreed_at"] = rec.agreed_at ? nlohmann::ordered_json(iso_datetime(cal, *rec.agreed_at)) : nlohmann::ordered_json(nullptr);
  out["agreed_round"] = rec.agreed_round ? nlohmann::ordered_json(s.activities[*rec.agreed_round].id) : nlohmann::ordered_json(nullptr);
  out["scheduled_rounds"] = rec.scheduled_rounds;
  out["informal_consultations"] = rec.informal_consultations;  // OP29, after the last scheduled round
  nlohmann::ordered_json holdouts = nlohmann::ordered_json::array();
  for (std::size_t k : rec.holdouts) holdouts.push_back(s.member_states[k].iso3);
  out["holdouts"] = holdouts;  // holding a bracket when the last scheduled round closed
  // Flat for pd.json_normalize: counts and ISO3 lists here; dates and reasons per state in votes.csv.
  // Who left the process (before agreement: the text, or the scenario's events); dissociations
  // after agreement are apart, in dissociated_after_agreement: the two are never one count.
  nlohmann::ordered_json left = nlohmann::ordered_json::array();
  for (const model::Withdrawal& w : results.withdrawals) {
    if (w.cause != model::WithdrawalCause::dissociated) left.push_back(s.member_states[w.state].iso3);
  }
  out["left_process"] = {{"count", left.size()}, {"states", left}};
  nlohmann::ordered_json conference;
  conference["held_at"] = rec.conference_at ? nlohmann::ordered_json(iso_datetime(cal, *rec.conference_at)) : nlohmann::ordered_json(nullptr);
  // Adoption is by acclamation, and only of an agreed text: without one the lists stay empty.
  conference["text_adopted"] = rec.text_adopted;
  if (rec.conference_at && !rec.text_adopted) conference["note"] = "no text was agreed: nothing to adopt";
  for (auto vote : {model::ConferenceVote::adopt, model::ConferenceVote::absent, model::ConferenceVote::dissociated, model::ConferenceVote::left}) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& [k, v] : rec.conference) {
      if (v == vote) list.push_back(s.member_states[k].iso3);
    }
    conference[std::string(model::to_string(vote))] = {{"count", list.size()}, {"states", list}};
  }
  out["conference"] = conference;
  nlohmann::ordered_json dissociated = nlohmann::ordered_json::array();
  for (const auto& [k, when] : rec.dissociations) dissociated.push_back(s.member_states[k].iso3);
  out["dissociated_after_agreement"] = {{"count", dissociated.size()}, {"states", dissociated}};
  if (!rec.ga_vote.empty()) {
    nlohmann::ordered_json ga;
    for (auto vote : {model::GaVote::yes, model::GaVote::no, model::GaVote::abstain, model::GaVote::absent}) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const auto& [k, v] : rec.ga_vote)
        if (v == vote) list.push_back(s.member_states[k].iso3);
      ga[std::string(model::to_string(vote))] = {{"count", list.size()}, {"states", list}};
    }
    out["ga_vote"] = ga;
  }
  return out;
}

std::string negotiation_summary(const model::Scenario& s, const model::RunResults& results, const Calendar& cal) {
  if (!results.negotiation) return {};
  const model::NegotiationRecord& rec = *results.negotiation;
  std::string out = fmt::format("Negotiation: {} round{} held; ", rec.rounds_held, rec.rounds_held == 1 ? "" : "s");
  if (!rec.agreed_at) {
    out += rec.informal_consultations > 0
               ? fmt::format("no agreed text, after {} OP29 consultation{} following the last round\n", rec.informal_consultations,
                             rec.informal_consultations == 1 ? "" : "s")
               : std::string("no agreed text\n");
  } else if (rec.informal_consultations > 0) {
    // OP29: agreed in the informal consultations after the last scheduled round, not in the round.
    out += fmt::format("text agreed {} in OP29 consultations after {} ({} informal consultation{})\n",
                       cal.date_string(*rec.agreed_at), s.activities[*rec.agreed_round].id, rec.informal_consultations,
                       rec.informal_consultations == 1 ? "" : "s");
  } else {
    out += fmt::format("text agreed {} (end of {})\n", cal.date_string(*rec.agreed_at), s.activities[*rec.agreed_round].id);
  }
  if (!rec.dynamics.empty()) {
    std::vector<std::string> open;
    for (std::size_t d = 0; d < rec.dimensions.size(); ++d) {
      if (rec.dynamics.back().bracketed[d]) open.push_back(rec.dimensions[d]);
    }
    if (!open.empty()) out += fmt::format("  still bracketed: {}\n", fmt::join(open, ", "));
  }
  if (rec.conference_at && !rec.text_adopted) {
    out += fmt::format("  conference {}: no agreed text, nothing to adopt\n", cal.date_string(*rec.conference_at));
  } else if (!rec.conference.empty()) {
    const model::ConferenceTally votes = model::tally(rec);
    std::vector<std::string> dissociated;
    for (const auto& [k, v] : rec.conference) {
      if (v == model::ConferenceVote::dissociated) dissociated.push_back(s.member_states[k].iso3);
    }
    out += fmt::format("  conference {}: adopted by acclamation, {} present; {} absent, {} dissociated after agreement{}; {} left the process\n",
                       rec.conference_at ? cal.date_string(*rec.conference_at) : std::string("-"), votes.adopt, votes.absent,
                       votes.dissociated, dissociated.empty() ? std::string() : fmt::format(" ({})", fmt::join(dissociated, ", ")),
                       votes.left);
  }
  return out;
}

}  // namespace gcmsim::output
