#include "serve/common/catalog.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/core.h>

#include "experiments/paired_compare.hpp"
#include "serve/common/jobs.hpp"

namespace gcmsim::serve {
namespace fs = std::filesystem;

namespace {

// The first comment line of an override ("# What-if: donors give half ...") is its title.
std::string first_comment(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (std::getline(in, line) && line.rfind("# ", 0) == 0) {
    line = line.substr(2);
    if (line.rfind("What-if: ", 0) == 0) line = line.substr(9);
    return line;
  }
  return file.stem().string();
}

std::vector<ShippedFile> list_yaml(const fs::path& dir, const std::string& shown_dir, bool overrides) {
  std::vector<ShippedFile> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    ShippedFile f;
    f.name = entry.path().stem().string();
    f.path = entry.path().string();
    f.title = overrides ? first_comment(entry.path()) : f.name;
    (void)shown_dir;
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const ShippedFile& a, const ShippedFile& b) { return a.name < b.name; });
  return out;
}

const ShippedFile* by_name(const std::vector<ShippedFile>& list, const std::string& name) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const ShippedFile& f) { return f.name == name; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace

Catalog::Catalog(const fs::path& scenarios_dir, std::string shown_prefix, std::size_t max_prepared)
    : dir_(scenarios_dir), shown_prefix_(std::move(shown_prefix)), max_prepared_(max_prepared) {
  scenarios_ = list_yaml(dir_, shown_prefix_, false);
  whatifs_ = list_yaml(dir_ / "what-if", shown_prefix_ + "/what-if", true);
  // A scenario's title is its `name`, read when it is first prepared (base()).
}

const ShippedFile* Catalog::scenario(const std::string& name) const { return by_name(scenarios_, name); }
const ShippedFile* Catalog::whatif(const std::string& name) const { return by_name(whatifs_, name); }

std::string Catalog::shown(const ShippedFile& file) const {
  const bool is_whatif = by_name(whatifs_, file.name) == &file;
  return fmt::format("{}/{}{}.yaml", shown_prefix_, is_whatif ? "what-if/" : "", file.name);
}

std::shared_ptr<const sim::PreparedScenario> Catalog::remember(const std::string& key,
                                                               std::shared_ptr<const sim::PreparedScenario> prepared) {
  const std::lock_guard lock(mutex_);
  const auto [it, added] = cache_.emplace(key, std::move(prepared));
  if (added) {
    cache_order_.push_back(key);
    // Bases are kept: every derived scenario needs one, and there are few shipped files.
    for (auto k = cache_order_.begin(); cache_.size() > max_prepared_ && k != cache_order_.end();) {
      if (k->rfind("base:", 0) == 0) {
        ++k;
        continue;
      }
      cache_.erase(*k);
      k = cache_order_.erase(k);
    }
  }
  return it->second;
}

std::shared_ptr<const sim::PreparedScenario> Catalog::base(const ShippedFile& file) {
  const std::string key = fmt::format("base:{}", file.name);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  const sim::Preparation p = sim::prepare({file.path, {}, {}});
  if (!p.ok()) throw Refusal(422, p.error_report());
  return remember(key, p.scenario);
}

std::shared_ptr<const sim::PreparedScenario> Catalog::derived(const std::shared_ptr<const sim::PreparedScenario>& base,
                                                              const std::vector<std::string>& overrides,
                                                              const std::vector<std::string>& operations,
                                                              const std::string& cache_key) {
  // What makes the what-if: the base's content hash and every override's text and operation.
  const std::string key = fmt::format("whatif:{}:{}", base->content_hash(), cache_key);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  const sim::Preparation p = experiments::derive_whatif(*base, overrides, operations);
  if (!p.ok()) throw Refusal(422, p.error_report());
  return remember(key, p.scenario);
}

std::size_t Catalog::cached() const {
  const std::lock_guard lock(mutex_);
  return cache_.size();
}

}  // namespace gcmsim::serve
