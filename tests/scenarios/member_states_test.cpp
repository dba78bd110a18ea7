// The member-state data file against the facts it encodes (scenarios/data/README.md gives sources).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "../models/loader/load_helpers.hpp"

using namespace gcmsim;

namespace {
const model::Scenario& baseline() {
  static const auto result = testing::load(testing::scenario_file("gcm-2017-2018.yaml"));
  if (!result.ok()) FAIL(result.error_report());
  return *result.scenario;
}
}  // namespace

TEST_CASE("all 193 member states are there, each once", "[data]") {
  const auto& states = baseline().member_states;
  REQUIRE(states.size() == 193);
  std::set<std::string> codes;
  for (const auto& s : states) codes.insert(s.iso3);
  REQUIRE(codes.size() == 193);
  for (const char* code : {"SSD", "SWZ", "MKD", "TLS", "PRK", "KOR", "USA", "CHE", "MEX", "FJI"}) {
    INFO(code);
    REQUIRE(codes.contains(code));
  }
  // Observers are not member states.
  REQUIRE_FALSE(codes.contains("PSE"));
  REQUIRE_FALSE(codes.contains("VAT"));
}

TEST_CASE("each state is in exactly one UN regional group, with the 2017 sizes", "[data]") {
  std::map<model::RegionalGroup, int> sizes;
  for (const auto& s : baseline().member_states) ++sizes[s.group];
  REQUIRE(sizes[model::RegionalGroup::african] == 54);
  REQUIRE(sizes[model::RegionalGroup::asia_pacific] == 54);
  REQUIRE(sizes[model::RegionalGroup::eastern_european] == 23);
  REQUIRE(sizes[model::RegionalGroup::latin_american_caribbean] == 33);
  REQUIRE(sizes[model::RegionalGroup::western_european_others] == 29);  // the United States counted in WEOG
}

TEST_CASE("the least developed countries are the 47 of the UN list after June 2017", "[data]") {
  // UN-OHRLLS list of LDCs after Equatorial Guinea graduated (4 June 2017).
  const std::set<std::string> ldcs = {
      "AGO", "BEN", "BFA", "BDI", "CAF", "TCD", "COM", "COD", "DJI", "ERI", "ETH", "GMB", "GIN", "GNB", "LSO", "LBR",
      "MDG", "MWI", "MLI", "MRT", "MOZ", "NER", "RWA", "STP", "SEN", "SLE", "SOM", "SSD", "SDN", "TGO", "UGA", "TZA",
      "ZMB", "AFG", "BGD", "BTN", "KHM", "LAO", "MMR", "NPL", "TLS", "YEM", "KIR", "SLB", "TUV", "VUT", "HTI"};
  REQUIRE(ldcs.size() == 47);
  std::set<std::string> marked;
  for (const auto& s : baseline().member_states) {
    if (s.ldc) marked.insert(s.iso3);
    if (s.ldc) REQUIRE(s.development == model::Development::developing);
  }
  REQUIRE(marked == ldcs);
}

TEST_CASE("every state has a New York mission and a migration profile summing to one", "[data]") {
  for (const auto& s : baseline().member_states) {
    INFO(s.iso3);
    REQUIRE(s.has_mission(model::MissionCity::new_york));
    REQUIRE(s.migration.origin + s.migration.transit + s.migration.destination == Approx(1.0).margin(0.011));
  }
}

TEST_CASE("coalitions have their 2017 membership among member states", "[data]") {
  std::map<std::string, int> sizes;
  for (const auto& s : baseline().member_states) {
    for (const auto& c : s.coalitions) ++sizes[c];
  }
  REQUIRE(sizes["eu"] == 28);
  REQUIRE(sizes["african_group"] == 54);
  REQUIRE(sizes["celac"] == 33);
  REQUIRE(sizes["g77"] == 133);  // 134 members less the State of Palestine
}
