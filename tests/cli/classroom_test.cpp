#include <catch2/catch.hpp>
#include <cstdlib>

#include <filesystem>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;

TEST_CASE("the classroom scenario runs narrated, with --step ignored when stdin is closed", "[cli][classroom]") {
  const std::string dir = out_dir("classroom");
  const auto r = run_gcmsim("run scenarios/classroom.yaml --narrate --step --out " + dir);  // stdin is /dev/null
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::Contains("The co-facilitators circulate the zero draft"));
  // One line at a time: std::regex recurses per character and would overflow on the whole story.
  const std::regex intervention("^[0-9-]+  Round 1, day 1, [0-9][0-9]:[0-9][0-9] \u2014 [A-Za-z ]+ takes the floor on "
                                "[a-z ,]+; the draft moves [0-9.]+ toward it$");
  std::istringstream story(r.out);
  int interventions = 0;
  for (std::string line; std::getline(story, line);) interventions += std::regex_match(line, intervention) ? 1 : 0;
  REQUIRE(interventions > 0);
  REQUIRE_THAT(r.out, Catch::Contains("Australia leaves the process"));
  REQUIRE_THAT(r.out, Catch::Contains("Negotiation: 3 rounds held"));
  // Ten states in four regional groups and no trust fund: the summary shows neither an empty
  // Eastern European row nor a fund line.
  REQUIRE_THAT(r.out, Catch::Contains("  WEOG ") && !Catch::Contains("Eastern European") && !Catch::Contains("Trust fund"));
  const auto outcome = nlohmann::json::parse(read_text(dir + "/outcome.json"));
  REQUIRE(outcome["rounds_held"] == 3);
  const auto& c = outcome["conference"];
  REQUIRE(c["adopt"]["count"].get<int>() + c["absent"]["count"].get<int>() + c["dissociated"]["count"].get<int>() +
              c["left"]["count"].get<int>() ==
          10);
  REQUIRE(c["left"]["count"] == 1);
  REQUIRE(c["left"]["states"] == nlohmann::json::array({"AUS"}));
  REQUIRE_THAT(read_text(dir + "/votes.csv"), Catch::Contains("\nAUS,Australia,left,"));
  REQUIRE_THAT(read_text(dir + "/dynamics.csv"), Catch::StartsWith("round,day,consultation,time,dimension,draft,dissent,"
                                                                    "bracketed,objecting,consensus_share,remaining\n"));
  // Wide, keyed by iso3: a column per dimension, the names once in states.csv.
  REQUIRE_THAT(read_text(dir + "/positions.csv"), Catch::StartsWith("round,day,time,iso3,") && Catch::Contains(",AUS,"));
  REQUIRE_THAT(read_text(dir + "/states.csv"), Catch::Contains("\nAUS,Australia,western_european_others,developed\n"));
}

TEST_CASE("the Friedkin-Johnsen scenario's positions settle where the paper says", "[cli][classroom]") {
  const std::string dir = out_dir("fj");
  const auto r = run_gcmsim("run scenarios/classroom/friedkin-johnsen-1999.yaml -q --out " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string positions = read_text(dir + "/positions.csv");
  REQUIRE_THAT(positions, Catch::StartsWith("round,day,time,iso3,opinion\n"));
  // The last position written for each person (rows are in time order), exact in the file.
  const auto final_position = [&](const std::string& who) {
    const std::size_t at = positions.rfind(who);
    REQUIRE(at != std::string::npos);
    return std::strtod(positions.c_str() + at + who.size(), nullptr);
  };
  // x* = (I - AW)^-1 (I - A) x(0) from the published W and A (numpy.linalg.solve), to 1e-8.
  CHECK_THAT(final_position(",NOR,"), Catch::WithinAbs(60.02084883, 1e-6));
  CHECK_THAT(final_position(",SWE,"), Catch::WithinAbs(59.98396594, 1e-6));
  CHECK_THAT(final_position(",FIN,"), Catch::WithinAbs(75.0, 1e-6));
  CHECK_THAT(final_position(",DNK,"), Catch::WithinAbs(74.98620494, 1e-6));
}

TEST_CASE("positions are written to the precision the model carries: 15 read in is 15 written out", "[cli][classroom]") {
  // Finland listens only to itself (susceptibility 0): its position never moves. 0.15 * 100 is
  // 15.000000000000002 in doubles; the file must say 15 on every row.
  const std::string dir = out_dir("fj15");
  const auto r = run_gcmsim("run scenarios/classroom/friedkin-johnsen-1999.yaml -q --set outputs.positions=daily "
                            "--set negotiation.delegations.FIN.position=[15] --out " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string positions = read_text(dir + "/positions.csv");
  std::size_t rows = 0, exact = 0;
  for (std::size_t at = positions.find(",FIN,"); at != std::string::npos; at = positions.find(",FIN,", at + 1)) {
    ++rows;
    exact += positions.compare(at, 8, ",FIN,15\n") == 0 ? 1 : 0;
  }
  CHECK(rows > 3);
  CHECK(exact == rows);
}
