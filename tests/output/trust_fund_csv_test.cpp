#include "output/trust_fund_csv.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using testing::lines;
using std::chrono::April;
using std::chrono::May;
using std::chrono::year;

TEST_CASE("trust_fund.csv: one row per contribution and trip, named, with the balance after it", "[output]") {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  model::Scenario s = *loaded.scenario;
  s.trust_fund.contributions.at(0).donor = "Switzerland, and friends";
  const Calendar cal = s.make_calendar();
  model::RunResults r;
  model::TrustFundEntry in;
  in.when = cal.at(year{2017} / April / 17, 0);
  in.contribution = 0;
  in.amount = 100000.0;
  in.balance = 100000.0;
  model::TrustFundEntry trip;
  trip.when = cal.at(year{2017} / May / 8, 10);
  trip.flow = model::TrustFundFlow::trip;
  trip.state = s.find_state("NER");
  trip.activity = s.find_activity("ts1");
  trip.delegates = 1;
  trip.amount = 1234.5;
  trip.balance = 98765.5;
  r.trust_fund.ledger = {in, trip};
  const std::vector<std::string> rows = lines(output::trust_fund_csv(s, r, cal));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "time,flow,donor,iso3,state,meeting,venue,paid_for,delegates,amount_usd,balance_usd");
  CHECK(rows[1] == "2017-04-17T00:00,contribution,\"Switzerland, and friends\",,,,,,,100000.00,100000.00");
  CHECK(rows[2] == "2017-05-08T10:00,trip,,NER,Niger,ts1,geneva,travel,1,1234.50,98765.50");

  SECTION("an entry naming a state the scenario lacks is refused") {
    r.trust_fund.ledger[1].state = s.member_states.size();
    CHECK_THROWS_AS(output::trust_fund_csv(s, r, cal), std::invalid_argument);
  }
}
