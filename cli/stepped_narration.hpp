#pragma once
// `gcmsim run --narrate [--step]`: the story of replication 0 printed as it happens, one line per
// event (output/narration.hpp words them). With --step the reader paces it: after each line a
// prompt waits for Enter (the next line), `r` (run to the end of the current negotiation round) or
// `q` (stop the run). The prompt reads stdin only when a person or a program can answer it: a
// terminal, a pipe or a file. With stdin closed or /dev/null (CI), or once input ends, the run goes
// on without waiting: it never blocks on input that cannot come.
#include <cstdio>
#include <stdexcept>

#include "engine/calendar.hpp"
#include "models/process/process_listener.hpp"
#include "models/scenario.hpp"

namespace gcmsim::cli {

// Thrown out of the simulation when the reader answers `q`; run stops without writing outputs.
struct StepQuit : std::runtime_error {
  StepQuit() : std::runtime_error("stopped at the reader's request") {}
};

class SteppedNarration final : public model::ProcessListener {
 public:
  // `in` is read only when `step` and it is a terminal, a pipe or a regular file.
  SteppedNarration(const model::Scenario& scenario, const Calendar& calendar, bool step, std::FILE* in = stdin,
                   std::FILE* out = stdout);

  void on_event(SimTime when, const model::ProcessEvent& event) override;

 private:
  enum class Pace { every_line, to_round_end, free };
  // Prompts and reads one answer; an unknown answer asks again.
  void ask();

  const model::Scenario& scenario_;
  const Calendar& calendar_;
  std::FILE* in_;
  std::FILE* out_;
  bool echo_newline_;  // the answer came from a pipe or file, which prints no newline of its own
  Pace pace_;
};

// True when `file` is a terminal, a pipe or a regular file: an input someone can answer from.
bool answerable(std::FILE* file);

}  // namespace gcmsim::cli
