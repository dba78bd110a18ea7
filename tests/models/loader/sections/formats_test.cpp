// The `formats:` section builder (models/loader/sections/formats.cpp).
#include <catch2/catch.hpp>

#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using namespace gcmsim::model;
using Catch::Matchers::Contains;

TEST_CASE("the formats section reads each format's rules and agenda", "[loader][sections]") {
  const auto built = build_sections(R"(
formats:
  thematic_session:
    intervention_limit_minutes: 3
    agenda:
      - {item: opening, minutes: 30}
      - {item: panel, minutes: 150, moderator_minutes: 7, experts: 3, expert_minutes: {min: 5, max: 7}, floor: true}
      - {item: panel, minutes: 150, day: 2, floor: true, stakeholder_slots: 4}
  negotiation_round:
    pre_inscribed_list: true
    group_statement_minutes: 5
)", {build_formats});
  REQUIRE(built.errors().empty());
  const auto& ts = built.scenario.formats.at("thematic_session");
  CHECK(ts.intervention_limit_minutes == 3);
  REQUIRE(ts.agenda.size() == 3);
  CHECK(ts.agenda[1].kind == AgendaItemKind::panel);
  CHECK(ts.agenda[1].expert_minutes_min == 5);
  CHECK(ts.agenda[1].expert_minutes_max == 7);
  CHECK(ts.agenda[2].day == 2);
  CHECK(ts.agenda[2].stakeholder_slots == 4);
  CHECK(ts.panels() == 2);
  const auto& round = built.scenario.formats.at("negotiation_round");
  CHECK(round.pre_inscribed_list);
  CHECK(round.group_statement_minutes == 5);
  CHECK(round.intervention_limit_minutes == 3.0);  // the default
}

TEST_CASE("an expert time range that ends before it begins is reported", "[loader][sections]") {
  const auto built = build_sections(R"(formats:
  ts:
    agenda:
      - {item: panel, experts: 3, expert_minutes: {min: 7, max: 5}}
)", {build_formats});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Contains("format 'ts': expert_minutes min 7 is above max 5"));
}
