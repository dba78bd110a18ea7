// The per-run metrics: a catalogue that names each metric once, with a unit and a meaning, and
// values that agree with the run they measure.
#include "models/run/run_metrics.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "../loader/load_helpers.hpp"
#include "models/run/simulate.hpp"

using namespace gcmsim;

namespace {

std::shared_ptr<const sim::PreparedScenario> prepare(const std::string& path, std::vector<std::string> overrides = {}) {
  const sim::Preparation p = sim::prepare({path, std::move(overrides), {}});
  if (!p.ok()) FAIL(p.error_report());
  return p.scenario;
}

double value(const sim::PreparedScenario& p, const sim::RunMetrics& m, const std::string& key) {
  const auto i = p.metric_catalog().find(key);
  if (!i) FAIL("no metric " << key);
  if (!m.values[*i]) FAIL("metric " << key << " has no value");
  return *m.values[*i];
}

}  // namespace

TEST_CASE("every metric has a unique key, a unit and a description", "[sim][metrics]") {
  const auto p = prepare(testing::scenario_file("gcm-2017-2018.yaml"));
  const sim::MetricCatalog& c = p->metric_catalog();
  std::set<std::string> keys;
  for (const sim::MetricInfo& m : c.list()) {
    INFO(m.key());
    CHECK(keys.insert(m.key()).second);
    CHECK_FALSE(m.unit.empty());
    CHECK_FALSE(m.description.empty());
  }
  // Every activity's slip, not only the milestones'.
  for (const model::Activity& a : p->scenario().activities) CHECK(c.find("slip_days." + a.id));
  for (const char* key : {"critical_path_days", "attendance_share.ldc", "speaking_share.developing", "trust_fund_end_balance",
                          "trust_fund_ran_dry_day", "trips_funded.ldc", "stakeholders_admitted", "agreed", "agreed_round",
                          "rounds_held", "left_process", "conference_adopt", "conference_absent", "conference_dissociated",
                          "conference_adopted", "agreed_in_last_round", "delegations_present.stocktaking"}) {
    INFO(key);
    CHECK(c.find(key));
  }
}

TEST_CASE("metric values agree with the run they measure", "[sim][metrics]") {
  const auto p = prepare(testing::scenario_file("gcm-2017-2018.yaml"));
  const model::RunResults run = sim::simulate(*p, sim::default_spec(*p));
  const sim::RunMetrics m = sim::metrics(*p, run);
  REQUIRE(m.values.size() == p->metric_catalog().size());
  CHECK(value(*p, m, "critical_path_days") == static_cast<double>(p->plan().critical_path_days));
  CHECK(value(*p, m, "trust_fund_spent") == run.trust_fund.spent);
  CHECK(value(*p, m, "trust_fund_end_balance") == Approx(run.trust_fund.raised - run.trust_fund.spent));
  // Left the process and dissociated after agreement are two counts, never one.
  std::size_t left = 0, dissociated = 0;
  for (const model::Withdrawal& w : run.withdrawals) ++(w.cause == model::WithdrawalCause::dissociated ? dissociated : left);
  CHECK(value(*p, m, "left_process") == static_cast<double>(left));
  CHECK(value(*p, m, "conference_dissociated") == static_cast<double>(dissociated));
  CHECK(value(*p, m, "rounds_held") == run.negotiation->rounds_held);
  // Trips by status add up to the fund's trips.
  CHECK(value(*p, m, "trips_funded.developed") + value(*p, m, "trips_funded.developing") + value(*p, m, "trips_funded.ldc") ==
        run.trust_fund.trips_funded);
  // Shares stay shares.
  for (std::size_t i = 0; i < m.values.size(); ++i) {
    const sim::MetricInfo& info = p->metric_catalog()[i];
    if (!m.values[i]) continue;
    INFO(info.key());
    if (info.lower()) CHECK(*m.values[i] >= *info.lower());
    if (info.upper()) CHECK(*m.values[i] <= *info.upper());
  }
  // Absent means absent: the day the fund ran dry only when it did.
  const auto dry = *p->metric_catalog().find("trust_fund_ran_dry_day");
  CHECK(m.values[dry].has_value() == run.trust_fund.ran_dry.has_value());
}

TEST_CASE("a scenario without a negotiation has no negotiation metrics", "[sim][metrics]") {
  const auto p = prepare(testing::fixture("minimal.yaml"));
  CHECK_FALSE(p->metric_catalog().find("agreed"));
  CHECK(p->metric_catalog().find("left_process"));
}
