// Delegations played by people: a seat nobody answers, or answered as the model would, changes
// nothing; a player who holds a bracket keeps the text from being agreed; one who leaves, leaves;
// one who yields the floor moves nothing; every decision is recorded with the model's choice.
#include <catch2/catch.hpp>

#include <functional>

#include "../loader/load_helpers.hpp"
#include "models/negotiation/played_seats.hpp"
#include "models/process/process_model.hpp"
#include "models/setup/scenario_setup.hpp"

using namespace gcmsim;
using model::SeatDecision;

namespace {

constexpr std::uint64_t kSeed = 2018;  // the classroom scenario's own

// A player written as a function of the question: nullopt is "no answer in time".
struct ScriptedPlayer : ExternalDecider {
  std::function<std::optional<int>(const ExternalQuestion&)> answer;
  std::vector<ExternalQuestion> asked;
  std::optional<int> decide(const ExternalQuestion& q) override {
    asked.push_back(q);
    return answer(q);
  }
};

struct Classroom {
  explicit Classroom(std::vector<std::string> sets = {}) : s(load(std::move(sets))), setup(s) {}
  static model::Scenario load(std::vector<std::string> sets) {
    const auto loaded = testing::load(testing::scenario_file("classroom.yaml"), {}, std::move(sets));
    if (!loaded.ok()) throw std::runtime_error(loaded.error_report());
    return *loaded.scenario;
  }
  model::Scenario s;
  model::ScenarioSetup setup;

  std::size_t state(const std::string& iso3) const {
    for (std::size_t k = 0; k < s.member_states.size(); ++k)
      if (s.member_states[k].iso3 == iso3) return k;
    throw std::runtime_error("no " + iso3);
  }
  model::RunResults run(const model::PlayedSeats* seats = nullptr) const {
    return model::run_process(setup, kSeed, 0, nullptr, nullptr, seats);
  }
  model::PlayedSeats seat(const std::string& iso3, ExternalDecider& player) const {
    model::PlayedSeats seats;
    seats.by_state.assign(s.member_states.size(), nullptr);
    seats.by_state[state(iso3)] = &player;
    return seats;
  }
};

void require_same_negotiation(const model::RunResults& a, const model::RunResults& b) {
  REQUIRE(a.fingerprint == b.fingerprint);
  const auto& x = *a.negotiation;
  const auto& y = *b.negotiation;
  REQUIRE(x.dynamics.size() == y.dynamics.size());
  for (std::size_t i = 0; i < x.dynamics.size(); ++i) {
    REQUIRE(x.dynamics[i].draft == y.dynamics[i].draft);  // exact: the same arithmetic
    REQUIRE(x.dynamics[i].bracketed == y.dynamics[i].bracketed);
  }
  REQUIRE(x.positions.size() == y.positions.size());
  for (std::size_t i = 0; i < x.positions.size(); ++i) REQUIRE(x.positions[i].position == y.positions[i].position);
  REQUIRE(x.agreed_at == y.agreed_at);
  REQUIRE(a.withdrawals.size() == b.withdrawals.size());
}

}  // namespace

TEST_CASE("a played seat that never answers leaves the model's run unchanged, every decision recorded", "[negotiation][seats]") {
  // The classroom concedes nothing at rounds' ends (round_concession 0), so no concession is asked
  // there: here the room concedes a little, as the baseline does.
  const Classroom c({"negotiation.parameters.round_concession=0.1"});
  const model::RunResults model_run = c.run();
  ScriptedPlayer absent;
  absent.answer = [](const ExternalQuestion&) { return std::nullopt; };
  const model::PlayedSeats seats = c.seat("MAR", absent);
  const model::RunResults played = c.run(&seats);
  require_same_negotiation(model_run, played);
  REQUIRE(model_run.negotiation->decisions.empty());
  const auto& decisions = played.negotiation->decisions;
  REQUIRE(decisions.size() == absent.asked.size());
  REQUIRE_FALSE(decisions.empty());
  for (const model::PlayerDecision& d : decisions) {
    REQUIRE(d.state == c.state("MAR"));
    REQUIRE_FALSE(d.answered);
    REQUIRE(d.choice == d.model_choice);
  }
  // Morocco is asked each kind of decision: statements when it has the floor, and at each round's
  // end whether to stay, how far to concede on each dimension, whether to hold a bracket on each.
  for (auto kind : {SeatDecision::statement, SeatDecision::concession, SeatDecision::bracket, SeatDecision::leave})
    REQUIRE(std::any_of(decisions.begin(), decisions.end(), [&](const auto& d) { return d.kind == static_cast<std::uint32_t>(kind); }));
  const std::size_t rounds = 3, dimensions = c.s.negotiation->dimensions.size();
  const auto count = [&](SeatDecision kind) {
    return std::count_if(decisions.begin(), decisions.end(), [&](const auto& d) { return d.kind == static_cast<std::uint32_t>(kind); });
  };
  REQUIRE(count(SeatDecision::leave) == static_cast<long>(rounds));
  REQUIRE(count(SeatDecision::concession) == static_cast<long>(rounds * dimensions));
}

