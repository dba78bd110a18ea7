#include "output/run_folder.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/bounded_file.hpp"
#include "output/atomic_file.hpp"
#include "output/run_writer.hpp"

namespace gcmsim::output {
namespace {

namespace fs = std::filesystem;

// Every file a run writes into its folder (docs/outputs.md).
constexpr const char* kRunFiles[] = {"timeline.csv",   "participation.csv", "stakeholders.csv", "attendance.csv",
                                     "trust_fund.csv", "states.csv",
                                     "dynamics.csv",   "positions.csv",     "acceptance.csv",   "votes.csv",
                                     "outcome.json",   "decisions.csv",     "manifest.json",    "summary.csv",
                                     "gantt.png",      "participation.png", "trust_fund.png"};

bool is_run_file(const std::string& name) {
  for (const char* f : kRunFiles) {
    if (name == f) return true;
  }
  return false;
}

bool is_replication_folder(const std::string& name) {
  static const std::regex pattern(R"(rep-[0-9]{4,})");
  return std::regex_match(name, pattern);
}

// Where replication r is written before it is committed (a leftover the folder's owner removes).
std::string partial_folder_name(std::size_t replication) { return fmt::format(".rep-{:04d}.partial", replication); }

std::optional<nlohmann::json> read_manifest(const fs::path& path) {
  const BoundedRead read = read_bounded_file(path.string(), std::size_t{1} << 20, "a run's manifest.json");
  if (!read.ok()) return std::nullopt;
  try {
    return nlohmann::json::parse(read.content);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string replication_folder_name(std::size_t replication) { return fmt::format("rep-{:04d}", replication); }

std::vector<std::string> run_output_names(std::size_t replications, bool plots) {
  std::vector<std::string> names;
  if (replications == 1) {
    for (const char* f : kRunFiles) {
      const std::string name = f;
      if (name != "summary.csv" && name.find(".png") == std::string::npos) names.push_back(name);
    }
  } else {
    for (std::size_t r = 0; r < replications; ++r) names.push_back(replication_folder_name(r) + "/");
    names.emplace_back("summary.csv");
  }
  if (plots) {
    for (const char* png : {"gantt.png", "participation.png", "trust_fund.png"}) names.emplace_back(png);
  }
  return names;
}

bool is_replication_file(const std::string& name, bool is_folder) {
  return !is_folder && (is_run_file(name) || is_run_file(temporary_target(name)));
}

std::vector<std::string> owned_run_outputs(const OwnedFolder& folder) {
  std::vector<std::string> out;
  for (const std::string& name : folder.owned()) {
    if (is_run_file(name) || is_replication_folder(name)) out.push_back(name);
  }
  return out;
}

std::vector<std::string> foreign_run_outputs(const OwnedFolder& folder) {
  std::vector<std::string> out;
  for (const std::string& name : folder.foreign()) {
    if (is_run_file(name) || is_replication_folder(name)) out.push_back(name);
  }
  return out;
}

bool holds_complete_run(const OwnedFolder& folder) {
  for (const std::string& name : owned_run_outputs(folder)) {
    if (name == "manifest.json" || is_replication_folder(name)) return true;
  }
  return false;
}

void remove_run_outputs(OwnedFolder& folder, const std::vector<std::string>& names) {
  // All checked before any is removed: a refusal leaves the folder as it was.
  for (const std::string& name : names) folder.check_removable(name, is_replication_file);
  for (const std::string& name : names) folder.remove(name, is_replication_file);
}

bool same_run(const fs::path& dir, const ManifestInfo& manifest) {
  // A single run's manifest is in the folder; replications have one per replication folder.
  // (Any replication's: an interrupted run may have committed rep-0003 before rep-0000.)
  auto found = read_manifest(dir / "manifest.json");
  std::error_code ec;
  std::vector<fs::path> reps;
  for (fs::directory_iterator it(dir, ec), end; !found && !ec && it != end; it.increment(ec)) {
    if (is_replication_folder(it->path().filename().string()) && !it->is_symlink()) reps.push_back(it->path());
  }
  std::sort(reps.begin(), reps.end());
  for (const fs::path& rep : reps) {
    if (!found) found = read_manifest(rep / "manifest.json");
  }
  if (!found || !found->is_object()) return false;
  const nlohmann::json& m = *found;
  const auto equals = [&](const char* key, const auto& value) { return m.contains(key) && m[key] == value; };
  return equals("scenario_path", manifest.scenario_path) && equals("content_hash", manifest.content_hash) &&
         equals("seed", manifest.seed) && equals("replications", manifest.replications);
}

ReplicationWriter::ReplicationWriter(fs::path out, std::size_t batch) : out_(std::move(out)), batch_(std::max<std::size_t>(batch, 1)) {}

void ReplicationWriter::write(const sim::PreparedScenario& prepared, const model::RunResults& results,
                              const ManifestInfo& manifest) {
  const fs::path partial = out_ / partial_folder_name(manifest.replication);
  std::error_code ec;
  fs::remove_all(partial, ec);
  write_run(partial, prepared, results, manifest, Durability::deferred);
  std::vector<std::size_t> ready;
  {
    const std::lock_guard lock(mutex_);
    waiting_.push_back(manifest.replication);
    if (waiting_.size() >= batch_) ready.swap(waiting_);
  }
  // Outside the lock: the other threads go on writing while this batch goes to disk.
  if (!ready.empty()) commit(ready);
}

void ReplicationWriter::finish() {
  std::vector<std::size_t> ready;
  {
    const std::lock_guard lock(mutex_);
    ready.swap(waiting_);
  }
  if (!ready.empty()) commit(ready);
}

void ReplicationWriter::commit(const std::vector<std::size_t>& replications) {
  sync_file_system(out_);  // every waiting folder's files on disk before any of them is renamed
  for (const std::size_t r : replications) {
    const std::string name = replication_folder_name(r);
    const fs::path partial = out_ / partial_folder_name(r);
    const fs::path final_dir = out_ / name;
    // The run removed its own earlier outputs before it started and claimed this name: nothing of
    // anyone else's is replaced here (rename refuses a folder that is not empty).
    if (std::rename(partial.c_str(), final_dir.c_str()) != 0) {
      throw std::runtime_error(fmt::format("cannot move {} into place as {}", partial.string(), final_dir.string()));
    }
  }
  sync_folder(out_);  // the renames on disk
  ++commits_;
}

}  // namespace gcmsim::output
