#include "models/setup/attendance.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace gcmsim::model;

namespace {

MemberState make_state(Development development, bool ldc, MigrationProfile migration = {0.4, 0.2, 0.4}) {
  MemberState state;
  state.development = development;
  state.ldc = ldc;
  state.migration = migration;
  return state;
}

constexpr MigrationProfile kOriginHeavy{0.8, 0.1, 0.1};
constexpr MigrationProfile kTransitHeavy{0.1, 0.8, 0.1};
constexpr MigrationProfile kDestinationHeavy{0.1, 0.1, 0.8};

const AttendanceParameters kParams;

}  // namespace

TEST_CASE("a mission at the venue raises the probability of attending", "[attendance]") {
  const MemberState state = make_state(Development::developing, false);
  CHECK(attendance_probability(state, 0.5, true, 0.0, false, kParams) >
        attendance_probability(state, 0.5, false, 0.0, false, kParams));
}

TEST_CASE("trust fund support raises the probability of attending", "[attendance]") {
  const MemberState state = make_state(Development::developing, true);
  CHECK(attendance_probability(state, 0.5, false, 2500.0, true, kParams) >
        attendance_probability(state, 0.5, false, 2500.0, false, kParams));
}

TEST_CASE("travel cost deters a least developed country more than a developed state", "[attendance]") {
  const MemberState ldc = make_state(Development::developing, true);
  const MemberState developed = make_state(Development::developed, false);
  const auto drop = [](const MemberState& state) {
    return attendance_probability(state, 0.5, false, 0.0, false, kParams) -
           attendance_probability(state, 0.5, false, 3000.0, false, kParams);
  };
  CHECK(drop(ldc) > 0.0);
  CHECK(drop(developed) > 0.0);
  CHECK(drop(ldc) > drop(developed));
  // A negative cost is no subsidy.
  CHECK(attendance_probability(ldc, 0.5, false, -5000.0, false, kParams) ==
        attendance_probability(ldc, 0.5, false, 0.0, false, kParams));
}

TEST_CASE("the probability is the logistic of the factors", "[attendance]") {
  MemberState state = make_state(Development::developing, false);
  state.engagement = 0.8;
  // z = -1 + 2.0 * 0.7 + 2.0 * 0.8 - 0.35 * (2000 / 1000) * 1.5 = 0.95
  CHECK(attendance_probability(state, 0.7, false, 2000.0, false, kParams) == Approx(0.7211151780));

  state.engagement.reset();  // default 0.6: z = 0.95 - 0.4 + 3.5 (mission) + 2.5 (funded) = 6.55
  CHECK(attendance_probability(state, 0.7, true, 2000.0, true, kParams) == Approx(1.0 / (1.0 + std::exp(-6.55))));
}

TEST_CASE("the probability stays strictly between 0 and 1", "[attendance]") {
  const MemberState state = make_state(Development::developing, true);
  AttendanceParameters extreme;
  extreme.mission_weight = 1000.0;
  const double sure = attendance_probability(state, 1.0, true, 0.0, true, extreme);
  const double hopeless = attendance_probability(state, 0.0, false, 1e9, false, kParams);
  CHECK(sure < 1.0);
  CHECK(hopeless > 0.0);
}

TEST_CASE("theme salience is in [0, 1] for every profile and theme", "[attendance]") {
  const std::vector<MigrationProfile> profiles{
      kOriginHeavy, kTransitHeavy, kDestinationHeavy, {1.0, 0.0, 0.0}, {0.0, 1.0, 0.0},
      {0.0, 0.0, 1.0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.0, 0.0, 0.0}};
  const std::vector<std::string_view> themes{"human_rights",  "drivers",          "governance",
                                             "contributions", "smuggling_trafficking", "irregular_regular",
                                             "",              "negotiation"};
  for (const auto& profile : profiles) {
    for (const auto theme : themes) {
      const double salience = theme_salience(make_state(Development::developing, false, profile), theme);
      CHECK(salience >= 0.0);
      CHECK(salience <= 1.0);
    }
  }
}

TEST_CASE("smuggling and trafficking weigh more on transit states than on origin states", "[attendance]") {
  const double transit = theme_salience(make_state(Development::developing, false, kTransitHeavy), "smuggling_trafficking");
  const double origin = theme_salience(make_state(Development::developing, false, kOriginHeavy), "smuggling_trafficking");
  CHECK(transit > origin);
  CHECK(transit == Approx(0.1 * 0.6 + 0.8 * 1.0 + 0.1 * 0.5));
}

TEST_CASE("adverse drivers weigh more on origin states than on destination states", "[attendance]") {
  const double origin = theme_salience(make_state(Development::developing, false, kOriginHeavy), "drivers");
  const double destination = theme_salience(make_state(Development::developed, false, kDestinationHeavy), "drivers");
  CHECK(origin > destination);
  CHECK(origin == Approx(0.8 * 1.0 + 0.1 * 0.4 + 0.1 * 0.2));
}

TEST_CASE("an unknown or empty theme has the mean salience", "[attendance]") {
  const MemberState state = make_state(Development::developing, false, kTransitHeavy);
  CHECK(theme_salience(state, "") == 0.5);
  CHECK(theme_salience(state, "negotiation_round") == 0.5);
}
