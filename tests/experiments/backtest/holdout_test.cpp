// The hold-out file: the shipped one reads and holds the published counts; a fact dated on or before
// the cutoff, or a state voting twice, is refused with its location.
#include "experiments/backtest/holdout.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

using namespace gcmsim::backtest;

namespace {

const std::string kShipped = std::string(GCMSIM_SOURCE_DIR) + "/scenarios/history/holdout.yaml";

std::string variant(const std::string& name, const std::string& from, const std::string& to) {
  std::ifstream in(kShipped);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  // Reading does not load the scenario: the relative paths need not resolve from here.
  const auto path = std::filesystem::path(GCMSIM_TEST_TMP) / name;
  std::ofstream(path) << text;
  return path.string();
}

std::string errors_of(const std::string& path) {
  try {
    read_holdout(path);
  } catch (const HoldOutError& e) {
    std::string all;
    for (const auto& m : e.messages) all += m + "\n";
    return all;
  }
  return {};
}

}  // namespace

TEST_CASE("The shipped hold-out holds A/RES/73/195's counts and the Marrakech count", "[backtest]") {
  const HoldOut h = read_holdout(kShipped);
  CHECK(h.conference_adopt == 164);
  CHECK(h.ga.document == "A/RES/73/195");
  CHECK(h.ga.yes_count == 152);
  CHECK(h.ga.no.size() == 5);
  CHECK(h.ga.abstain.size() == 12);
  CHECK(h.ga.absent.size() == 24);
  CHECK(152 + 5 + 12 + 24 == 193);
  CHECK(h.departures.size() == 13);  // Hungary and the twelve the replay does not script
  CHECK(h.replications == 30);
}

TEST_CASE("A hold-out fact dated on or before the cutoff is refused, located", "[backtest]") {
  const std::string path = variant("holdout_early.yaml", "{state: AUT, date: 2018-10-31", "{state: AUT, date: 2018-07-01");
  const std::string errors = errors_of(path);
  CHECK(std::regex_search(errors, std::regex(":[0-9]+:[0-9]+: error: the departure of AUT is dated 2018-07-01, on or before the cutoff 2018-07-13")));
}

TEST_CASE("A state listed twice in the vote is refused, located", "[backtest]") {
  const std::string errors = errors_of(variant("holdout_twice.yaml", "no: [CZE, HUN,", "no: [CZE, AUS, HUN,"));
  CHECK(errors.find("AUS is listed twice in the vote (first at ") != std::string::npos);
}
