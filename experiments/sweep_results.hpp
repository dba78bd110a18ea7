#pragma once
// What a sweep's results folder holds besides the journals, and the tables built from them.
//
//   sweep.json   the sweep's identity (hash), parameters, design points, metrics, replications:
//                everything `gcmsim sweep merge DIR` needs, so that merging needs no sweep file
//   design.csv   point, one column per parameter
//   runs.csv     point, replication, seed, one column per parameter, one per metric; one row per
//                run, ordered by point then replication
//   points.csv   point, the parameters, and per metric <key>_mean, _sd, _ci95_low, _ci95_high, _n
//   sensitivity.csv (sobol designs) per metric and parameter: S1 and ST with their intervals and
//                first-half estimates, the rows used, converged, flags, and the value of a constant
//   sensitivity2.csv (sobol designs with second_order) per metric and pair of parameters: S2
//   morris.csv   (morris designs) per metric and parameter: mu, mu*, its interval, sigma
//   results.sqlite all of the above, the design, the manifest and the kept series (results_db.hpp)
//
// The tables are built from the journals alone, reading each run's record in their fixed order,
// so their bytes do not depend on how the runs were executed. Memory: one offset per run, and the
// running statistics of one point (a Sobol design also keeps each point's means).
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/design.hpp"
#include "experiments/journal.hpp"
#include "models/run/run_metrics.hpp"
#include "output/owned_folder.hpp"

namespace gcmsim::experiments {

class SweepPlan;

struct SweepInfo {
  std::string hash;
  std::string name;
  std::string file;
  Design design;
  std::vector<sim::MetricInfo> metrics;
  std::size_t replications = 1;
  std::uint64_t seed = 1;
  bool sobol = false;
  int bootstrap = 1000;
  bool second_order = false;
  double max_width = 0.2;
  std::uint64_t design_seed = 0;
  bool morris = false;
  std::size_t trajectories = 0;   // morris
  int grid_levels = 4;            // morris
  std::vector<std::string> series;  // kept per run (run_series.hpp)

  std::size_t runs() const { return design.size() * replications; }
  nlohmann::ordered_json to_json() const;
  static SweepInfo from_json(const nlohmann::json& j);
};

SweepInfo sweep_info(const SweepPlan& plan);

// Reads DIR/sweep.json; throws std::runtime_error when it is missing or unreadable.
SweepInfo read_sweep_info(const std::filesystem::path& dir);

// The files a sweep writes at the top of its folder, journals aside.
std::vector<std::string> sweep_output_names(const SweepInfo& info);

// Claims the sweep's files in `folder` (output/owned_folder.hpp: a folder holding a design.csv,
// runs.csv or sweep.json of the user's is refused with output::FolderRefused) and writes sweep.json
// and design.csv; or, when the folder already holds a sweep gcmsim wrote, checks that it is this
// one (throws std::invalid_argument naming both hashes when not).
void claim_results_dir(output::OwnedFolder& folder, const SweepInfo& info);

// Every journal gcmsim wrote in the folder (journal-I-of-K.txt), read. A corrupt record is
// skipped and described in `skipped` (its run is then missing and is run again).
std::vector<JournalContents> read_journals(const output::OwnedFolder& folder, const SweepInfo& info);

struct TableFiles {
  std::size_t runs = 0;
  bool sensitivity = false;
  bool morris = false;
  // What a reader must know before trusting sensitivity.csv: constant outputs, and indices that
  // have not converged (with the remedy). One sentence each, without a "warning:" prefix.
  std::vector<std::string> warnings;
};

// Checks that the journals hold every run exactly once (throws std::runtime_error naming a
// doubled run, a missing shard or an incomplete one) and writes runs.csv, points.csv, for a Sobol
// design sensitivity.csv, for a Morris design morris.csv, and results.sqlite, each atomically.
TableFiles write_tables(const std::filesystem::path& dir, const SweepInfo& info, const std::vector<JournalContents>& journals);

}  // namespace gcmsim::experiments
