#include "models/plan.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "loader/load_helpers.hpp"

using namespace gcmsim;
using namespace std::chrono;

namespace {
struct Loaded {
  model::Scenario scenario;
  model::Plan plan;
};
Loaded plan_of(const std::string& path, std::vector<std::string> sets = {}) {
  const auto r = testing::load(path, {}, std::move(sets));
  if (!r.ok()) FAIL(r.error_report());
  const Calendar cal = r.scenario->make_calendar();
  return {*r.scenario, model::make_plan(*r.scenario, cal)};
}
std::size_t position(const Loaded& l, std::string_view id) {
  const auto i = *l.scenario.find_activity(id);
  const auto& path = l.plan.critical_path;
  const auto it = std::find(path.begin(), path.end(), i);
  return it == path.end() ? SIZE_MAX : static_cast<std::size_t>(it - path.begin());
}
}  // namespace

TEST_CASE("a document due four weeks before a session is planned to end 20 working days before it", "[plan]") {
  const auto l = plan_of(testing::fixture("minimal.yaml"));
  const auto& ib1 = l.plan.activities[*l.scenario.find_activity("ib1")];
  // ts1 starts Monday 8 May 2017; 20 working days earlier is Monday 10 April; 10 days of drafting.
  REQUIRE(ib1.end == year{2017} / April / 10);
  REQUIRE(ib1.start == year{2017} / March / 28);
  // sum1 needs ts1 (ends Tuesday 9 May): it starts the next working day and takes 10 days.
  const auto& sum1 = l.plan.activities[*l.scenario.find_activity("sum1")];
  REQUIRE(sum1.start == year{2017} / May / 10);
  REQUIRE(sum1.end == year{2017} / May / 23);
}

TEST_CASE("the critical path of a small plan is its longest chain of work", "[plan]") {
  const auto l = plan_of(testing::fixture("minimal.yaml"));
  // ib1 (10) + lead 20 + ts1 (2) + sum1 (10) + stocktaking (3) = 45 > ib1 + 20 + ts2 (2) + stocktaking.
  REQUIRE(l.plan.critical_path_days == 45);
  std::vector<std::string> ids;
  for (std::size_t i : l.plan.critical_path) ids.push_back(l.scenario.activities[i].id);
  REQUIRE(ids == std::vector<std::string>{"ib1", "ts1", "sum1", "stocktaking"});
  const auto& ts2 = l.plan.activities[*l.scenario.find_activity("ts2")];
  // ts2 needs only ib1 (10): it ends at 12 while the stocktaking cannot start before 42.
  REQUIRE(ts2.slack_days == 30);
  REQUIRE_FALSE(ts2.on_critical_path);
}

TEST_CASE("the margin says how far an activity can slip before the final meeting moves", "[plan]") {
  const auto l = plan_of(testing::fixture("minimal.yaml"));
  // sum1 ends 23 May; the stocktaking is fixed on 4 December: the gap is its margin.
  const auto& sum1 = l.plan.activities[*l.scenario.find_activity("sum1")];
  const Calendar cal = l.scenario.make_calendar();
  REQUIRE(sum1.margin_days == cal.working_days_between(year{2017} / May / 23, year{2017} / December / 3));
  REQUIRE(l.plan.activities[*l.scenario.find_activity("stocktaking")].margin_days == 0);
}

TEST_CASE("the baseline's critical path runs from a thematic session through the stocktaking and the zero draft "
          "to the conference", "[plan]") {
  const auto l = plan_of(testing::scenario_file("gcm-2017-2018.yaml"));
  const auto& path = l.plan.critical_path;
  REQUIRE_FALSE(path.empty());
  REQUIRE(l.scenario.activities[path.front()].kind == model::ActivityKind::issue_brief);
  REQUIRE(l.scenario.activities[path[1]].kind == model::ActivityKind::thematic_session);
  REQUIRE(l.scenario.activities[path.back()].id == "conference");
  REQUIRE(position(l, "stocktaking") < position(l, "zero_draft"));
  REQUIRE(position(l, "zero_draft") < position(l, "round1"));
  REQUIRE(position(l, "round6") < position(l, "conference"));
  for (int k = 1; k <= 6; ++k) REQUIRE(position(l, "round" + std::to_string(k)) != SIZE_MAX);
}

TEST_CASE("lengthening the stocktaking lengthens the critical path by the same amount", "[plan]") {
  const auto base = plan_of(testing::scenario_file("gcm-2017-2018.yaml"));
  const auto longer = plan_of(testing::scenario_file("gcm-2017-2018.yaml"),
                              {"activities.stocktaking.end=2017-12-13", "activities.stocktaking.days=8"});
  REQUIRE(longer.plan.critical_path_days == base.plan.critical_path_days + 5);
}
