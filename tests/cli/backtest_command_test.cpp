// `gcmsim backtest` end to end, and `gcmsim calibrate` refusing a fact after its cutoff.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;

namespace {

int lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

std::string measure(const std::string& csv, const std::string& name) {
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(name + ",", 0) == 0) return line.substr(name.size() + 1);
  return "(missing)";
}

}  // namespace

TEST_CASE("backtest replays the history and scores it against the hold-out, byte-identically", "[cli][backtest]") {
  const std::string a = out_dir("backtest-a"), b = out_dir("backtest-b");
  const auto first = run_gcmsim("backtest -r 3 -q -o " + a);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("Conference (2018-12-10): adopting states, median") != std::string::npos);
  CHECK(first.out.find("General Assembly (A/RES/73/195, 2018-12-19)") != std::string::npos);
  const std::string csv = read_text(a + "/backtest.csv");
  CHECK(measure(csv, "replications") == "3");
  CHECK(measure(csv, "adopt.observed") == "164");
  CHECK(measure(csv, "departure.real") == "12");  // Hungary is scripted by the replay: 12 scored
  CHECK(measure(csv, "scored_states") == "191");  // the US and Hungary are scripted
  CHECK(std::regex_match(measure(csv, "departure.auc"), std::regex("[01]\\.[0-9]{4}")));
  // The confusion table's real rows add up to the vote: 152 yes, 5 no, 12 abstain, 24 absent.
  int real_no = 0, real_yes = 0;
  for (const char* model : {"yes", "no", "abstain", "absent"}) {
    real_no += std::stoi(measure(csv, std::string("ga.real_no.model_") + model));
    real_yes += std::stoi(measure(csv, std::string("ga.real_yes.model_") + model));
  }
  CHECK(real_no == 5);
  CHECK(real_yes == 152);
  const std::string states = read_text(a + "/backtest_states.csv");
  CHECK(lines(states) == 194);
  CHECK(states.find("\nAUT,Austria,false,true,2018-10-31,abstain,") != std::string::npos);
  CHECK(states.find("\nUSA,United States of America,true,false,,no,") != std::string::npos);

  REQUIRE(run_gcmsim("backtest -r 3 -q -o " + b).exit_code == 0);
  for (const char* f : {"backtest.csv", "backtest_states.csv", "summary.txt"}) CHECK(read_text(a + "/" + f) == read_text(b + "/" + f));
}

TEST_CASE("backtest names a hold-out state the scenario lacks, located, and exits 2", "[cli][backtest]") {
  const std::string dir = out_dir("backtest-bad");
  std::filesystem::create_directories(dir);
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/history/holdout.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("no: [CZE,"), 9, "no: [XYZ,");
  text.replace(text.find("scenario: ../gcm-2017-2018.yaml"), 31, std::string("scenario: ") + GCMSIM_SOURCE_DIR + "/scenarios/gcm-2017-2018.yaml");
  text.replace(text.find("overrides: [actual-2017-2018.yaml]"), 34,
               std::string("overrides: [") + GCMSIM_SOURCE_DIR + "/scenarios/history/actual-2017-2018.yaml]");
  std::ofstream(dir + "/holdout.yaml") << text;
  const auto r = run_gcmsim("backtest " + dir + "/holdout.yaml -r 1 -q -o " + dir + "/out");
  CHECK(r.exit_code == 2);
  CHECK(std::regex_search(r.err, std::regex("holdout\\.yaml:[0-9]+:[0-9]+: error: XYZ is not a member state of the scenario")));
}

TEST_CASE("calibrate refuses a target dated after the file's cutoff with exit 2 and its location", "[cli][backtest]") {
  const std::string dir = out_dir("calibrate-cutoff");
  std::filesystem::create_directories(dir);
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/history/targets.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("scenario: ../gcm-2017-2018.yaml"), 31, std::string("scenario: ") + GCMSIM_SOURCE_DIR + "/scenarios/gcm-2017-2018.yaml");
  text += "  - metric: conference_adopt\n    observed: 164\n    scale: 8\n    date: 2018-12-10\n    source: \"Marrakech\"\n";
  std::ofstream(dir + "/targets.yaml") << text;
  const auto r = run_gcmsim("calibrate " + dir + "/targets.yaml --draws 1 -q -o " + dir + "/out");
  CHECK(r.exit_code == 2);
  CHECK(std::regex_search(r.err, std::regex("targets\\.yaml:[0-9]+:[0-9]+: error: target 'conference_adopt' is dated 2018-12-10, after the "
                                            "cutoff 2018-07-13")));
  CHECK_FALSE(std::filesystem::exists(dir + "/out/posterior.csv"));
}

TEST_CASE("votes.csv tells a drawn dissociation from a scripted departure", "[cli][backtest]") {
  // The baseline scripts nothing: every departure in it is the model's.
  const std::string base = out_dir("votes-baseline");
  REQUIRE(run_gcmsim("run scenarios/gcm-2017-2018.yaml -q -o " + base).exit_code == 0);
  const std::string baseline = read_text(base + "/votes.csv");
  CHECK(baseline.find(",scripted,") == std::string::npos);
  CHECK(std::regex_search(baseline, std::regex("\n[A-Z]{3},[^\n]*,dissociated,[0-9T:-]*,dissociated,")));
  // The history replay scripts the United States (before agreement) and Hungary (after).
  const std::string hist = out_dir("votes-history");
  REQUIRE(run_gcmsim("run scenarios/gcm-2017-2018.yaml --override scenarios/history/actual-2017-2018.yaml -q -o " + hist).exit_code == 0);
  const std::string history = read_text(hist + "/votes.csv");
  CHECK(std::regex_search(history, std::regex("\nUSA,United States of America,left,2017-12-02T[0-9:]+,scripted,")));
  CHECK(std::regex_search(history, std::regex("\nHUN,Hungary,dissociated,2018-07-18T[0-9:]+,scripted,")));
}

TEST_CASE("backtest into a folder holding files it did not write refuses, exit 2, and leaves them", "[cli][backtest]") {
  // A run folder holds its own states.csv and summary files: a backtest pointed at it must not
  // replace them (issue 25's rule for every command that writes a folder).
  const std::string dir = out_dir("backtest-foreign");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/summary.txt") << "a user's own notes\n";
  const auto r = run_gcmsim("backtest -r 1 -q -o " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("summary.txt") != std::string::npos);
  CHECK(read_text(dir + "/summary.txt") == "a user's own notes\n");
  CHECK_FALSE(std::filesystem::exists(dir + "/backtest.csv"));
}
