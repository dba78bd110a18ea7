#pragma once
// The scenarios a browser may choose: the shipped ones, by name, never by path. The web names a
// scenario ("gcm-2017-2018") or a what-if ("trust-fund-halved"); only the names listed here at
// start-up exist. Prepared scenarios are cached by content hash, so that a hundred compares of the
// same what-if read and check it once; the cache is bounded (Limits::max_prepared).
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/run/prepared_scenario.hpp"

namespace gcmsim::serve {

struct ShippedFile {
  std::string name;      // file name without .yaml: what the web sends
  std::string path;      // as given to the loader and shown in the command line
  std::string title;     // the scenario's `name`, or the override's first comment line
};

class Catalog {
 public:
  // `scenarios_dir` holds the shipped *.yaml and what-if/*.yaml; `shown_prefix` is how the command
  // line names that folder ("scenarios").
  Catalog(const std::filesystem::path& scenarios_dir, std::string shown_prefix, std::size_t max_prepared);

  const std::vector<ShippedFile>& scenarios() const { return scenarios_; }
  const std::vector<ShippedFile>& whatifs() const { return whatifs_; }
  const ShippedFile* scenario(const std::string& name) const;
  const ShippedFile* whatif(const std::string& name) const;
  // The path as the command line shows it: scenarios/what-if/NAME.yaml.
  std::string shown(const ShippedFile& file) const;

  // The base scenario prepared (once); throws Refusal(422) with the loader's report if invalid.
  std::shared_ptr<const sim::PreparedScenario> base(const ShippedFile& file);
  // The what-if derived from `base` by overrides and operations, cached by what makes it.
  std::shared_ptr<const sim::PreparedScenario> derived(const std::shared_ptr<const sim::PreparedScenario>& base,
                                                       const std::vector<std::string>& overrides,
                                                       const std::vector<std::string>& operations,
                                                       const std::string& cache_key);
  std::size_t cached() const;

 private:
  std::shared_ptr<const sim::PreparedScenario> remember(const std::string& key,
                                                        std::shared_ptr<const sim::PreparedScenario> prepared);

  std::filesystem::path dir_;
  std::string shown_prefix_;
  std::size_t max_prepared_;
  std::vector<ShippedFile> scenarios_, whatifs_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const sim::PreparedScenario>> cache_;  // by key
  std::vector<std::string> cache_order_;
};

}  // namespace gcmsim::serve
