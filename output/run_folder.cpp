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

#include "output/atomic_file.hpp"
#include "output/run_writer.hpp"

namespace gcmsim::output {
namespace {

namespace fs = std::filesystem;

// Every file a run writes into its folder (docs/outputs.md).
constexpr const char* kRunFiles[] = {"timeline.csv",   "participation.csv", "stakeholders.csv", "attendance.csv",
                                     "trust_fund.csv",
                                     "dynamics.csv",   "positions.csv",     "acceptance.csv",   "votes.csv",
                                     "outcome.json",   "decisions.csv",     "manifest.json",    "summary.csv",
                                     "gantt.png",      "participation.png", "trust_fund.png"};

bool is_run_file(const std::string& name) {
  for (const char* f : kRunFiles) {
    if (name == f) return true;
  }
  return false;
}

// The atomic writer's temporary name for one of a run's files: .timeline.csv.1234.7.tmp
bool is_temporary(const std::string& name) {
  static const std::regex pattern(R"(\.([a-z]+\.(csv|json))\.[0-9]+\.[0-9]+\.tmp)");
  std::smatch m;
  return std::regex_match(name, m, pattern) && is_run_file(m[1].str());
}

bool is_replication_folder(const std::string& name) {
  static const std::regex pattern(R"(rep-[0-9]{4,})");
  return std::regex_match(name, pattern);
}

bool is_partial_replication_folder(const std::string& name) {
  static const std::regex pattern(R"(\.rep-[0-9]{4,}\.partial)");
  return std::regex_match(name, pattern);
}

// Where replication r is written before it is committed.
std::string partial_folder_name(std::size_t replication) { return fmt::format(".rep-{:04d}.partial", replication); }

std::optional<nlohmann::json> read_manifest(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string replication_folder_name(std::size_t replication) { return fmt::format("rep-{:04d}", replication); }

FolderContents run_contents(const fs::path& dir) {
  FolderContents out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    const bool folder = e.is_directory(ec);
    if (folder && is_replication_folder(name)) {
      // A replication folder without its manifest was not written by this version's staging: it
      // counts as output (a user must say --force), never silently removed.
      out.outputs.push_back(e.path());
      for (const fs::directory_entry& inner : fs::directory_iterator(e.path(), ec)) {
        if (is_temporary(inner.path().filename().string())) out.leftovers.push_back(inner.path());
      }
    } else if (folder && is_partial_replication_folder(name)) {
      out.leftovers.push_back(e.path());
    } else if (!folder && is_run_file(name)) {
      out.outputs.push_back(e.path());
    } else if (!folder && is_temporary(name)) {
      out.leftovers.push_back(e.path());
    }
  }
  std::sort(out.outputs.begin(), out.outputs.end());
  std::sort(out.leftovers.begin(), out.leftovers.end());
  return out;
}

bool same_run(const fs::path& dir, const ManifestInfo& manifest) {
  // A single run's manifest is in the folder; replications have one per replication folder.
  auto found = read_manifest(dir / "manifest.json");
  if (!found) found = read_manifest(dir / replication_folder_name(0) / "manifest.json");
  if (!found || !found->is_object()) return false;
  const nlohmann::json& m = *found;
  const auto equals = [&](const char* key, const auto& value) { return m.contains(key) && m[key] == value; };
  return equals("scenario_path", manifest.scenario_path) && equals("content_hash", manifest.content_hash) &&
         equals("seed", manifest.seed) && equals("replications", manifest.replications);
}

void remove_run_files(const FolderContents& contents) {
  for (const auto* list : {&contents.leftovers, &contents.outputs}) {
    for (const fs::path& p : *list) {
      std::error_code ec;
      fs::remove_all(p, ec);
      if (ec) throw std::runtime_error(fmt::format("cannot remove {}: {}", p.string(), ec.message()));
    }
  }
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
    std::error_code ec;
    fs::remove_all(final_dir, ec);
    if (std::rename(partial.c_str(), final_dir.c_str()) != 0) {
      throw std::runtime_error(fmt::format("cannot move {} into place as {}", partial.string(), final_dir.string()));
    }
  }
  sync_folder(out_);  // the renames on disk
  ++commits_;
}

}  // namespace gcmsim::output
