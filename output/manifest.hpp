#pragma once
// manifest.json: what it takes to reproduce a run (the scenario file and its hash, the overrides
// and --set options, seed and replication, the version) and what to check it against (the event
// count and fingerprint).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gcmsim::output {

struct ManifestInfo {
  std::string scenario_path;
  std::string content_hash;
  std::vector<std::string> overrides;
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  int replications = 1;
  std::string version;
  std::uint64_t events = 0;
  std::string fingerprint;
  double wall_seconds = 0.0;
};

// Keys in the order of ManifestInfo's fields. wall_seconds, rounded to milliseconds, is the only
// value that differs between two identical runs.
nlohmann::ordered_json manifest_json(const ManifestInfo& info);

}  // namespace gcmsim::output
