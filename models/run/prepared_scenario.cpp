#include "models/run/prepared_scenario.hpp"

#include <stdexcept>
#include <utility>

namespace gcmsim::sim {

namespace {

Preparation from_load(loader::LoadResult loaded, const std::string& path) {
  Preparation out;
  if (!loaded.ok()) {
    out.diagnostics = std::move(loaded.diagnostics);
    out.files = std::move(loaded.files);
    return out;
  }
  out.files = loaded.files;
  out.scenario = std::make_shared<const PreparedScenario>(std::move(loaded), path);
  return out;
}

}  // namespace

Preparation prepare(const ScenarioSource& source, const loader::ReadLimits& limits) {
  loader::LoadRequest request;
  request.path = source.path;
  request.overrides = source.overrides;
  request.sets = source.sets;
  request.limits = limits;
  return from_load(loader::load_scenario(request), source.path);
}

PreparedScenario::PreparedScenario(loader::LoadResult loaded, std::string path)
    : loaded_(std::move(loaded)),
      path_(std::move(path)),
      setup_(std::move(*loaded_.scenario)),
      catalog_(describe_metrics(setup_)) {
  loaded_.scenario.reset();  // moved into the setup; the document stays for with()
}

Preparation PreparedScenario::with(const std::vector<std::string>& overrides, const std::vector<std::string>& sets) const {
  if (!extendable()) throw std::logic_error("a design point prepared with point() cannot be extended with with()");
  return from_load(loader::extend_scenario(loaded_, overrides, sets), path_);
}

Preparation PreparedScenario::point(const std::vector<std::string>& sets) const {
  if (!extendable()) throw std::logic_error("a design point prepared with point() cannot be extended with point()");
  loader::LoadResult loaded = loader::extend_scenario(loaded_, {}, sets);
  if (loaded.ok()) {
    loaded.document = {};
    loaded.files = {};
  }
  return from_load(std::move(loaded), path_);
}

}  // namespace gcmsim::sim
