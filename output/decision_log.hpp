#pragma once
// decisions.csv: what the delegations played by people decided, with what the model would have
// decided in their seat (the classroom's debrief), and the log a session replays from.
//
//   number,tick,time,iso3,state,decision,dimension,choice,model_choice,answered,chose,model_would
//
// `tick` is the simulated time in seconds since the scenario's epoch (exact; `time` is it as a date
// to the minute); choice and model_choice are option numbers (models/negotiation/played_seats.hpp),
// chose and model_would the same in words; answered is false where no answer came in time and the
// model's choice stood.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/external_decision.hpp"
#include "models/negotiation/played_seats.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

std::string decisions_csv(const model::Scenario&, const model::NegotiationRecord&, const Calendar&);

// "statement", "concession", "bracket", "leave" (decisions.csv's `decision` column).
const char* decision_name(std::uint32_t kind);

// "argue Regular pathways and labour mobility", "yield the floor", "hold a bracket", ...
std::string decision_words(const model::Scenario&, const model::PlayerDecision&, int choice);

// The question put to a played delegation, in plain words for a student's screen: "You have the
// floor: what do you argue?", "Round 2 ends. On Borders and return, how far do you move toward the
// text?", ... (`subject` is the dimension, where the decision has one).
std::string decision_prompt(const model::Scenario&, std::uint32_t kind, int subject);

// A session's decisions.csv as a decider: each question of the rerun must be the logged one (same
// seat, decision, dimension and time), answered as logged, or left to the model where the log says
// nobody answered. Same scenario and seed: the rerun's outputs are the session's, byte for byte.
class DecisionReplay : public ExternalDecider {
 public:
  // Throws std::invalid_argument "FILE:LINE: ..." on a malformed log or one of another scenario.
  static DecisionReplay read(const std::filesystem::path& file, const model::Scenario& scenario);

  // The seats the log played, for the run's PlayedSeats.
  model::PlayedSeats seats();
  std::optional<int> decide(const ExternalQuestion& question) override;
  // Every logged decision was asked (the rerun went as far as the session did).
  bool finished() const { return next_ == rows_.size(); }
  std::size_t asked() const { return next_; }
  std::size_t size() const { return rows_.size(); }

 private:
  struct Row {
    int line = 0;
    ExternalQuestion question;
    int choice = 0;
    bool answered = false;
  };
  std::string file_;
  std::vector<Row> rows_;
  std::size_t next_ = 0;
};

}  // namespace gcmsim::output
