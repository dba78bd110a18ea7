// The state-level data beside member_states.yaml against the values scenarios/data/README.md quotes
// from its sources, and the file's own rules (one row per pair, every member state, values in range).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

struct Pair {
  int roll_calls = 0;
  std::string agreement;
};

std::map<std::string, Pair> read_affinity() {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/data/un_affinity_2013_2017.csv");
  REQUIRE(in);
  std::map<std::string, Pair> pairs;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      REQUIRE(line == "iso3_a,iso3_b,roll_calls,agreement");
      header = true;
      continue;
    }
    std::istringstream fields(line);
    std::string a, b, n, agreement;
    std::getline(fields, a, ',');
    std::getline(fields, b, ',');
    std::getline(fields, n, ',');
    std::getline(fields, agreement, ',');
    INFO(line);
    REQUIRE(a < b);
    REQUIRE(pairs.emplace(a + "," + b, Pair{std::stoi(n), agreement}).second);
  }
  return pairs;
}

}  // namespace

TEST_CASE("UN affinity: the rows the data README quotes from Voeten et al.'s roll calls", "[data]") {
  const auto pairs = read_affinity();
  // scenarios/data/README.md, "Affinity".
  const std::vector<std::tuple<std::string, int, std::string>> quoted = {
      {"AFG,AGO", 397, "0.9395"}, {"AUS,NZL", 455, "0.8319"}, {"AUT,DEU", 457, "0.8950"}, {"CAN,USA", 459, "0.8257"},
      {"CZE,POL", 458, "0.9836"}, {"HUN,POL", 460, "0.9880"}, {"ISR,USA", 451, "0.9169"}};
  for (const auto& [key, n, agreement] : quoted) {
    INFO(key);
    REQUIRE(pairs.count(key) == 1);
    CHECK(pairs.at(key).roll_calls == n);
    CHECK(pairs.at(key).agreement == agreement);
  }
}

TEST_CASE("UN affinity: every pair of the 193 member states once, agreement within [0, 1]", "[data]") {
  const auto pairs = read_affinity();
  CHECK(pairs.size() == 193u * 192u / 2u);
  std::set<std::string> states;
  for (const auto& [key, p] : pairs) {
    states.insert(key.substr(0, 3));
    states.insert(key.substr(4, 3));
    CHECK(p.roll_calls <= 462);  // the roll calls of 2013-2017
    if (p.roll_calls == 0) continue;
    const double a = std::stod(p.agreement);
    CHECK(a >= 0.0);
    CHECK(a <= 1.0);
  }
  CHECK(states.size() == 193);
}

TEST_CASE("Governments: the cabinets the data README quotes from ParlGov, dated", "[data]") {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/data/governments_parlgov_2017_2018.csv");
  REQUIRE(in);
  std::map<std::string, std::vector<std::string>> rows;  // "iso3,start" -> fields
  std::set<std::string> states;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (!header) {
      REQUIRE(line == "iso3,start,cabinet,caretaker,share_com,share_eco,share_soc,share_agr,share_lib,share_chr,share_con,share_right,share_other");
      header = true;
      continue;
    }
    INFO(line);
    REQUIRE(f.size() == 13);
    CHECK(f[1] <= "2018-12-31");
    states.insert(f[0]);
    rows[f[0] + "," + f[1]] = f;
  }
  CHECK(states.size() == 37);
  // scenarios/data/README.md, "Governments": cabinet, then soc, chr, con, right, other shares.
  const std::vector<std::vector<std::string>> quoted = {{"AUT,2016-05-17", "Kern", "52.5", "47.5", "0", "0", "0"},
                                                        {"AUT,2017-12-18", "Kurz", "0", "54.9", "0", "45.1", "0"},
                                                        {"ITA,2018-06-01", "Conte", "0", "0", "0", "35.3", "64.7"},
                                                        {"HUN,2018-05-10", "Orban IV", "0", "12", "88", "0", "0"},
                                                        {"POL,2017-12-11", "Morawiecki", "0", "0", "100", "0", "0"}};
  for (const auto& q : quoted) {
    INFO(q[0]);
    REQUIRE(rows.count(q[0]) == 1);
    const auto& f = rows.at(q[0]);
    CHECK(f[2] == q[1]);
    CHECK(f[6] == q[2]);
    CHECK(f[9] == q[3]);
    CHECK(f[10] == q[4]);
    CHECK(f[11] == q[5]);
    CHECK(f[12] == q[6]);
  }
}

