#include "models/negotiation/views.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim::model;

namespace {

// The seven dimensions of docs/baseline-sources.md §12.2, in the sheet's order.
const std::vector<std::string> kDimensions{"rights_inclusion",  "trafficking_smuggling", "development_drivers",
                                           "regular_pathways",  "economic_linkages",     "borders_return",
                                           "governance_followup"};

std::size_t index_of(std::string_view id) {
  for (std::size_t i = 0; i < kDimensions.size(); ++i)
    if (kDimensions[i] == id) return i;
  FAIL("no dimension " << id);
  return 0;
}

MemberState make_state(std::string iso3, Development development, MigrationProfile migration,
                       std::vector<std::string> coalitions = {}, bool ldc = false) {
  MemberState s;
  s.name = iso3;
  s.iso3 = std::move(iso3);
  s.development = development;
  s.ldc = ldc;
  s.migration = migration;
  s.missions = {MissionCity::new_york};
  s.coalitions = std::move(coalitions);
  return s;
}

// Profiles taken from scenarios/data/member_states.yaml.
MemberState australia() {
  MemberState s = make_state("AUS", Development::developed, {0.07, 0.00, 0.93}, {"pacific_islands_forum"});
  s.group = RegionalGroup::western_european_others;
  return s;
}
MemberState philippines() {
  MemberState s = make_state("PHL", Development::developing, {0.96, 0.00, 0.04}, {"g77", "asean"});
  s.group = RegionalGroup::asia_pacific;
  return s;
}

}  // namespace

TEST_CASE("every position and salience lies in [0, 1]", "[views]") {
  // The extremes of every profile, with every adjusting coalition at once, and a few real states.
  const std::vector<std::string> all{"eu", "african_group", "g77", "gcc", "celac", "aosis", "oic"};
  std::vector<MemberState> states{
      make_state("AAA", Development::developing, {1.0, 0.0, 0.0}, all, true),
      make_state("BBB", Development::developing, {0.0, 1.0, 0.0}, all, true),
      make_state("CCC", Development::developed, {0.0, 0.0, 1.0}, all),
      make_state("DDD", Development::developed, {0.0, 0.0, 1.0}, {"gcc"}),
      make_state("EEE", Development::developing, {0.0, 0.0, 0.0}),
      australia(),
      philippines(),
  };
  for (const MemberState& s : states) {
    const InitialView view = derive_view(s, kDimensions);
    REQUIRE(view.position.size() == kDimensions.size());
    REQUIRE(view.salience.size() == kDimensions.size());
    for (std::size_t d = 0; d < kDimensions.size(); ++d) {
      INFO(s.iso3 << " on " << kDimensions[d]);
      CHECK(view.position[d] >= 0.0);
      CHECK(view.position[d] <= 1.0);
      CHECK(view.salience[d] >= 0.0);
      CHECK(view.salience[d] <= 1.0);
    }
  }
}

TEST_CASE("a developed destination state sits lower on regular pathways than a developing origin state", "[views]") {
  const std::size_t d = index_of("regular_pathways");
  const double aus = derive_view(australia(), kDimensions).position[d];
  const double phl = derive_view(philippines(), kDimensions).position[d];
  CHECK(aus < phl);
  CHECK(phl - aus > 0.4);  // the central split of §12.2 (D4), not a rounding difference
  // The same split on return and readmission (D6).
  const std::size_t r = index_of("borders_return");
  CHECK(derive_view(australia(), kDimensions).position[r] < derive_view(philippines(), kDimensions).position[r]);
}

TEST_CASE("a transit state finds trafficking and smuggling more salient than a destination state", "[views]") {
  const std::size_t d = index_of("trafficking_smuggling");
  const MemberState transit = make_state("TTT", Development::developing, {0.2, 0.7, 0.1});
  const MemberState destination = make_state("DDD", Development::developing, {0.1, 0.1, 0.8});
  CHECK(derive_view(transit, kDimensions).salience[d] > derive_view(destination, kDimensions).salience[d]);
}

TEST_CASE("an EU member sits higher on governance and follow-up than a non-member of the same profile", "[views]") {
  const std::size_t d = index_of("governance_followup");
  // Germany's profile, once in the EU and once outside it.
  const MemberState member = make_state("DEU", Development::developed, {0.26, 0.00, 0.74}, {"eu"});
  const MemberState outside = make_state("XXX", Development::developed, {0.26, 0.00, 0.74});
  CHECK(derive_view(member, kDimensions).position[d] > derive_view(outside, kDimensions).position[d]);
}

TEST_CASE("coalitions not in the rules change nothing", "[views]") {
  const MemberState plain = make_state("AAA", Development::developing, {0.5, 0.2, 0.3});
  const MemberState with_oic = make_state("AAA", Development::developing, {0.5, 0.2, 0.3}, {"oic", "lldc"});
  const InitialView a = derive_view(plain, kDimensions);
  const InitialView b = derive_view(with_oic, kDimensions);
  CHECK(a.position == b.position);
  CHECK(a.salience == b.salience);
}

TEST_CASE("an unknown dimension gets position 0.5 and salience 0.5", "[views]") {
  const std::vector<std::string> ids{"regular_pathways", "space_migration", "borders_return"};
  const InitialView view = derive_view(philippines(), ids);
  REQUIRE(view.position.size() == 3);
  CHECK(view.position[1] == 0.5);
  CHECK(view.salience[1] == 0.5);
  // The known ones around it are unaffected by its presence.
  const InitialView full = derive_view(philippines(), kDimensions);
  CHECK(view.position[0] == full.position[index_of("regular_pathways")]);
  CHECK(view.position[2] == full.position[index_of("borders_return")]);
}

TEST_CASE("no dimensions asked gives an empty view", "[views]") {
  const InitialView view = derive_view(australia(), {});
  CHECK(view.position.empty());
  CHECK(view.salience.empty());
}

TEST_CASE("the same state always gives the same view", "[views]") {
  const MemberState s = make_state("MAR", Development::developing, {0.49, 0.49, 0.02},
                                   {"african_group", "g77", "arab_group", "oic"});
  const InitialView first = derive_view(s, kDimensions);
  for (int i = 0; i < 5; ++i) {
    const InitialView again = derive_view(s, kDimensions);
    CHECK(again.position == first.position);
    CHECK(again.salience == first.salience);
  }
}
