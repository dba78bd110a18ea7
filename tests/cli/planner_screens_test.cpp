// What a planner reads (issue 24): the screens of run and compare for every shipped what-if and
// the four planner questions, read as a user reads them and checked against the files beside them.
// One vocabulary (left the process, dissociated after agreement, absent, adopted), every count the
// same as outcome.json or compare.csv, and no two lines that contradict each other.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_gcmsim.hpp"

namespace {

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;

struct Question {
  std::string name;
  std::string options;
};

// The shipped what-ifs (two of them planner questions), then the other two as one-line options.
const std::vector<Question>& questions() {
  static const std::vector<Question> q = {
      {"session-slips", "--override scenarios/what-if/session-slips.yaml"},
      {"trust-fund-halved", "--override scenarios/what-if/trust-fund-halved.yaml"},
      {"two-minute-interventions", "--override scenarios/what-if/two-minute-interventions.yaml"},
      {"state-withdraws", "--override scenarios/what-if/state-withdraws.yaml"},
      {"extra-round", "--override scenarios/what-if/extra-round.yaml"},
      {"fewer-rounds: four rounds instead of six", "--override scenarios/what-if/fewer-rounds.yaml"},
      {"group-boycotts-round2: a regional group boycotts round 2", "--override scenarios/what-if/group-boycotts-round2.yaml"},
      {"fund halved", "--scale policies.trust_fund.contributions.usd=0.5"},
      // +3w lands on 25 December, a UN holiday in the scenario's calendar: refused, located. Three
      // weeks and a day is 26 December, in the year-end closure: run and compare say so (closure).
      {"stocktaking three weeks late", "--shift activities.stocktaking=+22d"},
  };
  return q;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

int count_after(const std::string& text, const std::string& label) {
  const std::regex re(label + ": (\\d+)");
  std::smatch m;
  return std::regex_search(text, m, re) ? std::stoi(m[1]) : 0;
}

// compare.csv as metric -> columns.
std::map<std::string, std::map<std::string, std::string>> read_compare(const std::string& path) {
  std::map<std::string, std::map<std::string, std::string>> out;
  const std::vector<std::string> rows = lines_of(read_text(path));
  REQUIRE(!rows.empty());
  const auto split = [](const std::string& line) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ',')) f.push_back(cell);
    if (!line.empty() && line.back() == ',') f.emplace_back();
    return f;
  };
  const std::vector<std::string> header = split(rows.front());
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string> f = split(rows[r]);
    if (f.size() != header.size()) continue;  // a quoted field with a comma: not a metric this test reads
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < header.size(); ++c) row[header[c]] = f[c];
    out[f[0] + (f[1] == "all" ? std::string() : "." + f[1])] = row;
  }
  return out;
}

}  // namespace

