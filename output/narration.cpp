#include "output/narration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "output/coalition_names.hpp"

namespace gcmsim::output {
namespace {

std::string lowercase_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

const std::string& dimension_name(const model::Scenario& s, std::size_t d) { return s.negotiation->dimensions[d].name; }

// "sovereignty 3.2; human rights 2.9 [bracketed]; ..."
std::string describe_draft(const model::Scenario& s, const std::vector<double>& draft, const std::vector<bool>& bracketed) {
  std::vector<std::string> parts;
  for (std::size_t d = 0; d < draft.size(); ++d) {
    parts.push_back(fmt::format("{} {:.1f}{}", lowercase_first(dimension_name(s, d)), draft[d], bracketed[d] ? " [bracketed]" : ""));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

const std::string& activity_name(const model::Activity& a) { return a.name.empty() ? a.id : a.name; }

}  // namespace

std::string withdrawal_reason(const model::Withdrawal& w) {
  if (w.cause == model::WithdrawalCause::text) {
    return fmt::format("acceptance {:.3f} below its reservation {:.3f}", w.acceptance, w.reservation);
  }
  if (w.cause == model::WithdrawalCause::dissociated) return "dissociated from the agreed text";
  return w.note.empty() ? "scripted in the scenario" : w.note;
}

std::string narrate(const model::Scenario& s, const Calendar& calendar, SimTime when, const model::ProcessEvent& event) {
  struct Words {
    const model::Scenario& s;
    const Calendar& calendar;
    SimTime when;

    std::string operator()(const model::MeetingOpened& e) const {
      const model::Activity& a = s.activities[e.activity];
      std::string line = fmt::format("{} opens in {}: {} of {} delegations present", activity_name(a),
                                     s.venues[*a.venue].name, e.present, e.invited);
      if (e.boycotting > 0) {
        std::vector<std::string> who;
        for (const model::ScriptedBoycott& b : s.boycotts) {
          if (b.activity == e.activity) who.push_back(b.who.empty() ? s.member_states[b.states.front()].name : b.who);
        }
        line += fmt::format("; {} stay{} away in a boycott by {}", e.boycotting, e.boycotting == 1 ? "s" : "",
                            fmt::join(who, "; "));
      }
      return line;
    }
    std::string operator()(const model::ZeroDraftCirculated& e) const {
      return fmt::format("The co-facilitators circulate the zero draft: {}", describe_draft(s, e.draft, e.bracketed));
    }
    std::string operator()(const model::FloorTaken& e) const {
      if (e.group >= 0) {
        return fmt::format("Round {}, day {}, {} \u2014 {} speaks for {} on {}; the draft moves {:.2f} toward the group",
                           e.round_number, e.day, clock_string(calendar.time_of_day(when) / kMinute * kMinute),
                           s.member_states[e.state].name, coalition_name(s.speaking_groups[static_cast<std::size_t>(e.group)]),
                           lowercase_first(dimension_name(s, e.dimension)), e.moved);
      }
      return fmt::format("Round {}, day {}, {} \u2014 {} takes the floor on {}; the draft moves {:.2f} toward it",
                         e.round_number, e.day, clock_string(calendar.time_of_day(when) / kMinute * kMinute),
                         s.member_states[e.state].name, lowercase_first(dimension_name(s, e.dimension)), e.moved);
    }
    std::string operator()(const model::NegotiationDayClosed& e) const {
      return fmt::format("Round {}, day {} closes: informal consultations move positions by {:.2f} on average",
                         e.round_number, e.day, e.mean_move);
    }
    std::string operator()(const model::StateLeft& e) const {
      const model::Withdrawal& w = e.withdrawal;
      if (w.cause == model::WithdrawalCause::text) {
        return fmt::format("{} leaves the process: the draft is too far from its views (acceptance {:.3f}, reservation {:.3f})",
                           s.member_states[w.state].name, w.acceptance, w.reservation);
      }
      if (w.cause == model::WithdrawalCause::dissociated) {
        return fmt::format("{} dissociates itself from the agreed text (it stays in the process)", s.member_states[w.state].name);
      }
      // A withdrawal addressed to a group says so: the scenario's event for this state names it.
      std::string group;
      for (const model::ScriptedWithdrawal& scripted : s.withdrawals) {
        if (scripted.state == s.member_states[w.state].iso3 && calendar.at(scripted.date) <= w.when) {
          group = scripted.who.empty() ? std::string() : fmt::format("; an event for {}", scripted.who);
          break;
        }
      }
      return fmt::format("{} leaves the process ({}{})", s.member_states[w.state].name, withdrawal_reason(w), group);
    }
    std::string operator()(const model::RoundEnded& e) const {
      std::string line = fmt::format("Round {} ends. Revised draft: {}. Consensus {:.0f}% of {} delegations{}", e.round_number,
                                     describe_draft(s, e.draft, e.bracketed), 100.0 * e.consensus_share, e.remaining,
                                     e.agreed ? " \u2014 the text is agreed" : "");
      if (e.agreed || e.holders.empty()) return line;
      // Why not: consensus needs every objection withdrawn, so name the brackets and who holds them.
      std::vector<std::string> brackets;
      for (std::size_t d = 0; d < e.objecting.size(); ++d) {
        if (e.objecting[d] > 0)
          brackets.push_back(fmt::format("{} ({} {})", lowercase_first(dimension_name(s, d)), e.objecting[d],
                                         e.objecting[d] == 1 ? "delegation" : "delegations"));
      }
      std::vector<std::string> names;
      for (std::size_t i = 0; i < e.holders.size() && i < 3; ++i) names.push_back(s.member_states[e.holders[i]].name);
      const std::string who = e.holders.size() > 3 ? fmt::format("{} and {} more", fmt::join(names, ", "), e.holders.size() - 3)
                                                   : fmt::format("{}", fmt::join(names, ", "));
      line += fmt::format(" \u2014 not agreed: brackets held on {}; holding out: {}{}", fmt::join(brackets, ", "), who,
                          e.deadline ? "; the deadline passes without consensus" : "");
      return line;
    }
    std::string operator()(const model::ConferenceHeld& e) const {
      if (!e.text_adopted)
        return fmt::format("{}: no text was agreed, so there is nothing to adopt", activity_name(s.activities[e.activity]));
      return fmt::format("{}: the compact is adopted by acclamation with {} states present; {} absent, {} dissociated, {} left "
                         "the process before", activity_name(s.activities[e.activity]), e.tally.adopt, e.tally.absent,
                         e.tally.dissociated, e.tally.left);
    }
  };
  return std::visit(Words{s, calendar, when}, event);
}

}  // namespace gcmsim::output
