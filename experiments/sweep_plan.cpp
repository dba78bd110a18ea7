#include "experiments/sweep_plan.hpp"

#include <algorithm>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>

#include "engine/parallel.hpp"
#include "models/run/simulate.hpp"
#include "output/run_writer.hpp"

namespace gcmsim::experiments {
namespace {

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h ^ 0xff;  // a separator, so that "ab"+"c" and "a"+"bc" differ
}

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string describe_point(const Design& d, std::size_t p) {
  std::string s;
  for (std::size_t i = 0; i < d.parameters.size(); ++i) {
    s += fmt::format("{}{}={}", i ? ", " : "", d.parameters[i], d.points[p][i]);
  }
  return s;
}

}  // namespace

SweepPlan::SweepPlan(SweepSpec spec, Design design, std::shared_ptr<const sim::PreparedScenario> base,
                     std::vector<sim::MetricInfo> metrics, std::vector<std::vector<std::size_t>> metric_index,
                     std::vector<std::shared_ptr<const sim::PreparedScenario>> points)
    : spec_(std::move(spec)),
      design_(std::move(design)),
      base_(std::move(base)),
      metrics_(std::move(metrics)),
      metric_index_(std::move(metric_index)),
      points_(std::move(points)) {
  for (const model::Contribution& c : base_->scenario().trust_fund.contributions) trust_fund_base_.push_back(c.usd);
  for (const std::string& name : spec_.series) {
    if (const auto kind = series_named(name)) series_.push_back(*kind);
  }
  std::uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv1a(h, spec_.text);
  h = fnv1a(h, fmt::format("replications={}", spec_.replications));
  h = fnv1a(h, base_->content_hash());
  for (const std::string& p : design_.parameters) h = fnv1a(h, p);
  for (const auto& point : design_.points) {
    for (const std::string& v : point) h = fnv1a(h, v);
  }
  for (const sim::MetricInfo& m : metrics_) h = fnv1a(h, m.key());
  hash_ = fmt::format("{:016x}", h);
}

std::uint64_t SweepPlan::seed(std::size_t point) const {
  if (spec_.streams == Streams::common) return spec_.seed;
  return splitmix(spec_.seed ^ splitmix(point + 1));
}

std::vector<std::string> SweepPlan::point_sets(std::size_t point) const {
  std::vector<std::string> sets;
  for (std::size_t i = 0; i < spec_.parameters.size(); ++i) {
    const Parameter& p = spec_.parameters[i];
    const std::string& value = design_.points[point][i];
    for (const std::string& path : p.paths) sets.push_back(path + "=" + value);
    if (p.shorthand == Shorthand::trust_fund_scale) {
      const double scale = std::strtod(value.c_str(), nullptr);
      for (std::size_t c = 0; c < trust_fund_base_.size(); ++c) {
        sets.push_back(fmt::format("policies.trust_fund.contributions.{}.usd={}", c, trust_fund_base_[c] * scale));
      }
    }
  }
  return sets;
}

std::shared_ptr<const sim::PreparedScenario> SweepPlan::point_scenario(std::size_t point) const {
  if (point < points_.size() && points_[point]) return points_[point];
  sim::Preparation p = base_->point(point_sets(point));
  if (!p.ok()) throw std::runtime_error(fmt::format("point {} no longer prepares:\n{}", point, p.error_report()));
  return p.scenario;
}

std::vector<std::optional<double>> SweepPlan::run(std::size_t run_index, const std::string& keep_dir,
                                                  output::Durability durability) const {
  const RunCoordinates at = coordinates(run_index);
  const auto prepared = point_scenario(at.point);
  const auto start = std::chrono::steady_clock::now();
  const model::RunResults results = sim::simulate(*prepared, {seed(at.point), at.replication, nullptr, nullptr});
  if (!keep_dir.empty()) {
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    output::write_run(std::filesystem::path(keep_dir) / fmt::format("point-{:05d}", at.point) /
                          fmt::format("rep-{:04d}", at.replication),
                      *prepared, results, output::manifest_info(*prepared, results, spec_.replications, wall), durability);
  }
  const sim::RunMetrics all = sim::metrics(*prepared, results);
  std::vector<std::optional<double>> kept;
  kept.reserve(metrics_.size());
  for (const std::size_t i : metric_index_[metric_index_.size() == 1 ? 0 : at.point]) kept.push_back(all.values[i]);
  if (!series_.empty()) {
    std::vector<double> flat;
    for (const SeriesKind kind : series_) append_series(flat, kind, results);
    kept.insert(kept.end(), flat.begin(), flat.end());
  }
  return kept;
}

