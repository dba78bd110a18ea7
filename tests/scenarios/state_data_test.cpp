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

// One data row of a CSV file in scenarios/data: the line as written (for INFO), and its fields.
struct DataRow {
  std::string line;
  std::vector<std::string> fields;
};

// The data rows of scenarios/data/<name>: blank lines and # comments skipped, the header line checked
// against `header`, every row split at its commas (a trailing comma is an empty last field) and
// required to have as many fields as the header.
std::vector<DataRow> read_data_csv(const std::string& name, const std::string& header) {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/data/" + name);
  REQUIRE(in);
  const auto split = [](const std::string& line) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (!line.empty() && line.back() == ',') f.emplace_back();
    return f;
  };
  const std::size_t columns = split(header).size();
  std::vector<DataRow> rows;
  std::string line;
  bool header_read = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_read) {
      REQUIRE(line == header);
      header_read = true;
      continue;
    }
    INFO(name << ": " << line);
    rows.push_back({line, split(line)});
    REQUIRE(rows.back().fields.size() == columns);
  }
  REQUIRE(header_read);
  return rows;
}

struct Pair {
  int roll_calls = 0;
  std::string agreement;
};

std::map<std::string, Pair> read_affinity() {
  std::map<std::string, Pair> pairs;
  for (const auto& [line, f] : read_data_csv("un_affinity_2013_2017.csv", "iso3_a,iso3_b,roll_calls,agreement")) {
    INFO(line);
    REQUIRE(f[0] < f[1]);
    REQUIRE(pairs.emplace(f[0] + "," + f[1], Pair{std::stoi(f[2]), f[3]}).second);
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
  std::map<std::string, std::vector<std::string>> rows;  // "iso3,start" -> fields
  std::set<std::string> states;
  for (const auto& [line, f] : read_data_csv("governments_parlgov_2017_2018.csv",
                                             "iso3,start,cabinet,caretaker,share_com,share_eco,share_soc,share_agr,"
                                             "share_lib,share_chr,share_con,share_right,share_other")) {
    INFO(line);
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
  std::map<std::string, std::vector<std::string>> rows;  // "iso3,start,party" -> fields
  std::set<std::string> states;
  for (const auto& [line, f] : read_data_csv("cabinet_parties_parlgov_2017_2018.csv",
                                             "iso3,start,cabinet,caretaker,party,party_id,seats,family,"
                                             "liberty_authority,surveys")) {
    INFO(line);
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
  std::map<std::string, std::string> share;
  for (const auto& [line, f] : read_data_csv("migrant_share_2017.csv", "iso3,migrant_share_2017")) {
    INFO(line);
    REQUIRE(f[0].size() == 3);
    const double v = std::stod(f[1]);
    CHECK(v >= 0.0);
    CHECK(v <= 100.0);
    REQUIRE(share.emplace(f[0], f[1]).second);
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
  std::map<std::string, std::pair<int, std::string>> rows;
  for (const auto& [line, f] : read_data_csv("un_absence_2017.csv", "iso3,voted,absence")) {
    INFO(line);
    const int n = std::stoi(f[1]);
    CHECK(n >= 0);
    CHECK(n <= 129);  // the 129 recorded votes of 2017
    // The rule: absence = 1 - voted / 129, to four decimals.
    CHECK(std::stod(f[2]) == Approx(1.0 - n / 129.0).margin(5e-5));
    REQUIRE(rows.emplace(f[0], std::make_pair(n, f[2])).second);
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
