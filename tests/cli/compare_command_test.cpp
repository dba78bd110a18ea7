#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {
// The compare.csv row of a metric key ("slip_days,ts6"), without the trailing newline.
std::string row(const std::string& csv, const std::string& key) {
  const auto at = csv.find("\n" + key + ",");
  if (at == std::string::npos) return {};
  return csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
}
}  // namespace

TEST_CASE("compare of the baseline with itself: every difference is zero with a zero-width interval", "[cli][compare]") {
  const std::string dir = out_dir("compare-self");
  const auto r = run_gcmsim("compare -r 3 -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Contains("What moved: nothing"));
  std::istringstream csv(read_text(dir + "/compare.csv"));
  std::string line;
  std::getline(csv, line);
  REQUIRE(line == "metric,group,unit,base_mean,whatif_mean,base_date,whatif_date,difference,ci95_low,ci95_high,n,excludes_zero");
  int rows = 0;
  while (std::getline(csv, line)) {
    ++rows;
    INFO(line);
    // A metric without a value in any run (a fund that never ran dry) has no difference at all.
    if (line.find(",,,,0,false") != std::string::npos) continue;
    const bool zero = line.find(",0.00,0.00,0.00,3,false") != std::string::npos ||
                      line.find(",0.0000,0.0000,0.0000,3,false") != std::string::npos;
    REQUIRE(zero);
  }
  REQUIRE(rows > 100);
}

TEST_CASE("compare with session-slips lists ts6 and what follows it with their slips", "[cli][compare]") {
  const std::string dir = out_dir("compare-slips");
  const auto r = run_gcmsim("compare --override scenarios/what-if/session-slips.yaml -r 6 -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Contains("What-if: scenarios/gcm-2017-2018.yaml + --override scenarios/what-if/session-slips.yaml"));
  // Moved seven weeks by the plan: the session, its brief, its note and its summary, in every run.
  REQUIRE_THAT(r.out, Contains("  ts6       2017-10-02..10-03  2017-11-20..11-21  2017-10-02..10-03  2017-11-20..11-21"));
  REQUIRE_THAT(r.out, Contains("+49.0 (every run)  planned"));
  // The late summary moves with it; the stocktaking, hosted on a fixed date, does not move (soft needs).
  REQUIRE_THAT(r.out, Contains("  sum6      2017-10-04..10-17  2017-11-22..12-05"));
  REQUIRE_THAT(r.out, !Contains("  stocktaking "));
  const std::string csv = read_text(dir + "/compare.csv");
  REQUIRE(row(csv, "end_day,ts6") == "end_day,ts6,days moved,,,2017-10-03,2017-11-21,49.00,49.00,49.00,6,true");
  // The stocktaking keeps its date in every replication: a zero difference with a zero-width interval.
  REQUIRE(row(csv, "start_day,stocktaking") == "start_day,stocktaking,days moved,,,2017-12-04,2017-12-04,0.00,0.00,0.00,6,false");
  // Activities before the slip did not move.
  REQUIRE(row(csv, "end_day,ts1").find(",0.00,0.00,0.00,6,false") != std::string::npos);
}

TEST_CASE("compare names a bad what-if by its origin and writes nothing", "[cli][compare]") {
  const std::string dir = out_dir("compare-bad");
  const auto r = run_gcmsim("compare --set activities.nosuch.start=2017-05-01 -r 2 -o " + dir);
  REQUIRE(r.exit_code == 2);
  REQUIRE_THAT(r.err, Contains("nosuch"));
  REQUIRE_FALSE(fs::exists(dir + "/compare.csv"));
}
