#include "serve/classroom/board.hpp"

#include <fmt/core.h>

#include "engine/calendar.hpp"
#include "output/csv.hpp"
#include "output/narration.hpp"

namespace gcmsim::serve::classroom {
namespace {

using nlohmann::json;

// The projector shows the last lines; a student's page the last few. Older ones are in the debrief.
constexpr std::size_t kNarrationKept = 24;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

Board::Board(const sim::PreparedScenario& prepared) : prepared_(prepared) {
  const model::Scenario& s = prepared.scenario();
  for (const model::Activity& a : s.activities) {
    if (a.kind != model::ActivityKind::negotiation_round) continue;
    ++rounds_;
    if (a.end) deadline_ = iso_date(*a.end);
  }
  if (s.negotiation) objecting_.assign(s.negotiation->dimensions.size(), 0);
}

void Board::on_event(SimTime when, const model::ProcessEvent& event) {
  const model::Scenario& s = prepared_.scenario();
  now_ = when;
  narration_.push_back({output::iso_datetime(prepared_.calendar(), when), output::narrate(s, prepared_.calendar(), when, event)});
  if (narration_.size() > kNarrationKept) narration_.pop_front();
  std::visit(Overloaded{
                 [&](const model::ZeroDraftCirculated& e) { history_.push_back({"Zero draft", e.draft, e.bracketed}); },
                 [&](const model::FloorTaken& e) { round_ = e.round_number; },
                 [&](const model::NegotiationDayClosed& e) { round_ = e.round_number; },
                 [&](const model::StateLeft& e) {
                   // Before agreement a state leaves the process; after it, it dissociates from the text.
                   const bool after = e.withdrawal.cause == model::WithdrawalCause::dissociated;
                   (after ? dissociated_ : left_).push_back(s.member_states[e.withdrawal.state].name);
                 },
                 [&](const model::RoundEnded& e) {
                   round_ = e.round_number;
                   history_.push_back({fmt::format("Round {}", e.round_number), e.draft, e.bracketed});
                   objecting_ = e.objecting.empty() ? std::vector<int>(objecting_.size(), 0) : e.objecting;
                   holders_.clear();
                   for (std::size_t k : e.holders) holders_.push_back(s.member_states[k].name);
                 },
                 [&](const model::ConferenceHeld& e) {
                   outcome_ = {{"adopted", e.text_adopted}, {"adopt", e.tally.adopt}, {"absent", e.tally.absent},
                               {"dissociated", e.tally.dissociated}, {"left", e.tally.left}};
                 },
                 [&](const model::MeetingOpened&) {},
             },
             event);
}

json Board::to_json() const {
  const model::Scenario& s = prepared_.scenario();
  json dimensions = json::array();
  if (s.negotiation) {
    for (const auto& d : s.negotiation->dimensions) dimensions.push_back({{"id", d.id}, {"name", d.name}});
  }
  json history = json::array();
  for (const Text& t : history_) history.push_back({{"label", t.label}, {"draft", t.draft}, {"bracketed", t.bracketed}});
  json narration = json::array();
  for (const Line& l : narration_) narration.push_back({{"time", l.time}, {"text", l.text}});
  json board = {{"time", now_ == 0 ? "" : output::iso_datetime(prepared_.calendar(), now_)},
                {"round", round_},
                {"rounds", rounds_},
                {"deadline", deadline_},
                {"dimensions", std::move(dimensions)},
                {"scale", s.negotiation ? json{{"min", s.negotiation->scale_min}, {"max", s.negotiation->scale_max}} : json()},
                {"history", std::move(history)},
                {"objecting", objecting_},
                {"holders", holders_},
                {"left", left_},
                {"dissociated", dissociated_},
                {"narration", std::move(narration)}};
  if (!outcome_.is_null()) board["outcome"] = outcome_;
  return board;
}

}  // namespace gcmsim::serve::classroom