TEST_CASE("a player who answers as the model would changes nothing", "[negotiation][seats]") {
  const Classroom c;
  ScriptedPlayer echo;
  echo.answer = [](const ExternalQuestion& q) { return std::optional<int>(q.model_choice); };
  const model::PlayedSeats seats = c.seat("MAR", echo);
  const model::RunResults played = c.run(&seats);
  require_same_negotiation(c.run(), played);
  for (const auto& d : played.negotiation->decisions) REQUIRE(d.answered);
}

TEST_CASE("a player who holds a bracket on regular pathways keeps the text from being agreed", "[negotiation][seats]") {
  const Classroom c;
  REQUIRE(c.run().negotiation->agreed_at.has_value());  // the model's run agrees in round 3
  ScriptedPlayer objector;
  objector.answer = [](const ExternalQuestion& q) -> std::optional<int> {
    if (q.kind == static_cast<std::uint32_t>(SeatDecision::bracket) && q.subject == 0) return 1;
    return std::nullopt;
  };
  const model::PlayedSeats seats = c.seat("BGD", objector);
  const model::RunResults played = c.run(&seats);
  REQUIRE_FALSE(played.negotiation->agreed_at.has_value());
  REQUIRE(played.negotiation->holdouts == std::vector<std::size_t>{c.state("BGD")});
  REQUIRE_FALSE(played.negotiation->text_adopted);
}

TEST_CASE("a player who leaves after round 1 leaves the process then", "[negotiation][seats]") {
  const Classroom c;
  ScriptedPlayer leaver;
  leaver.answer = [](const ExternalQuestion& q) -> std::optional<int> {
    if (q.kind == static_cast<std::uint32_t>(SeatDecision::leave)) return 1;
    return std::nullopt;
  };
  const model::PlayedSeats seats = c.seat("PHL", leaver);
  const model::RunResults played = c.run(&seats);
  const auto left = std::find_if(played.withdrawals.begin(), played.withdrawals.end(),
                                 [&](const model::Withdrawal& w) { return w.state == c.state("PHL"); });
  REQUIRE(left != played.withdrawals.end());
  const model::RunResults model_run = c.run();
  const auto aus = std::find_if(model_run.withdrawals.begin(), model_run.withdrawals.end(),
                                [&](const model::Withdrawal& w) { return w.state == c.state("AUS"); });
  REQUIRE(left->when == aus->when);  // at round 1's end, with Australia
  // It was asked only once: a delegation that has left decides nothing more.
  REQUIRE(std::count_if(leaver.asked.begin(), leaver.asked.end(),
                        [](const auto& q) { return q.kind == static_cast<std::uint32_t>(SeatDecision::leave); }) == 1);
}

TEST_CASE("a player who yields the floor every time does not move the draft", "[negotiation][seats]") {
  const Classroom c;
  ScriptedPlayer silent;
  silent.answer = [](const ExternalQuestion& q) -> std::optional<int> {
    if (q.kind == static_cast<std::uint32_t>(SeatDecision::statement)) return 0;
    return std::nullopt;
  };
  const model::PlayedSeats seats = c.seat("MAR", silent);
  const model::RunResults played = c.run(&seats);
  const model::RunResults model_run = c.run();
  // Morocco argues pathways upward in the model's run: silent, the pathways draft ends lower.
  REQUIRE(played.negotiation->dynamics.back().draft[0] < model_run.negotiation->dynamics.back().draft[0]);
  REQUIRE(std::count_if(played.negotiation->decisions.begin(), played.negotiation->decisions.end(),
                        [](const auto& d) { return d.kind == 1 && d.choice == 0; }) > 0);
}

TEST_CASE("an answer outside the options is refused, never clamped", "[negotiation][seats]") {
  const Classroom c;
  ScriptedPlayer wild;
  wild.answer = [](const ExternalQuestion& q) { return std::optional<int>(q.options); };
  const model::PlayedSeats seats = c.seat("BRA", wild);
  REQUIRE_THROWS_AS(c.run(&seats), std::invalid_argument);
}
