// The negotiation as the process plays it: the published Friedkin-Johnsen example through a whole
// scenario, stubbornness, withdrawal, and reproducibility.
#include "models/negotiation/negotiation.hpp"

#include <catch2/catch.hpp>

#include <map>

#include "../loader/load_helpers.hpp"
#include "models/negotiation/friedkin_johnsen.hpp"
#include "models/negotiation/influence.hpp"
#include "models/plan.hpp"
#include "models/process/process_model.hpp"

using namespace gcmsim;

namespace {

struct Played {
  model::Scenario scenario;
  model::RunResults results;
};

Played play(const std::string& file, std::vector<std::string> sets = {}, std::uint64_t replication = 0) {
  const auto loaded = testing::load(testing::scenario_file(file), {}, std::move(sets));
  if (!loaded.ok()) FAIL(loaded.error_report());
  return {*loaded.scenario, model::run_process(model::ScenarioSetup(*loaded.scenario), loaded.defaults.seed, replication)};
}

// Position of a state on dimension 0 at each round's end.
std::vector<double> trajectory(const Played& p, std::string_view iso3) {
  const std::size_t k = *p.scenario.find_state(iso3);
  std::vector<double> out;
  for (const auto& ps : p.results.negotiation->positions) {
    if (ps.state == k) out.push_back(ps.position[0]);
  }
  return out;
}

}  // namespace

TEST_CASE("the four-person example of Friedkin and Johnsen (1999) reaches its equilibrium through a whole run",
          "[negotiation][scenario]") {
  const Played p = play("classroom/friedkin-johnsen-1999.yaml");
  const model::NegotiationSpec& spec = *p.scenario.negotiation;
  // The closed form (I - Lambda W)^-1 (I - Lambda) x0 from the scenario's own numbers.
  std::map<std::size_t, std::size_t> row;
  for (const auto& d : spec.delegations) row.emplace(d.state, row.size());
  std::vector<std::vector<std::pair<std::size_t, double>>> rows(row.size());
  Eigen::VectorXd lambda(static_cast<Eigen::Index>(row.size()));
  Eigen::MatrixXd x0(static_cast<Eigen::Index>(row.size()), 1);
  for (const auto& d : spec.delegations) {
    const std::size_t r = row.at(d.state);
    for (const auto& [target, w] : d.influence) rows[r].emplace_back(row.at(target), w);
    lambda(static_cast<Eigen::Index>(r)) = d.susceptibility;
    x0(static_cast<Eigen::Index>(r), 0) = d.position[0];
  }
  const Eigen::MatrixXd equilibrium = model::fj_equilibrium(model::influence_from_rows(rows), lambda, x0);

  // Persons 1-4 of the example are Norway, Sweden, Finland and Denmark in the scenario.
  const std::map<std::string, double> published = {{"NOR", 60}, {"SWE", 60}, {"FIN", 75}, {"DNK", 75}};
  for (const auto& d : spec.delegations) {
    const std::size_t r = row.at(d.state);
    const auto path = trajectory(p, p.scenario.member_states[d.state].iso3);
    INFO(p.scenario.member_states[d.state].name);
    REQUIRE(path.back() == Approx(equilibrium(static_cast<Eigen::Index>(r), 0)).margin(1e-6));
    REQUIRE(path.back() == Approx(published.at(p.scenario.member_states[d.state].iso3)).margin(0.05));
  }
}

TEST_CASE("other initial positions give their own equilibrium, not the published one", "[negotiation][scenario]") {
  const Played p = play("classroom/friedkin-johnsen-1999.yaml", {"negotiation.delegations.NOR.position=[0]"});
  const auto norway = trajectory(p, "NOR");
  REQUIRE(norway.back() < 59.0);  // a lower anchor pulls person 1's settled view down
  REQUIRE(trajectory(p, "FIN").back() == Approx(75.0).margin(1e-9));  // person 3 listens only to itself
}

TEST_CASE("a stubborn delegation in the classroom never moves through the rounds", "[negotiation][scenario]") {
  const Played p = play("classroom.yaml", {"negotiation.delegations.MEX.susceptibility=0"});
  const std::size_t mexico = *p.scenario.find_state("MEX");
  const auto& spec = *p.scenario.negotiation;
  const auto& d = *std::find_if(spec.delegations.begin(), spec.delegations.end(), [&](const auto& x) { return x.state == mexico; });
  int snapshots = 0;
  for (const auto& ps : p.results.negotiation->positions) {
    if (ps.state != mexico) continue;
    ++snapshots;
    for (std::size_t k = 0; k < ps.position.size(); ++k) REQUIRE(ps.position[k] == Approx(d.position[k]).margin(1e-9));
  }
  REQUIRE(snapshots >= 3);
}

TEST_CASE("a state pushed below its reservation leaves, is absent later and does not adopt", "[negotiation][scenario]") {
  const Played p = play("classroom.yaml");
  const std::size_t australia = *p.scenario.find_state("AUS");
  REQUIRE(p.results.withdrawals.size() >= 1);
  const auto it = std::find_if(p.results.withdrawals.begin(), p.results.withdrawals.end(),
                               [&](const auto& w) { return w.state == australia; });
  REQUIRE(it != p.results.withdrawals.end());
  for (const auto& m : p.results.meetings) {
    if (p.results.activities[m.activity].start > it->when) REQUIRE_FALSE(m.states[australia].present);
  }
  for (const auto& [k, vote] : p.results.negotiation->conference) {
    if (k == australia) REQUIRE(vote == model::ConferenceVote::left);
  }
  // And with a lower reservation it stays in the room until the text is agreed (it may still
  // dissociate afterwards, which is another thing: docs/negotiation.md).
  const Played stays = play("classroom.yaml", {"negotiation.delegations.AUS.reservation=0.5"});
  for (const auto& w : stays.results.withdrawals) REQUIRE_FALSE((w.state == australia && w.cause != model::WithdrawalCause::dissociated));
  REQUIRE(stays.results.negotiation->agreed_at);
}

TEST_CASE("the baseline's negotiation outcome is reproducible from its seed", "[negotiation][scenario]") {
  const Played a = play("gcm-2017-2018.yaml");
  const Played b = play("gcm-2017-2018.yaml");
  const auto& ra = *a.results.negotiation;
  const auto& rb = *b.results.negotiation;
  REQUIRE(ra.rounds_held == 6);
  REQUIRE(ra.conference == rb.conference);
  REQUIRE(ra.agreed_at == rb.agreed_at);
  REQUIRE(ra.dynamics.size() == rb.dynamics.size());
  for (std::size_t i = 0; i < ra.dynamics.size(); ++i) REQUIRE(ra.dynamics[i].draft == rb.dynamics[i].draft);
  REQUIRE(ra.dimensions.size() == 7);
  // Most adopt, a few do not. Not fitted to the real count (Marrakech's 164 is a hold-out fact,
  // docs/validation.md): the bound is the model's own spread, the history replay's adopt count
  // lying between 140 and 154 in 90 % of its runs (docs/validation.md, third pass).
  int adopt = 0;
  for (const auto& [k, vote] : ra.conference) adopt += vote == model::ConferenceVote::adopt;
  REQUIRE(adopt >= 140);
  REQUIRE(adopt < 193);
}
