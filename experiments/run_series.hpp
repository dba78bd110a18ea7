#pragma once
// Time series a sweep keeps per run as outcomes (the sweep file's `series`), computed from a run's
// results: how far the draft has moved per sitting day, the delegations' acceptance per round,
// attendance per meeting, the trust fund's balance. Each is a list of (day, value) points, day the
// simulated time in days since the scenario's epoch. They go to the journal with the run's metrics
// and from there to results.sqlite's `series` table.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/run_results.hpp"

namespace gcmsim::experiments {

enum class SeriesKind { draft_distance, consensus_share, acceptance, attendance, trust_fund_balance };

struct SeriesInfo {
  SeriesKind kind;
  std::string_view name;  // as the sweep file names it
  std::string_view step;  // what one point is: "sitting day", "round", "meeting", "ledger entry"
  std::string_view unit;
  std::string_view description;
};

const std::vector<SeriesInfo>& series_catalog();
std::optional<SeriesKind> series_named(std::string_view name);
const SeriesInfo& series_info(SeriesKind kind);

struct SeriesPoint {
  double day = 0.0;
  double value = 0.0;
};

std::vector<SeriesPoint> run_series(SeriesKind kind, const model::RunResults& results);

// The series of a run flattened to numbers, as they travel with its metrics (executors, MPI, the
// journal): for each series in order, its length n and then n (day, value) pairs.
void append_series(std::vector<double>& out, SeriesKind kind, const model::RunResults& results);
// The flat numbers back as one list per series; nullopt when they do not hold `count` series.
std::optional<std::vector<std::vector<SeriesPoint>>> split_series(const std::vector<double>& flat, std::size_t count);

}  // namespace gcmsim::experiments