PlanResult plan_sweep(const SweepSpec& spec_in, std::optional<int> replications, unsigned threads, PointCheck check) {
  PlanResult out;
  out.files = spec_in.files;
  SweepSpec spec = spec_in;
  if (replications) spec.replications = *replications;
  sim::Preparation base = sim::prepare(spec.base);
  if (!base.ok()) {
    out.report = fmt::format("{}the sweep's base scenario {} is invalid\n", base.error_report(), spec.base.path);
    return out;
  }
  Design design = make_design(spec, out.files, out.diagnostics);
  // docs/limits.md: the tables index every run (16 bytes each) and the journal holds a line per run.
  if (out.diagnostics.empty() && (design.size() == 0 || spec.replications < 1 ||
                                  design.size() > kMaxSweepRuns / static_cast<std::size_t>(std::max(spec.replications, 1)))) {
    out.report = fmt::format("{}: {} points x {} replications: a sweep runs from 1 to {} runs (docs/limits.md)\n", spec.path,
                             design.size(), spec.replications, kMaxSweepRuns);
    return out;
  }

  // The metrics to keep, by key in the base's catalogue.
  const sim::MetricCatalog& catalog = base.scenario->metric_catalog();
  std::vector<sim::MetricInfo> metrics;
  std::vector<std::string> keys;
  for (const sim::MetricInfo& m : catalog.list()) keys.push_back(m.key());
  if (spec.metrics.empty()) {
    metrics = catalog.list();
  } else {
    for (std::size_t i = 0; i < spec.metrics.size(); ++i) {
      const auto found = catalog.find(spec.metrics[i]);
      if (!found) {
        out.diagnostics.error(spec.metric_at[i],
                              fmt::format("unknown metric '{}'{} (gcmsim metrics --list names them all)", spec.metrics[i],
                                          loader::did_you_mean(spec.metrics[i], keys)),
                              static_cast<int>(spec.metrics[i].size()));
      } else {
        metrics.push_back(catalog[*found]);
      }
    }
  }
  for (const Parameter& p : spec.parameters) {
    for (const sim::MetricInfo& m : metrics) {
      if (m.key() == p.name) out.diagnostics.error(p.at, fmt::format("parameter '{}' has the name of a metric; rename it", p.name));
    }
    if (p.shorthand == Shorthand::trust_fund_scale && base.scenario->scenario().trust_fund.contributions.empty()) {
      out.diagnostics.error(p.at, fmt::format("parameter '{}': trust_fund_scale scales the trust fund's contributions, but {} "
                                              "has none (policies.trust_fund.contributions)", p.name, spec.base.path));
    }
    if (p.name == "point" || p.name == "replication" || p.name == "seed" || p.name == "run") {
      out.diagnostics.error(p.at, fmt::format("parameter '{}' has the name of a column of runs.csv or results.sqlite; rename it", p.name));
    }
  }
  if (!out.diagnostics.empty()) {
    out.report = out.diagnostics.format(out.files);
    return out;
  }

  // Every point, prepared from the base in memory once, before the first run, and kept for the runs
  // (the interleaved order visits every point once per replication: any cache smaller than the
  // design would miss on every run). Without the document it was derived from
  // (PreparedScenario::point), a point of the baseline weighs about 0.2 MB: a 1,000-point design
  // peaks at 213 MB against 14 MB for 10 points (`sweep --dry-run`, measured).
  SweepPlan probe(spec, design, base.scenario, metrics, {}, {});
  const std::size_t n = check == PointCheck::every ? design.size() : std::min(design.size(), kProbedPoints);
  const bool keep = design.size() <= kMaxKeptPoints;
  std::vector<std::shared_ptr<const sim::PreparedScenario>> points(keep ? n : 0);
  std::vector<std::vector<std::size_t>> index(n);
  std::vector<std::string> errors(n);
  parallel_for(n, std::max(1u, threads), [&](std::size_t p) {
    sim::Preparation prepared = base.scenario->point(probe.point_sets(p));
    if (!prepared.ok()) {
      errors[p] = fmt::format("point {} ({}) makes the scenario invalid:\n{}", p, describe_point(design, p), prepared.error_report());
      return;
    }
    const sim::MetricCatalog& c = prepared.scenario->metric_catalog();
    for (const sim::MetricInfo& m : metrics) {
      const auto i = c.find(m.key());
      if (!i) {
        errors[p] = fmt::format("point {} ({}) has no metric '{}'\n", p, describe_point(design, p), m.key());
        return;
      }
      index[p].push_back(*i);
    }
    if (keep) points[p] = prepared.scenario;
  });
  // Every point's metrics are usually found at the same places of its catalogue: then one index
  // serves them all (a million points would otherwise hold a million copies).
  if (!index.empty() && std::all_of(index.begin(), index.end(), [&](const auto& i) { return i == index[0]; })) {
    index.resize(1);
  }
  std::size_t invalid = 0;
  for (const std::string& e : errors) {
    if (e.empty()) continue;
    if (++invalid <= 5) out.report += e;
  }
  if (invalid > 0) {
    if (invalid > 5) out.report += fmt::format("... and {} more invalid points\n", invalid - 5);
    out.report += fmt::format("{} of {} points of {} are invalid; nothing was run\n", invalid, n, spec.path);
    return out;
  }
  out.plan.emplace(std::move(spec), std::move(design), base.scenario, std::move(metrics), std::move(index), std::move(points));
  return out;
}

}  // namespace gcmsim::experiments
