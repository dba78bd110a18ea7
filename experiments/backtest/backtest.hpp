#pragma once
// The backtest: the history replay at the shipped parameters, run R times, scored against the
// hold-out (facts after the cutoff that no parameter and no calibration target used): the error of
// the conference's adopt count, and state by state the skill of the model's departures, of its
// non-adoption and of its General Assembly vote (docs/validation.md).
#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiments/backtest/holdout.hpp"
#include "experiments/backtest/skill.hpp"

namespace gcmsim::backtest {

// A vote in the General Assembly, in the order of model::GaVote (yes, no, abstain, absent).
inline constexpr int kGaVotes = 4;

// One member state over the R runs, against what it did.
struct StateRecord {
  std::string iso3;
  std::string name;
  bool scripted = false;        // the replay scripts its departure: not scored on departures
  bool real_departure = false;  // in the hold-out's departures
  std::string real_departure_date;
  int real_ga = 0;              // its vote on the hold-out's resolution (index as model::GaVote)
  int departed = 0;             // runs in which it left or dissociated
  int not_adopted = 0;          // runs in which it did not adopt at the conference
  std::array<int, kGaVotes> ga{};  // runs per simulated vote (a run without a vote counts absent)
  int modal_ga() const;         // its most frequent simulated vote; ties to the first in GaVote order
};

struct BacktestResult {
  std::string scenario;
  std::vector<std::string> overrides;
  int replications = 0;
  std::vector<int> adopt;           // the conference's adopt count, per run
  int observed_adopt = 0;
  double adopt_median = 0.0, adopt_q05 = 0.0, adopt_q95 = 0.0;
  // Departures (left before agreement, or dissociated after) on the states the replay does not script.
  std::optional<double> departure_auc;
  HitCounts departures;
  int real_departures_scored = 0;
  // Non-adoption (not adopting at the conference) against not voting yes in the General Assembly,
  // the per-state record of who did not endorse the text (the UN published no list of the 164).
  std::optional<double> non_adoption_auc;
  HitCounts non_adoption;
  int real_non_endorsing_scored = 0;
  int scored_states = 0;
  // [real vote][the model's most likely vote], every member state.
  std::array<std::array<int, kGaVotes>, kGaVotes> ga_confusion{};
  int ga_no_hits = 0;               // real "no" votes that are the model's most likely vote
  std::vector<StateRecord> states;  // in the scenario's order
};

// Runs the hold-out's scenario with its overrides and `extra_overrides` on top, `replications` runs
// (the file's count when none) with the scenario's seed. Throws std::runtime_error with the loader's
// report when the scenario does not load, and with a located message when the hold-out names a state
// the scenario does not have or its vote lists do not add up to yes_count.
BacktestResult run_backtest(const HoldOut& holdout, const std::vector<std::string>& extra_overrides,
                            std::optional<int> replications, const std::function<void(int done)>& progress = {});

// The readable summary (summary.txt).
std::string backtest_summary(const HoldOut& holdout, const BacktestResult& result);

// backtest.csv (measure,value: every figure of the summary), backtest_states.csv (per state: the real
// outcome against the share of runs) and summary.txt, atomically, into `dir`.
void write_backtest(const std::filesystem::path& dir, const HoldOut& holdout, const BacktestResult& result);

}  // namespace gcmsim::backtest
