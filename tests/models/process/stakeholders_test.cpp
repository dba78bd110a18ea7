#include "models/process/stakeholders.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace gcmsim::model;

namespace {

StakeholderPopulation population(StakeholderKind kind, int organisations, bool needs_accreditation,
                                 double objection_rate = 0.0, double registration_rate = 1.0,
                                 double speaking_interest = 1.0) {
  StakeholderPopulation p;
  p.kind = kind;
  p.organisations = organisations;
  p.needs_accreditation = needs_accreditation;
  p.objection_rate = objection_rate;
  p.registration_rate = registration_rate;
  p.speaking_interest = speaking_interest;
  return p;
}

// A mix like the baseline's: ECOSOC NGOs and NHRIs register directly, the others need the PGA's list.
std::vector<StakeholderPopulation> mixed_populations() {
  return {population(StakeholderKind::ecosoc_ngo, 300, false, 0.0, 0.3, 0.5),
          population(StakeholderKind::specially_accredited, 200, true, 0.05, 0.3, 0.5),
          population(StakeholderKind::nhri, 40, false, 0.0, 0.2, 0.3),
          population(StakeholderKind::academia, 120, true, 0.02, 0.25, 0.6),
          population(StakeholderKind::private_sector, 60, true, 0.1, 0.2, 0.4),
          population(StakeholderKind::migrant_organisation, 80, true, 0.05, 0.4, 0.7)};
}

std::vector<int> field(const std::vector<StakeholdersAtMeeting>& at, int StakeholdersAtMeeting::*member) {
  std::vector<int> values;
  for (const StakeholdersAtMeeting& s : at) values.push_back(s.*member);
  return values;
}

}  // namespace

TEST_CASE("ECOSOC-accredited organisations need no special accreditation", "[stakeholders]") {
  // OP6(a) and guidelines 2(a), 2(d): ECOSOC NGOs and NHRIs register directly; an objection rate,
  // even a high one, does not apply to them.
  const std::vector<StakeholderPopulation> populations{population(StakeholderKind::ecosoc_ngo, 300, false, 0.9),
                                                       population(StakeholderKind::nhri, 40, false, 1.0)};
  gcmsim::RandomStream stream(1);
  const AccreditationList list = accredit(populations, stream);
  CHECK(list.accepted == std::vector<int>{300, 40});
}

TEST_CASE("objections reduce the accepted list", "[stakeholders]") {
  // OP6(b): the PGA's list goes to member states on a non-objection basis.
  gcmsim::RandomStream stream(2);
  SECTION("every organisation objected to: none accepted") {
    const AccreditationList list = accredit({population(StakeholderKind::academia, 120, true, 1.0)}, stream);
    CHECK(list.accepted == std::vector<int>{0});
  }
  SECTION("no objections: all accepted") {
    const AccreditationList list = accredit({population(StakeholderKind::academia, 120, true, 0.0)}, stream);
    CHECK(list.accepted == std::vector<int>{120});
  }
  SECTION("some objections: about the expected share is kept out") {
    // Binomial(400, 0.3) objections: mean 120, sd 9.2; five sd either side.
    const AccreditationList list = accredit({population(StakeholderKind::diaspora, 400, true, 0.3)}, stream);
    REQUIRE(list.accepted.size() == 1);
    CHECK(list.accepted[0] >= 400 - 166);
    CHECK(list.accepted[0] <= 400 - 74);
  }
}

TEST_CASE("the room's capacity caps admissions and is shared in proportion", "[stakeholders]") {
  // Everyone registers (rate 1) and the list fixes who is accredited, so the counts are known.
  const std::vector<StakeholderPopulation> populations{population(StakeholderKind::ecosoc_ngo, 50, false),
                                                       population(StakeholderKind::academia, 40, true),
                                                       population(StakeholderKind::diaspora, 25, true)};
  const AccreditationList list{{50, 30, 20}};  // accredited 50, 30, 20: 100 in all
  gcmsim::RandomStream stream(3);

  SECTION("largest remainder: quotas 16.5, 9.9, 6.6 of 33 seats give 16, 10, 7") {
    // Floors 16 + 9 + 6 = 31; the two seats left go to the largest remainders, 0.9 and 0.6.
    const auto at = stakeholders_at_meeting(populations, list, 33, 0, stream);
    CHECK(field(at, &StakeholdersAtMeeting::registered) == std::vector<int>{50, 40, 25});
    CHECK(field(at, &StakeholdersAtMeeting::accredited) == std::vector<int>{50, 30, 20});
    CHECK(field(at, &StakeholdersAtMeeting::admitted) == std::vector<int>{16, 10, 7});
  }
  SECTION("equal remainders go to the earlier population") {
    const std::vector<StakeholderPopulation> three{population(StakeholderKind::ecosoc_ngo, 10, false),
                                                   population(StakeholderKind::nhri, 10, false),
                                                   population(StakeholderKind::academia, 10, false)};
    // Quotas 6.67 each: floors 18, two seats left, remainders tied.
    const auto at = stakeholders_at_meeting(three, AccreditationList{{10, 10, 10}}, 20, 0, stream);
    CHECK(field(at, &StakeholdersAtMeeting::admitted) == std::vector<int>{7, 7, 6});
  }
  SECTION("a room big enough, or no stated capacity, admits every accredited organisation") {
    for (const std::optional<int> capacity : {std::optional<int>(100), std::optional<int>(500), std::optional<int>()}) {
      const auto at = stakeholders_at_meeting(populations, list, capacity, 0, stream);
      CHECK(field(at, &StakeholdersAtMeeting::admitted) == std::vector<int>{50, 30, 20});
    }
  }
  SECTION("no seats at all") {
    const auto at = stakeholders_at_meeting(populations, list, 0, 5, stream);
    CHECK(field(at, &StakeholdersAtMeeting::admitted) == std::vector<int>{0, 0, 0});
    CHECK(field(at, &StakeholdersAtMeeting::speaking) == std::vector<int>{0, 0, 0});
  }
}

