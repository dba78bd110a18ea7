#include "output/compare.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using Catch::Contains;

namespace {

sim::MetricCatalog catalog(std::vector<sim::MetricInfo> infos) { return sim::MetricCatalog(std::move(infos)); }

sim::MetricInfo info(std::string name, sim::MetricKind kind, std::string group = "all") {
  return {std::move(name), std::move(group), "unit", "what it is", kind};
}

sim::RunMetrics values(std::vector<std::optional<double>> v) { return {std::move(v)}; }

}  // namespace

// Day metrics count days from the calendar's epoch; compare.csv writes their means as dates.
constexpr std::chrono::year_month_day kEpoch{std::chrono::year{2017}, std::chrono::month{4}, std::chrono::day{1}};

TEST_CASE("compare.csv writes a day metric's means as ISO dates and its difference in days moved", "[output][compare]") {
  const auto c = catalog({info("start_day", sim::MetricKind::day, "ts3")});
  output::PairedComparison comparison(c, c);
  for (double x : {40.0, 42.0}) comparison.add(values({x}), values({x + 21.0}));
  // Day 41 from 1 April 2017 is 12 May; three weeks later, 2 June; moved 21 days in every pair.
  REQUIRE_THAT(comparison.csv(kEpoch, kEpoch), Contains("\nstart_day,ts3,days moved,,,2017-05-12,2017-06-02,21.00,21.00,21.00,2,true\n"));
}

TEST_CASE("a scenario compared with itself differs by exactly zero, with zero-width intervals", "[output][compare]") {
  const auto c = catalog({info("slip_days", sim::MetricKind::days, "ts3"), info("agreed", sim::MetricKind::flag)});
  output::PairedComparison comparison(c, c);
  for (double x : {3.0, 7.0, -2.0, 11.0}) comparison.add(values({x, x > 0 ? 1.0 : 0.0}), values({x, x > 0 ? 1.0 : 0.0}));
  for (const output::MetricComparison& m : comparison.metrics()) {
    const ConfidenceInterval ci = output::PairedComparison::paired_interval(m);
    REQUIRE(ci.n == 4);
    REQUIRE(ci.mean == 0.0);
    REQUIRE(ci.lower == 0.0);
    REQUIRE(ci.upper == 0.0);
    REQUIRE_FALSE(output::PairedComparison::excludes_zero(m));
  }
  REQUIRE_THAT(comparison.csv(kEpoch, kEpoch), Contains("\nslip_days,ts3,unit,4.75,4.75,,,0.00,0.00,0.00,4,false\n"));
}

TEST_CASE("pairing removes the noise both sides share: the paired interval is narrower", "[output][compare]") {
  const auto c = catalog({info("slip_days", sim::MetricKind::days, "ts3")});
  output::PairedComparison comparison(c, c);
  // The what-if is the base plus 2 days plus a little noise of its own; the base varies a lot.
  const std::vector<double> base = {1, 9, 4, 15, 2, 8, 12, 3};
  const std::vector<double> own = {0.1, -0.2, 0.0, 0.3, -0.1, 0.2, -0.3, 0.0};
  for (std::size_t k = 0; k < base.size(); ++k) comparison.add(values({base[k]}), values({base[k] + 2.0 + own[k]}));
  const output::MetricComparison& m = comparison.metrics().front();
  const ConfidenceInterval paired = output::PairedComparison::paired_interval(m);
  const ConfidenceInterval unpaired = output::PairedComparison::unpaired_interval(m);
  REQUIRE(paired.mean == Approx(2.0));
  REQUIRE(unpaired.mean == Approx(2.0));
  REQUIRE(paired.half_width < unpaired.half_width / 10.0);
  REQUIRE(output::PairedComparison::excludes_zero(m));
  // Unpaired, the same runs cannot tell +2 days from nothing.
  REQUIRE(unpaired.lower < 0.0);
}

TEST_CASE("the interval of a difference of shares keeps within -1 and 1", "[output][compare]") {
  const auto c = catalog({info("agreed", sim::MetricKind::flag)});
  output::PairedComparison comparison(c, c);
  comparison.add(values({0.0}), values({1.0}));
  comparison.add(values({0.0}), values({1.0}));
  comparison.add(values({1.0}), values({1.0}));
  const ConfidenceInterval ci = output::PairedComparison::paired_interval(comparison.metrics().front());
  REQUIRE(ci.upper == 1.0);
  REQUIRE(ci.lower >= -1.0);
}

TEST_CASE("a metric only one side has gets its mean and no difference", "[output][compare]") {
  const auto base = catalog({info("slip_days", sim::MetricKind::days, "ts3")});
  const auto whatif = catalog({info("slip_days", sim::MetricKind::days, "ts3"), info("slip_days", sim::MetricKind::days, "round7")});
  output::PairedComparison comparison(base, whatif);
  comparison.add(values({1.0}), values({1.0, 5.0}));
  comparison.add(values({2.0}), values({2.0, 6.0}));
  const output::MetricComparison* added = comparison.find("slip_days.round7");
  REQUIRE(added != nullptr);
  REQUIRE(added->difference.count() == 0);
  REQUIRE_THAT(comparison.csv(kEpoch, kEpoch), Contains("\nslip_days,round7,unit,,5.50,,,,,,0,false\n"));
}