TEST_CASE("run's screen counts who left and who dissociated as outcome.json does, in one vocabulary", "[cli][planner]") {
  for (const Question& q : questions()) {
    INFO(q.name);
    const std::string dir = out_dir("planner-run");
    const auto r = run_gcmsim("run " + q.options + " --out " + dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto outcome = nlohmann::json::parse(read_text(dir + "/outcome.json"));
    const std::string& screen = r.out;
    CHECK_FALSE(Catch::contains(screen, "Withdrawals"));
    CHECK(count_after(screen, "Left the process") == outcome["left_process"]["count"].get<int>());
    CHECK(count_after(screen, "Dissociated after agreement") == outcome["dissociated_after_agreement"]["count"].get<int>());
    const std::regex conference("conference \\S+: adopted by acclamation, (\\d+) present; (\\d+) absent, (\\d+) dissociated after "
                                "agreement(?: \\([A-Z, ]+\\))?; (\\d+) left the process");
    std::smatch m;
    if (outcome["conference"]["text_adopted"].get<bool>()) {
      REQUIRE(std::regex_search(screen, m, conference));
      CHECK(std::stoi(m[1]) == outcome["conference"]["adopt"]["count"].get<int>());
      CHECK(std::stoi(m[2]) == outcome["conference"]["absent"]["count"].get<int>());
      CHECK(std::stoi(m[3]) == outcome["conference"]["dissociated"]["count"].get<int>());
      CHECK(std::stoi(m[4]) == outcome["conference"]["left"]["count"].get<int>());
      // The same states, counted in two places: the conference and the lists above it.
      CHECK(std::stoi(m[4]) == outcome["left_process"]["count"].get<int>());
      CHECK(std::stoi(m[3]) == outcome["dissociated_after_agreement"]["count"].get<int>());
    }
    // Agreement in the OP29 consultations is said where the round of agreement is.
    if (outcome["agreed"].get<bool>() && outcome["informal_consultations"].get<int>() > 0) {
      CHECK(Catch::contains(screen, "in OP29 consultations after " + outcome["agreed_round"].get<std::string>()));
    }
    // votes.csv: a state that dissociated never has a departure date.
    for (const std::string& line : lines_of(read_text(dir + "/votes.csv"))) {
      if (line.find(",dissociated,") != std::string::npos) CHECK(line.find(",dissociated,,") != std::string::npos);
    }
  }
}

TEST_CASE("compare's screen says what compare.csv says, with ISO dates and no contradiction", "[cli][planner]") {
  for (const Question& q : questions()) {
    INFO(q.name);
    const std::string dir = out_dir("planner-compare");
    const auto r = run_gcmsim("compare " + q.options + " -r 10 -o " + dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // Ten pairs are enough for an interval: no warning about them. The scenario's own warnings are
    // printed as validate prints them: the stocktaking moved into the year-end closure is one.
    CHECK_FALSE(Catch::contains(r.err, "paired replications are fewer"));
    CHECK(Catch::contains(r.err, "warning[closure]") == (q.name == "stocktaking three weeks late"));
    const auto csv = read_compare(dir + "/compare.csv");
    // Dates are dates: every day metric has ISO dates and its difference in days moved.
    const std::regex iso("\\d{4}-\\d{2}-\\d{2}");
    for (const auto& [key, row] : csv) {
      if (row.at("unit") != "days moved") continue;
      INFO(key);
      CHECK(row.at("base_mean").empty());
      if (!row.at("base_date").empty()) CHECK(std::regex_match(row.at("base_date"), iso));
      if (!row.at("whatif_date").empty()) CHECK(std::regex_match(row.at("whatif_date"), iso));
    }
    const std::string& screen = r.out;
    CHECK_FALSE(Catch::contains(screen, "withdrawals"));
    // Each negotiation line's two means are compare.csv's, as printed (counts to 0.1, shares in %).
    const auto check_line = [&](const std::string& label, const std::string& metric, bool share) {
      std::smatch m;
      const std::regex re("\\n  " + std::regex_replace(label, std::regex("[()%,]"), "\\$&") +
                          " +([-0-9.]+)%? +([-0-9.]+)%?");
      if (!csv.count(metric)) return;
      INFO(label);
      REQUIRE(std::regex_search(screen, m, re));
      const double k = share ? 100.0 : 1.0;
      const double base = std::stod(csv.at(metric).at("base_mean")) * k;
      const double whatif = std::stod(csv.at(metric).at("whatif_mean")) * k;
      CHECK(std::abs(std::stod(m[1]) - base) <= 0.051);
      CHECK(std::abs(std::stod(m[2]) - whatif) <= 0.051);
    };
    check_line("left the process (states)", "left_process", false);
    check_line("conference: dissociated after agreement", "conference_dissociated", false);
    check_line("conference: absent", "conference_absent", false);
    check_line("text agreed (in a round or OP29 consultations), % of runs", "agreed", true);
    check_line("agreed at the end of the last scheduled round itself, % of runs", "agreed_in_last_round", true);
    // An agreement "in round 4" that the last round itself did not reach is explained on the screen.
    if (csv.count("agreed_in_last_round") && csv.count("agreed")) {
      const double agreed = std::stod(csv.at("agreed").at("whatif_mean"));
      const double in_last = std::stod(csv.at("agreed_in_last_round").at("whatif_mean"));
      if (agreed > in_last) CHECK(Catch::contains(screen, "OP29 consultations after the last round (mean)"));
    }
  }
}

TEST_CASE("compare runs 20 pairs by default and warns below 10", "[cli][planner][compare]") {
  const std::string dir = out_dir("planner-default");
  const auto r = run_gcmsim("compare --override scenarios/what-if/fewer-rounds.yaml -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Catch::contains(r.out, "20 paired replications"));
  CHECK_FALSE(Catch::contains(r.err, "warning"));
  const auto few = run_gcmsim("compare --override scenarios/what-if/fewer-rounds.yaml -r 3 -o " + dir);
  REQUIRE(few.exit_code == 0);
  CHECK(Catch::contains(few.err, "warning: -r 3"));
  CHECK(Catch::contains(few.err, "fewer than the 10"));
}
