// `gcmsim metrics --list [FILE]`: the per-run metrics of a scenario, with their units and meaning,
// as summary.csv, sweeps, comparisons and the Python module name them.
#include <memory>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "output/summary.hpp"

namespace gcmsim::cli {
namespace {

struct MetricsOptions {
  ScenarioOptions scenario;
  bool list = false;
  bool json = false;
};

void list_metrics(const MetricsOptions& options) {
  const auto prepared = prepare_checked(options.scenario);
  const sim::MetricCatalog& catalog = prepared->metric_catalog();
  if (options.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const sim::MetricInfo& m : catalog.list()) {
      out.push_back({{"key", m.key()}, {"metric", m.name}, {"group", m.group}, {"kind", sim::to_string(m.kind)},
                     {"unit", m.unit}, {"description", m.description}});
    }
    fmt::print("{}\n", out.dump(2));
    return;
  }
  std::vector<std::vector<std::string>> rows = {{"metric", "kind", "unit", "description"}};
  for (const sim::MetricInfo& m : catalog.list()) {
    rows.push_back({m.key(), std::string(sim::to_string(m.kind)), m.unit, m.description});
  }
  fmt::print("{} metrics per run of {} (summary.csv: metric and group; runs.csv: the key)\n{}", catalog.size(),
             options.scenario.file, output::aligned_columns(rows, {false, false, false, false}, ""));
}

}  // namespace

void add_metrics_command(CLI::App& app) {
  auto options = std::make_shared<MetricsOptions>();
  CLI::App* cmd = app.add_subcommand("metrics", "List the per-run metrics of a scenario: name, kind, unit, meaning");
  add_scenario_options(*cmd, options->scenario, kBaselineScenario);
  cmd->add_flag("--list", options->list, "List the metrics (the default)");
  cmd->add_flag("--json", options->json, "As a JSON array");
  cmd->callback([options] { list_metrics(*options); });
}

}  // namespace gcmsim::cli
