#include "output/manifest.hpp"

#include <cmath>

namespace gcmsim::output {

nlohmann::ordered_json manifest_json(const ManifestInfo& info) {
  nlohmann::ordered_json j;
  j["scenario_path"] = info.scenario_path;
  j["content_hash"] = info.content_hash;
  j["overrides"] = info.overrides;
  j["sets"] = info.sets;
  j["seed"] = info.seed;
  j["replication"] = info.replication;
  j["replications"] = info.replications;
  j["version"] = info.version;
  j["events"] = info.events;
  j["fingerprint"] = info.fingerprint;
  // Milliseconds are all a wall time can honestly claim; more digits only add noise to diffs.
  j["wall_seconds"] = std::round(info.wall_seconds * 1000.0) / 1000.0;
  return j;
}

}  // namespace gcmsim::output