TEST_CASE("the steering committee never exceeds the speaking slots and spreads them across kinds", "[stakeholders]") {
  // Everyone registers, is accredited and wants to speak: the willing are 50, 5, 1 and 0.
  const std::vector<StakeholderPopulation> populations{
      population(StakeholderKind::ecosoc_ngo, 50, false), population(StakeholderKind::nhri, 5, false),
      population(StakeholderKind::parliament, 1, false), population(StakeholderKind::private_sector, 0, false)};
  const AccreditationList list{{50, 5, 1, 0}};
  gcmsim::RandomStream stream(4);

  SECTION("kinds take turns") {
    // Rounds: 1,1,1 | 1,1 | 1,1 | 1 = 8 slots, the parliamentarian after one turn has no one left.
    const auto at = stakeholders_at_meeting(populations, list, std::nullopt, 8, stream);
    CHECK(field(at, &StakeholdersAtMeeting::speaking) == std::vector<int>{4, 3, 1, 0});
  }
  SECTION("more slots than willing speakers: every willing speaker is heard, no more") {
    const auto at = stakeholders_at_meeting(populations, list, std::nullopt, 100, stream);
    CHECK(field(at, &StakeholdersAtMeeting::speaking) == std::vector<int>{50, 5, 1, 0});
  }
  SECTION("random programmes: slots filled evenly among kinds with willing speakers left") {
    // With speaking_interest 1 every admitted organisation is willing, so the rule can be checked
    // exactly: all slots used while anyone is left, and a kind with willing speakers left is at
    // most one speaker behind the most-served kind.
    std::vector<StakeholderPopulation> all_willing = mixed_populations();
    for (StakeholderPopulation& p : all_willing) p.speaking_interest = 1.0;
    gcmsim::RandomStream draws(40);
    for (int trial = 0; trial < 200; ++trial) {
      const auto slots = static_cast<int>(draws.uniform_index(60));
      const auto capacity = static_cast<int>(draws.uniform_index(80));
      const auto at = stakeholders_at_meeting(all_willing, AccreditationList{{300, 190, 40, 118, 54, 76}}, capacity,
                                              slots, draws);
      int total = 0;
      int admitted = 0;
      int most = 0;
      for (const StakeholdersAtMeeting& s : at) {
        total += s.speaking;
        admitted += s.admitted;
        most = std::max(most, s.speaking);
        CHECK(s.speaking <= s.admitted);
      }
      CHECK(total == std::min(slots, admitted));
      for (const StakeholdersAtMeeting& s : at) {
        if (s.speaking < s.admitted) CHECK(s.speaking >= most - 1);
      }
    }
  }
}

TEST_CASE("admitted <= accredited <= registered for every population", "[stakeholders]") {
  gcmsim::RandomStream stream(5);
  for (int trial = 0; trial < 200; ++trial) {
    const std::vector<StakeholderPopulation> populations = mixed_populations();
    const AccreditationList list = accredit(populations, stream);
    const auto capacity = static_cast<int>(stream.uniform_index(400));
    const auto at = stakeholders_at_meeting(populations, list, capacity, 12, stream);
    REQUIRE(at.size() == populations.size());
    int admitted = 0;
    for (std::size_t i = 0; i < at.size(); ++i) {
      CHECK(at[i].registered <= populations[i].organisations);
      CHECK(at[i].accredited <= at[i].registered);
      CHECK(at[i].accredited <= list.accepted[i]);
      CHECK(at[i].admitted <= at[i].accredited);
      CHECK(at[i].speaking <= at[i].admitted);
      if (!populations[i].needs_accreditation) CHECK(at[i].accredited == at[i].registered);
      admitted += at[i].admitted;
    }
    CHECK(admitted <= capacity);
  }
}

TEST_CASE("same stream, same outcome", "[stakeholders]") {
  const std::vector<StakeholderPopulation> populations = mixed_populations();
  gcmsim::RandomStream a(6);
  gcmsim::RandomStream b(6);
  const AccreditationList list_a = accredit(populations, a);
  const AccreditationList list_b = accredit(populations, b);
  CHECK(list_a.accepted == list_b.accepted);
  const auto at_a = stakeholders_at_meeting(populations, list_a, 120, 10, a);
  const auto at_b = stakeholders_at_meeting(populations, list_b, 120, 10, b);
  for (auto member : {&StakeholdersAtMeeting::registered, &StakeholdersAtMeeting::accredited,
                      &StakeholdersAtMeeting::admitted, &StakeholdersAtMeeting::speaking}) {
    CHECK(field(at_a, member) == field(at_b, member));
  }
  CHECK(a == b);
}

TEST_CASE("an accreditation list for other populations is refused", "[stakeholders]") {
  gcmsim::RandomStream stream(7);
  CHECK_THROWS_AS(stakeholders_at_meeting(mixed_populations(), AccreditationList{{1, 2}}, std::nullopt, 0, stream),
                  std::invalid_argument);
}
