#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "output/coalition_names.hpp"
#include "models/loader/loader.hpp"

using gcmsim::output::coalition_name;

TEST_CASE("a narrated coalition is named as the UN names it, an unknown id as written", "[output][narration]") {
  CHECK(coalition_name("g77") == "the Group of 77 and China");
  CHECK(coalition_name("eu") == "the European Union");
  CHECK(coalition_name("caricom") == "CARICOM");
  CHECK(coalition_name("friends_of_migration") == "friends_of_migration");
}

TEST_CASE("every coalition of the shipped member-state data has a name", "[output][narration]") {
  gcmsim::loader::LoadRequest request;
  request.path = std::string(GCMSIM_SOURCE_DIR) + "/scenarios/gcm-2017-2018.yaml";
  const auto loaded = gcmsim::loader::load_scenario(request);
  REQUIRE(loaded.scenario);
  std::set<std::string> coalitions;
  for (const auto& state : loaded.scenario->member_states) coalitions.insert(state.coalitions.begin(), state.coalitions.end());
  REQUIRE(coalitions.size() >= 10);
  for (const std::string& id : coalitions) {
    INFO(id);
    CHECK(coalition_name(id) != id);
  }
}
