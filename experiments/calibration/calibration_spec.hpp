#pragma once
// A calibration file: the scenario and overrides to calibrate, the parameter space (priors over
// `--set` keys, as in a sweep), the targets (observed facts, each a metric of the catalogue with a
// distance) and the ABC settings. Read from YAML; every problem is reported as file:line:col.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiments/calibration/abc.hpp"

namespace gcmsim::calibration {

struct Target {
  std::string metric;     // a key of the metric catalogue, e.g. "agreed_round", "attendance.stocktaking"
  double observed = 0.0;
  double scale = 1.0;     // distance = |simulated - observed| / scale
  double missing = 3.0;   // distance when the run has no value (e.g. nothing agreed: no agreed_round)
  std::string source;     // where the observation comes from
  std::optional<std::chrono::sys_days> date;  // when the fact was established (required under a cutoff)
};

struct CalibrationSpec {
  std::string file;        // the calibration file itself
  std::string scenario;    // resolved against the calibration file's folder
  std::vector<std::string> overrides;
  std::vector<Prior> parameters;  // name = the --set key
  std::vector<Target> targets;
  AbcSettings abc;
  int replications = 2;    // per point; the distance is the mean over them
  // The hold-out's cutoff: every target is dated on or before it. Facts after it are the hold-out
  // (scenarios/history/holdout.yaml), which only `gcmsim backtest` reads (docs/validation.md).
  std::optional<std::chrono::sys_days> cutoff;
};

struct SpecError {
  std::vector<std::string> messages;  // "file:line:col: error: ..."
};

// Throws SpecError listing everything wrong with the file (at most 1 MiB, a regular file:
// docs/limits.md), among it a target dated after the cutoff the file declares, or an undated target
// under a cutoff.
CalibrationSpec read_calibration_spec(const std::string& path);
// The same from the file's text; `path` names it in messages and anchors its relative paths.
CalibrationSpec parse_calibration_spec(const std::string& text, const std::string& path);

}  // namespace gcmsim::calibration
