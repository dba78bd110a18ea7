// The narrated run: each typed process event worded as the one line a reader sees.
#include "output/narration.hpp"

#include <catch2/catch.hpp>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using namespace std::chrono;

namespace {

model::Scenario with_two_dimensions() {
  model::Scenario s = testing::minimal().s;
  model::NegotiationSpec spec;
  spec.dimensions = {{"sov", "Sovereignty", {}}, {"rights", "Human rights", {}}};
  s.negotiation = spec;
  s.speaking_groups = {"g77"};
  return s;
}

}  // namespace

TEST_CASE("a withdrawal's reason is worded from its numbers or the scenario's note", "[output][narration]") {
  CHECK(output::withdrawal_reason({0, 0, model::WithdrawalCause::text, 0.3124, 0.35, {}}) ==
        "acceptance 0.312 below its reservation 0.350");
  CHECK(output::withdrawal_reason({0, 0, model::WithdrawalCause::scripted, 0, 0, "announced it would no longer take part"}) ==
        "announced it would no longer take part");
  CHECK(output::withdrawal_reason({0, 0, model::WithdrawalCause::scripted, 0, 0, {}}) == "scripted in the scenario");
}

TEST_CASE("each process event becomes one English line", "[output][narration]") {
  const model::Scenario s = with_two_dimensions();
  const Calendar cal = s.make_calendar();
  const SimTime when = cal.at(year{2017} / May / 8, 10, 42) + 30;  // seconds are dropped
  const auto line = [&](const model::ProcessEvent& e) { return output::narrate(s, cal, when, e); };
  const std::size_t ts1 = *s.find_activity("ts1");
  const std::size_t ner = *s.find_state("NER");

  CHECK(line(model::MeetingOpened{ts1, 2, 3, 0}) == "ts1 opens in Palais des Nations: 2 of 3 delegations present");
  CHECK(line(model::ZeroDraftCirculated{0, {3.24, 2.0}, {false, true}}) ==
        "The co-facilitators circulate the zero draft: sovereignty 3.2; human rights 2.0 [bracketed]");
  CHECK(line(model::FloorTaken{ts1, 2, 3, ner, 1, 0.1234}) ==
        "Round 2, day 3, 10:42 \u2014 Niger takes the floor on human rights; the draft moves 0.12 toward it");
  CHECK(line(model::NegotiationDayClosed{ts1, 1, 4, 0.0312}) ==
        "Round 1, day 4 closes: informal consultations move positions by 0.03 on average");
  CHECK(line(model::StateLeft{{ner, when, model::WithdrawalCause::text, 0.2, 0.35, {}}}) ==
        "Niger leaves the process: the draft is too far from its views (acceptance 0.200, reservation 0.350)");
  CHECK(line(model::StateLeft{{ner, when, model::WithdrawalCause::scripted, 0, 0, "announced it"}}) ==
        "Niger leaves the process (announced it)");
  CHECK(line(model::RoundEnded{ts1, 6, {1.0, 2.0}, {false, false}, 0.92, 190, true}) ==
        "Round 6 ends. Revised draft: sovereignty 1.0; human rights 2.0. Consensus 92% of 190 delegations \u2014 the text is agreed");
  // Not agreed: the line says why (the brackets, who holds them) and whether the deadline passed.
  CHECK(line(model::RoundEnded{ts1, 6, {1.0, 2.0}, {false, true}, 0.5, 2, false, {0, 2}, {ner, ner}, true}) ==
        "Round 6 ends. Revised draft: sovereignty 1.0; human rights 2.0 [bracketed]. Consensus 50% of 2 delegations"
        " \u2014 not agreed: brackets held on human rights (2 delegations); holding out: Niger, Niger; the deadline passes"
        " without consensus");
  CHECK(line(model::FloorTaken{ts1, 2, 3, ner, 1, 0.1234, 0}) ==
        "Round 2, day 3, 10:42 \u2014 Niger speaks for the Group of 77 and China on human rights; the draft moves 0.12 toward the group");
  CHECK(line(model::ConferenceHeld{ts1, {152, 12, 5, 24}, true}) ==
        "ts1: the compact is adopted by acclamation with 152 states present; 12 absent, 5 dissociated, 24 left the process before");
  CHECK(line(model::ConferenceHeld{ts1, {}, false}) == "ts1: no text was agreed, so there is nothing to adopt");
}

TEST_CASE("the narration listener hands each worded line to its sink with the event's time", "[output][narration]") {
  const model::Scenario s = with_two_dimensions();
  const Calendar cal = s.make_calendar();
  std::vector<std::pair<SimTime, std::string>> said;
  output::Narration narration(s, cal, [&](SimTime t, const std::string& l) { said.emplace_back(t, l); });
  model::ProcessListener& listener = narration;
  listener.on_event(42, model::NegotiationDayClosed{0, 1, 1, 0.5});
  REQUIRE(said.size() == 1);
  CHECK(said[0].first == 42);
  CHECK(said[0].second == "Round 1, day 1 closes: informal consultations move positions by 0.50 on average");
}

TEST_CASE("group events are narrated with the group they addressed", "[output][narration]") {
  model::Scenario s = with_two_dimensions();
  const Calendar cal = s.make_calendar();
  const std::size_t ts1 = *s.find_activity("ts1");
  const std::size_t ner = *s.find_state("NER"), mex = *s.find_state("MEX");
  s.boycotts.push_back({ts1, {ner, mex}, "NER, MEX", {}, "ner_mex_stay_away"});
  s.withdrawals.push_back({year{2017} / May / 8, "NER", "left", "the african group", "african_group_leaves"});
  const SimTime when = cal.at(year{2017} / May / 8, 10);
  CHECK(output::narrate(s, cal, when, model::MeetingOpened{ts1, 1, 3, 2}) ==
        "ts1 opens in Palais des Nations: 1 of 3 delegations present; 2 stay away in a boycott by NER, MEX");
  CHECK(output::narrate(s, cal, when, model::StateLeft{{ner, when, model::WithdrawalCause::scripted, 0, 0, "left"}}) ==
        "Niger leaves the process (left; an event for the african group)");
}
