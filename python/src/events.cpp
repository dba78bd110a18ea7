// Typed process events for Python: each model::ProcessEvent becomes a dict with the event's kind,
// time and the English line output/narration words it with, plus who (state), on what
// (dimension) and how much (amount) when the event carries them, and its other numbers.
#include "events.hpp"

#include <string>
#include <type_traits>
#include <variant>

#include <pybind11/stl.h>

#include "output/narration.hpp"

namespace py = pybind11;

namespace gcmsim::python {
namespace {

py::list bracketed_list(const std::vector<bool>& bracketed) {
  py::list out;
  for (const bool b : bracketed) out.append(b);
  return out;
}

py::dict tally_dict(const model::ConferenceTally& tally) {
  py::dict d;
  d["adopt"] = tally.adopt;
  d["absent"] = tally.absent;
  d["dissociated"] = tally.dissociated;
  d["left"] = tally.left;
  return d;
}

}  // namespace

py::dict event_dict(const model::Scenario& scenario, const Calendar& calendar, SimTime when,
                    const model::ProcessEvent& event) {
  py::dict d;
  d["time"] = calendar.to_string(when);
  d["text"] = output::narrate(scenario, calendar, when, event);
  d["state"] = py::none();
  d["dimension"] = py::none();
  d["amount"] = py::none();
  const auto activity = [&](std::size_t index) { return scenario.activities.at(index).id; };
  const auto state = [&](std::size_t index) { return scenario.member_states.at(index).iso3; };
  const auto dimension = [&](std::size_t index) { return scenario.negotiation.value().dimensions.at(index).id; };
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        py::dict data;
        if constexpr (std::is_same_v<E, model::MeetingOpened>) {
          d["kind"] = "meeting_opened";
          data["activity"] = activity(e.activity);
          data["present"] = e.present;
          data["invited"] = e.invited;
          data["boycotting"] = e.boycotting;
          d["amount"] = static_cast<double>(e.present);
        } else if constexpr (std::is_same_v<E, model::ZeroDraftCirculated>) {
          d["kind"] = "zero_draft_circulated";
          data["activity"] = activity(e.activity);
          data["draft"] = e.draft;
          data["bracketed"] = bracketed_list(e.bracketed);
        } else if constexpr (std::is_same_v<E, model::FloorTaken>) {
          d["kind"] = "floor_taken";
          data["round"] = activity(e.round);
          data["round_number"] = e.round_number;
          data["day"] = e.day;
          d["state"] = state(e.state);
          d["dimension"] = dimension(e.dimension);
          d["amount"] = e.moved;
          // A group statement: the state speaks for its coalition (None: a national statement).
          data["group"] = e.group >= 0 ? py::object(py::str(scenario.speaking_groups.at(static_cast<std::size_t>(e.group))))
                                       : py::object(py::none());
        } else if constexpr (std::is_same_v<E, model::NegotiationDayClosed>) {
          d["kind"] = "negotiation_day_closed";
          data["round"] = activity(e.round);
          data["round_number"] = e.round_number;
          data["day"] = e.day;
          d["amount"] = e.mean_move;
        } else if constexpr (std::is_same_v<E, model::StateLeft>) {
          d["kind"] = "state_left";
          d["state"] = state(e.withdrawal.state);
          data["cause"] = e.withdrawal.cause == model::WithdrawalCause::text        ? "acceptance"
                          : e.withdrawal.cause == model::WithdrawalCause::dissociated ? "dissociated"
                                                                                       : "scripted";
          data["note"] = e.withdrawal.note;
          if (e.withdrawal.cause == model::WithdrawalCause::text) {
            d["amount"] = e.withdrawal.acceptance;
            data["reservation"] = e.withdrawal.reservation;
          }
        } else if constexpr (std::is_same_v<E, model::RoundEnded>) {
          d["kind"] = "round_ended";
          data["round"] = activity(e.round);
          data["round_number"] = e.round_number;
          data["draft"] = e.draft;
          data["bracketed"] = bracketed_list(e.bracketed);
          data["remaining"] = e.remaining;
          data["agreed"] = e.agreed;
          data["objecting"] = e.objecting;
          py::list holders;
          for (std::size_t k : e.holders) holders.append(state(k));
          data["holders"] = holders;
          data["deadline"] = e.deadline;
          d["amount"] = e.consensus_share;
        } else if constexpr (std::is_same_v<E, model::ConferenceHeld>) {
          d["kind"] = "conference_held";
          data["activity"] = activity(e.activity);
          data["tally"] = tally_dict(e.tally);
          d["amount"] = static_cast<double>(e.tally.adopt);
        }
        d["data"] = data;
      },
      event);
  return d;
}

}  // namespace gcmsim::python
