#pragma once
// The hold-out file (scenarios/history/holdout.yaml): facts dated after a cutoff, which no baseline
// parameter and no calibration target may use, and which `gcmsim backtest` scores the history replay
// against. Read from YAML; every problem is reported as file:line:col.
#include <chrono>
#include <string>
#include <vector>

namespace gcmsim::backtest {

// A member state named in the file (ISO3), with where, for a located error if the scenario does not
// know it.
struct NamedState {
  std::string iso3;
  std::string where;  // "file:line:col"
};

struct Departure {
  NamedState state;
  std::chrono::sys_days date;
  std::string source;
};

struct GaVoteFact {
  std::chrono::sys_days date;
  std::string document;  // e.g. A/RES/73/195
  std::string source;
  int yes_count = 0;     // every member state not listed below voted yes: a check on the lists
  std::vector<NamedState> no, abstain, absent;
};

struct HoldOut {
  std::string file;
  std::string scenario;                 // resolved against the file's folder
  std::vector<std::string> overrides;   // likewise
  int replications = 30;
  std::chrono::sys_days cutoff;
  // The conference's count of adopting states.
  std::chrono::sys_days conference_date;
  int conference_adopt = 0;
  std::string conference_source;
  GaVoteFact ga;
  std::vector<Departure> departures;
};

struct HoldOutError {
  std::vector<std::string> messages;  // "file:line:col: error: ..."
};

// Throws HoldOutError listing everything wrong with the file, among it a fact dated on or before the
// cutoff (it belongs to the calibration) and a state listed twice in the vote.
HoldOut read_holdout(const std::string& path);

}  // namespace gcmsim::backtest
