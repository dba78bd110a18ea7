// Designs as tables: grid, Latin hypercube, Saltelli, and tables read from CSV.
#include <filesystem>
#include <fstream>
#include <cmath>
#include <set>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "experiments/design.hpp"

namespace ex = gcmsim::experiments;

namespace {

ex::Parameter levels(std::string name, std::vector<std::string> values) {
  ex::Parameter p;
  p.name = std::move(name);
  p.levels = std::move(values);
  return p;
}

ex::Parameter range(std::string name, double lo, double hi, ex::RangeScale scale = ex::RangeScale::uniform) {
  ex::Parameter p;
  p.name = std::move(name);
  p.range = ex::Range{lo, hi, scale, 0};
  return p;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("gcmsim-design-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("a grid has every combination of levels exactly once, the first parameter varying slowest") {
  const ex::Design d = ex::grid_design({levels("a", {"1", "2", "3"}), levels("b", {"x", "y"}), levels("c", {"true", "false"})});
  REQUIRE(d.size() == 12);
  std::set<std::vector<std::string>> seen(d.points.begin(), d.points.end());
  CHECK(seen.size() == 12);
  CHECK(d.points.front() == std::vector<std::string>{"1", "x", "true"});
  CHECK(d.points[1] == std::vector<std::string>{"1", "x", "false"});
  CHECK(d.points.back() == std::vector<std::string>{"3", "y", "false"});
}

TEST_CASE("a grid over a range with steps ends exactly at both bounds") {
  ex::Parameter p = range("r", 0.1, 0.3);
  p.range->steps = 3;
  const ex::Design d = ex::grid_design({p});
  REQUIRE(d.size() == 3);
  CHECK(d.points[0][0] == "0.1");
  CHECK(d.points[1][0] == "0.2");
  CHECK(d.points[2][0] == "0.3");
}

TEST_CASE("a Latin hypercube puts exactly one point in each of the n strata of every parameter") {
  for (const auto criterion : {ex::LhsCriterion::maximin, ex::LhsCriterion::centred}) {
    const std::size_t n = 37;
    const ex::UnitSample s = ex::latin_hypercube(n, 4, criterion, 20, 11);
    REQUIRE(s.size() == n);
    for (std::size_t i = 0; i < 4; ++i) {
      std::set<std::size_t> strata;
      for (const auto& row : s) {
        REQUIRE(row[i] >= 0.0);
        REQUIRE(row[i] < 1.0);
        strata.insert(static_cast<std::size_t>(row[i] * n));
      }
      CHECK(strata.size() == n);
    }
  }
}

TEST_CASE("a centred Latin hypercube sits at the strata's middles, and the same seed gives the same design") {
  const ex::UnitSample s = ex::latin_hypercube(10, 2, ex::LhsCriterion::centred, 1, 3);
  for (const auto& row : s) CHECK(row[0] * 10 - std::floor(row[0] * 10) == Approx(0.5));
  CHECK(ex::latin_hypercube(10, 3, ex::LhsCriterion::maximin, 5, 3) == ex::latin_hypercube(10, 3, ex::LhsCriterion::maximin, 5, 3));
  CHECK(ex::latin_hypercube(10, 3, ex::LhsCriterion::maximin, 5, 3) != ex::latin_hypercube(10, 3, ex::LhsCriterion::maximin, 5, 4));
}

TEST_CASE("maximin keeps the candidate whose closest pair is farthest apart") {
  const auto closest = [](const ex::UnitSample& s) {
    double best = 1e9;
    for (std::size_t a = 0; a < s.size(); ++a)
      for (std::size_t b = a + 1; b < s.size(); ++b) best = std::min(best, std::hypot(s[a][0] - s[b][0], s[a][1] - s[b][1]));
    return best;
  };
  CHECK(closest(ex::latin_hypercube(20, 2, ex::LhsCriterion::maximin, 50, 5)) >=
        closest(ex::latin_hypercube(20, 2, ex::LhsCriterion::maximin, 1, 5)));
}

TEST_CASE("ranges map the unit interval: uniform, log-uniform and integer") {
  CHECK(ex::value_at(range("u", 2, 4), 0.5) == "3");
  CHECK(std::stod(ex::value_at(range("l", 1, 100, ex::RangeScale::log_uniform), 0.5)) == Approx(10.0));
  CHECK(std::stod(ex::value_at(range("l", 1, 100, ex::RangeScale::log_uniform), 0.25)) == Approx(std::sqrt(10.0)));
  const ex::Parameter i = range("i", 1, 3, ex::RangeScale::integer);
  CHECK(ex::value_at(i, 0.0) == "1");
  CHECK(ex::value_at(i, 0.34) == "2");
  CHECK(ex::value_at(i, 0.999) == "3");
  CHECK(ex::value_at(levels("p", {"first_come", "alternating_groups"}), 0.7) == "alternating_groups");
}

TEST_CASE("Saltelli's scheme: A, AB_i (A with column i from B) and B, row by row") {
  const ex::UnitSample s = ex::saltelli_sample(8, 3);
  REQUIRE(s.size() == 8 * 5);
  for (std::size_t j = 0; j < 8; ++j) {
    const auto& a = s[ex::saltelli_a(j, 3)];
    const auto& b = s[ex::saltelli_b(j, 3)];
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& ab = s[ex::saltelli_ab(j, i, 3)];
      for (std::size_t c = 0; c < 3; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
    }
  }
}

TEST_CASE("a design table is read in any column order") {
  const std::string path = write_temp("ok.csv", "b,a\nx,1\n\"y,z\",2\n");
  gcmsim::loader::SourceFiles files;
  gcmsim::loader::Diagnostics diagnostics;
  const ex::Design d = ex::read_design_table(path, {levels("a", {}), levels("b", {})}, files, diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(d.size() == 2);
  CHECK(d.points[1] == std::vector<std::string>{"2", "y,z"});
}

TEST_CASE("a design table's errors name its line and column") {
  const std::string path = write_temp("bad.csv", "a,bb,c\n1,2\n3,,4\n");
  gcmsim::loader::SourceFiles files;
  gcmsim::loader::Diagnostics diagnostics;
  (void)ex::read_design_table(path, {levels("a", {}), levels("b", {})}, files, diagnostics);
  const std::string report = diagnostics.format(files);
  INFO(report);
  CHECK(report.find(path + ":1:3: error: column 'bb' is not a parameter of the sweep; did you mean 'b'?") != std::string::npos);
  CHECK(report.find(path + ":1:6: error: column 'c' is not a parameter") != std::string::npos);
  CHECK(report.find(path + ":2:3: error: found 2 fields, expected 3") != std::string::npos);
  CHECK(report.find(path + ":3:3: error: empty value") != std::string::npos);
  CHECK(report.find("    2 | 1,2") != std::string::npos);
}
