#pragma once
// What every screen of a classroom session shows, built from the process events as they happen:
// the clock, the draft dimension by dimension after the zero draft and each round, the brackets and
// who holds them, who left, and the narration. A plain value, not thread-safe: the session updates
// and reads it under its own lock.
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/process/process_listener.hpp"
#include "models/run/prepared_scenario.hpp"

namespace gcmsim::serve::classroom {

class Board {
 public:
  explicit Board(const sim::PreparedScenario& prepared);

  void on_event(SimTime when, const model::ProcessEvent& event);

  // {time, round, rounds, deadline, dimensions, scale, history, objecting, holders, left,
  //  dissociated, narration, outcome?}: public, the same for every viewer.
  nlohmann::json to_json() const;

  SimTime now() const { return now_; }
  int round() const { return round_; }

 private:
  struct Text {
    std::string label;  // "Zero draft", "Round 1", ...
    std::vector<double> draft;
    std::vector<bool> bracketed;
  };
  struct Line {
    std::string time;
    std::string text;
  };

  const sim::PreparedScenario& prepared_;
  SimTime now_ = 0;
  int round_ = 0;          // the negotiation round under way (0: before the first)
  int rounds_ = 0;         // rounds the scenario plans (the last is the deadline)
  std::string deadline_;   // the planned end of the last round
  std::vector<Text> history_;
  std::vector<int> objecting_;
  std::vector<std::string> holders_;  // names of the delegations holding a bracket at the last check
  std::vector<std::string> left_;         // names, in the order they left the process
  std::vector<std::string> dissociated_;  // names, in the order they dissociated from the agreed text
  std::deque<Line> narration_;
  nlohmann::json outcome_;            // set at the conference
};

}  // namespace gcmsim::serve::classroom
