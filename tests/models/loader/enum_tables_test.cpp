// The schema and the model's enum tables name the same values in the same order, so a value the
// schema accepts is always one the loader knows (no silent default), and a value it does not know
// is reported by the schema check with its line and column.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/run_results.hpp"
#include "models/scenario.hpp"

using namespace gcmsim;

namespace {

nlohmann::json schema_definitions() {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/schema/scenario.schema.json");
  REQUIRE(in);
  return nlohmann::json::parse(in)["definitions"];
}

template <std::size_t N>
std::vector<std::string> names(const std::array<std::string_view, N>& table) {
  return {table.begin(), table.end()};
}

std::vector<std::string> schema_enum(const nlohmann::json& node) {
  const nlohmann::json& e = node.contains("items") ? node["items"]["enum"] : node["enum"];
  return e.get<std::vector<std::string>>();
}

}  // namespace

TEST_CASE("every enum the scenario language names has the schema's values", "[loader][enums]") {
  const nlohmann::json d = schema_definitions();
  CHECK(schema_enum(d["member_state"]["properties"]["group"]) == names(model::kRegionalGroupNames));
  CHECK(schema_enum(d["member_state"]["properties"]["development"]) == names(model::kDevelopmentNames));
  CHECK(schema_enum(d["member_state"]["properties"]["working_language"]) == names(model::kLanguageNames));
  CHECK(schema_enum(d["member_state"]["properties"]["missions"]) == names(model::kMissionCityNames));
  CHECK(schema_enum(d["venue"]["properties"]["mission_key"]) == names(model::kMissionCityNames));
  CHECK(schema_enum(d["activity"]["properties"]["kind"]) == names(model::kActivityKindNames));
  CHECK(schema_enum(d["activity"]["properties"]["phase"]) == names(model::kPhaseNames));
  CHECK(schema_enum(d["activity"]["properties"]["participants"]["properties"]["groups"]) == names(model::kRegionalGroupNames));
  CHECK(schema_enum(d["agenda_item"]["properties"]["item"]) == names(model::kAgendaItemNames));
  CHECK(schema_enum(d["stakeholder_population"]["properties"]["kind"]) == names(model::kStakeholderKindNames));
  CHECK(schema_enum(d["policies"]["properties"]["trust_fund"]["properties"]["priority"]) == names(model::kFundingPriorityNames));
  CHECK(schema_enum(d["policies"]["properties"]["floor"]["properties"]["policy"]) == names(model::kFloorPolicyNames));
}
