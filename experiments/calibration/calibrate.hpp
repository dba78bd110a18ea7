#pragma once
// Calibration of a scenario against observed facts through the run facade: each ABC point is a
// design point derived in memory (PreparedScenario::with, the parameters as --set values), run for
// a few replications (sim::simulate), measured (sim::metrics) and compared with the targets.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiments/calibration/abc.hpp"
#include "experiments/calibration/calibration_spec.hpp"

namespace gcmsim::calibration {

struct CalibrationOutcome {
  AbcResult abc;
  // Per draw, per target, per replication: the simulated value (none when the run has none).
  std::vector<std::vector<std::vector<std::optional<double>>>> simulated;
};

// Distance of one run's value from a target: |value - observed| / scale, or `missing` without one.
double target_distance(const Target& target, std::optional<double> value);

// Throws std::runtime_error with the loader's report when the scenario or a point does not load,
// and when a target names a metric the catalogue does not have.
CalibrationOutcome calibrate(const CalibrationSpec& spec, const std::function<void(int done)>& progress = {});

// posterior.csv (every draw: accepted, distance, the point, the mean simulated value of each
// target), fit.csv (each target: observed against the accepted runs' distribution and the prior
// predictive) and summary.txt (the posterior of each parameter against its prior), atomically.
void write_calibration(const std::filesystem::path& dir, const CalibrationSpec& spec, const CalibrationOutcome& outcome);

// The text of summary.txt.
std::string calibration_summary(const CalibrationSpec& spec, const CalibrationOutcome& outcome);

}  // namespace gcmsim::calibration
