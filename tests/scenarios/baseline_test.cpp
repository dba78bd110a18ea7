// The baseline scenario against the rules of resolution 71/280 it must respect.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "../models/loader/load_helpers.hpp"

using namespace gcmsim;
using namespace std::chrono;

namespace {
const model::Scenario& baseline() {
  static const auto result = testing::load(testing::scenario_file("gcm-2017-2018.yaml"));
  if (!result.ok()) FAIL(result.error_report());
  return *result.scenario;
}
const model::Activity& activity(std::string_view id) { return baseline().activities.at(*baseline().find_activity(id)); }
}  // namespace

TEST_CASE("the baseline validates", "[baseline]") {
  const auto r = testing::load(testing::scenario_file("gcm-2017-2018.yaml"));
  INFO(r.error_report());
  REQUIRE(r.ok());
  REQUIRE(r.diagnostics.empty());
}

TEST_CASE("OP15/OP16: six thematic sessions of two days, 12 working days in all, at the OP15 venues", "[baseline]") {
  int sessions = 0;
  int days = 0;
  for (const auto& a : baseline().activities) {
    if (a.kind != model::ActivityKind::thematic_session) continue;
    ++sessions;
    days += a.days;
    REQUIRE(a.days == 2);
  }
  REQUIRE(sessions == 6);
  REQUIRE(days == 12);
  const auto venue = [](std::string_view id) { return baseline().venues[*activity(id).venue].id; };
  REQUIRE(venue("ts1") == "geneva");  // human rights, OP15(a)
  REQUIRE(venue("ts2") == "new_york");
  REQUIRE(venue("ts5") == "vienna");  // smuggling and trafficking, OP15(f)
  REQUIRE(*activity("ts1").start == year{2017} / May / 8);  // concept note, table of main events
}

TEST_CASE("OP23: the stocktaking lasts three days in Mexico", "[baseline]") {
  const auto& st = activity("stocktaking");
  REQUIRE(st.days == 3);
  REQUIRE(baseline().venues[*st.venue].id == "mexico");
}

TEST_CASE("OP28: six negotiation rounds of 3, 4, 4, 5, 5, 5 days in New York, February to July 2018", "[baseline]") {
  const int expected_days[] = {3, 4, 4, 5, 5, 5};
  for (int k = 0; k < 6; ++k) {
    const auto& round = activity("round" + std::to_string(k + 1));
    INFO(round.id);
    REQUIRE(round.kind == model::ActivityKind::negotiation_round);
    REQUIRE(round.days == expected_days[k]);
    REQUIRE(baseline().venues[*round.venue].id == "new_york");
    REQUIRE(round.start->year() == year{2018});
    REQUIRE(round.start->month() == month{static_cast<unsigned>(2 + k)});
  }
}

TEST_CASE("OP27: the zero draft is due by the beginning of February 2018", "[baseline]") {
  const auto& zd = activity("zero_draft");
  REQUIRE(zd.window_latest.has_value());
  REQUIRE(*zd.window_latest <= year{2018} / February / 9);
}

TEST_CASE("Government changes during the process are events of the timeline, the stance changing on their dates as the data says",
          "[baseline]") {
  // scenarios/data/state_politics.yaml, from ParlGov (scenarios/data/README.md, "Government stance").
  struct Expected {
    const char* event;
    const char* cabinet;
    year_month_day date;
    double before, after;
  };
  const Expected expected[] = {{"government_AUT_2017-12-18", "Kurz I", year{2017} / December / 18, 0.249, 0.605},
                               {"government_ITA_2018-06-01", "Conte I", year{2018} / June / 1, 0.046, 0.205}};
  for (const Expected& e : expected) {
    INFO(e.event);
    const auto& changes = baseline().government_changes;
    const auto at = std::find_if(changes.begin(), changes.end(), [&](const model::GovernmentChange& g) { return g.event == e.event; });
    REQUIRE(at != changes.end());
    CHECK(at->cabinet == e.cabinet);
    CHECK(at->date == e.date);
    const model::MemberState& state = baseline().member_states[at->state];
    CHECK(state.stance_on(sys_days{e.date} - days{1}) == Approx(e.before));
    CHECK(state.stance_on(e.date) == Approx(e.after));
    CHECK(at->before == Approx(e.before));
    CHECK(at->after == Approx(e.after));
  }
  // Every change is dated within the data's window and ordered by date.
  for (std::size_t k = 1; k < baseline().government_changes.size(); ++k)
    CHECK(baseline().government_changes[k - 1].date <= baseline().government_changes[k].date);
}