TEST_CASE("Cabinet parties: the rows the data README quotes from ParlGov's 2023 development version", "[data]") {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/data/cabinet_parties_parlgov_2017_2018.csv");
  REQUIRE(in);
  std::map<std::string, std::vector<std::string>> rows;  // "iso3,start,party" -> fields
  std::set<std::string> states;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (line.back() == ',') f.emplace_back();  // an empty last field
    if (!header) {
      REQUIRE(line == "iso3,start,cabinet,caretaker,party,party_id,seats,family,liberty_authority,surveys");
      header = true;
      continue;
    }
    INFO(line);
    REQUIRE(f.size() == 10);
    CHECK(f[1] <= "2018-12-31");
    if (!f[8].empty()) {
      CHECK(std::stod(f[8]) >= 0.0);
      CHECK(std::stod(f[8]) <= 10.0);
    }
    states.insert(f[0]);
    REQUIRE(rows.emplace(f[0] + "," + f[1] + "," + f[4], f).second);
  }
  CHECK(states.size() == 37);
  CHECK(rows.size() == 173);
  // scenarios/data/README.md, "Cabinet parties": cabinet, seats, family, liberty_authority, surveys.
  const std::vector<std::vector<std::string>> quoted = {
      {"AUT,2017-12-18,FPO", "Kurz I", "51", "right", "8.5149", "castles_mair;huber_inglehart;ray;benoit_laver;chess"},
      {"AUT,2017-12-18,OVP", "Kurz I", "62", "chr", "7.6198", "castles_mair;huber_inglehart;ray;benoit_laver;chess"},
      {"ITA,2018-06-01,LN", "Conte I", "124", "right", "7.9003", "huber_inglehart;ray;benoit_laver;chess"},
      {"ITA,2018-06-01,M5S", "Conte I", "227", "none", "", ""},
      {"POL,2017-12-11,PiS", "Morawiecki I", "235", "con", "8.2514", "benoit_laver;chess"},
      {"NOR,2018-01-17,Fr", "Solberg III", "27", "right", "5.5388", "castles_mair;huber_inglehart;ray;benoit_laver;chess"},
      {"CHE,2015-12-09,SVP-UDC", "Bundesrat 2015", "65", "agr", "8.3385", "huber_inglehart;ray;benoit_laver;chess"},
      {"CZE,2017-12-13,ANO", "Babis I", "78", "lib", "3.6", ""}};
  for (const auto& q : quoted) {
    INFO(q[0]);
    REQUIRE(rows.count(q[0]) == 1);
    const auto& f = rows.at(q[0]);
    CHECK(f[2] == q[1]);
    CHECK(f[6] == q[2]);
    CHECK(f[7] == q[3]);
    CHECK(f[8] == q[4]);
    CHECK(f[9] == q[5]);
  }
}

TEST_CASE("Migrant stock: every member state, the rows the data README quotes from UN DESA 2017", "[data]") {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/data/migrant_share_2017.csv");
  REQUIRE(in);
  std::map<std::string, std::string> share;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      REQUIRE(line == "iso3,migrant_share_2017");
      header = true;
      continue;
    }
    const auto comma = line.find(',');
    INFO(line);
    REQUIRE(comma == 3);
    const double v = std::stod(line.substr(4));
    CHECK(v >= 0.0);
    CHECK(v <= 100.0);
    REQUIRE(share.emplace(line.substr(0, 3), line.substr(4)).second);
  }
  CHECK(share.size() == 193);
  // scenarios/data/README.md, "Migrant stock".
  for (const auto& [iso3, value] : std::vector<std::pair<std::string, std::string>>{
           {"ARE", "88.4"}, {"QAT", "65.2"}, {"AUT", "19"}, {"USA", "15.3"}, {"POL", "1.7"}, {"COD", "1.1"}}) {
    INFO(iso3);
    REQUIRE(share.count(iso3) == 1);
    CHECK(share.at(iso3) == value);
  }
}

TEST_CASE("Absence: every member state, the rows the data README quotes from Voeten et al.'s roll calls of 2017", "[data]") {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/data/un_absence_2017.csv");
  REQUIRE(in);
  std::map<std::string, std::pair<int, std::string>> rows;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      REQUIRE(line == "iso3,voted,absence");
      header = true;
      continue;
    }
    std::istringstream fields(line);
    std::string iso3, voted, absence;
    std::getline(fields, iso3, ',');
    std::getline(fields, voted, ',');
    std::getline(fields, absence, ',');
    INFO(line);
    const int n = std::stoi(voted);
    CHECK(n >= 0);
    CHECK(n <= 129);  // the 129 recorded votes of 2017
    // The rule: absence = 1 - voted / 129, to four decimals.
    CHECK(std::stod(absence) == Approx(1.0 - n / 129.0).margin(5e-5));
    REQUIRE(rows.emplace(iso3, std::make_pair(n, absence)).second);
  }
  CHECK(rows.size() == 193);
  // scenarios/data/README.md, "Absence".
  for (const auto& [iso3, n, absence] : std::vector<std::tuple<std::string, int, std::string>>{
           {"STP", 3, "0.9767"}, {"NER", 40, "0.6899"}, {"KIR", 67, "0.4806"}, {"TKM", 86, "0.3333"}, {"USA", 129, "0.0000"}}) {
    INFO(iso3);
    REQUIRE(rows.count(iso3) == 1);
    CHECK(rows.at(iso3).first == n);
    CHECK(rows.at(iso3).second == absence);
  }
}
