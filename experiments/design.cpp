#include "experiments/design.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>

#include <boost/random/sobol.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/bounded_file.hpp"
#include "engine/random_streams.hpp"
#include "experiments/distributions.hpp"
#include "experiments/morris.hpp"
#include "output/csv.hpp"

namespace gcmsim::experiments {
namespace {

// Shortest text that reads back as the same double, so the value in runs.csv is the value run.
std::string number_text(double x) { return fmt::format("{}", x); }

std::vector<std::string> levels_of(const Parameter& p) {
  if (!p.levels.empty() || !p.range || p.range->steps < 2) return p.levels;
  std::vector<std::string> out;
  const Range& r = *p.range;
  for (int i = 0; i < r.steps; ++i) {
    const double t = static_cast<double>(i) / (r.steps - 1);
    double x = r.scale == RangeScale::log_uniform ? std::exp(std::log(r.min) + t * (std::log(r.max) - std::log(r.min)))
                                                   : r.min + t * (r.max - r.min);
    if (i == r.steps - 1) x = r.max;  // exactly, whatever the rounding of t
    out.push_back(r.scale == RangeScale::integer ? fmt::format("{}", std::llround(x)) : number_text(x));
  }
  return out;
}

// Smallest squared distance between two rows.
double min_distance(const UnitSample& s) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t a = 0; a < s.size(); ++a) {
    for (std::size_t b = a + 1; b < s.size(); ++b) {
      double d = 0;
      for (std::size_t i = 0; i < s[a].size(); ++i) d += (s[a][i] - s[b][i]) * (s[a][i] - s[b][i]);
      best = std::min(best, d);
    }
  }
  return best;
}

UnitSample one_hypercube(std::size_t n, std::size_t k, bool centred, RandomStream& rng) {
  UnitSample s(n, std::vector<double>(k));
  std::vector<std::size_t> strata(n);
  for (std::size_t i = 0; i < k; ++i) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    // Fisher-Yates with the project's stream (std::shuffle's algorithm is implementation-defined).
    for (std::size_t j = n; j > 1; --j) std::swap(strata[j - 1], strata[rng.uniform_index(j)]);
    for (std::size_t j = 0; j < n; ++j) {
      const double within = centred ? 0.5 : rng.uniform01();
      s[j][i] = (static_cast<double>(strata[j]) + within) / static_cast<double>(n);
    }
  }
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  return s.substr(b);
}

}  // namespace

Design grid_design(const std::vector<Parameter>& parameters) {
  Design d;
  std::vector<std::vector<std::string>> levels;
  for (const Parameter& p : parameters) {
    d.parameters.push_back(p.name);
    levels.push_back(levels_of(p));
  }
  std::size_t total = 1;
  for (const auto& l : levels) total *= l.size();
  d.points.reserve(total);
  for (std::size_t row = 0; row < total; ++row) {
    std::vector<std::string> point(levels.size());
    std::size_t rest = row;
    for (std::size_t i = levels.size(); i-- > 0;) {
      point[i] = levels[i][rest % levels[i].size()];
      rest /= levels[i].size();
    }
    d.points.push_back(std::move(point));
  }
  return d;
}

UnitSample latin_hypercube(std::size_t n, std::size_t k, LhsCriterion criterion, int candidates, std::uint64_t seed) {
  const RandomStreams streams(seed, 0);
  if (criterion == LhsCriterion::centred) {
    RandomStream rng = streams.stream("latin_hypercube");
    return one_hypercube(n, k, true, rng);
  }
  UnitSample best;
  double best_distance = -1;
  for (int c = 0; c < std::max(1, candidates); ++c) {
    RandomStream rng = streams.stream("latin_hypercube", static_cast<std::uint64_t>(c));
    UnitSample s = one_hypercube(n, k, false, rng);
    const double d = min_distance(s);
    if (d > best_distance) {
      best_distance = d;
      best = std::move(s);
    }
  }
  return best;
}

UnitSample saltelli_sample(std::size_t n, std::size_t k, bool second_order) {
  boost::random::sobol engine(static_cast<unsigned>(2 * k));
  engine.discard(2 * k);  // the first point is the origin
  const double scale = std::ldexp(1.0, -static_cast<int>(std::numeric_limits<boost::random::sobol::result_type>::digits));
  UnitSample out;
  out.reserve(n * SaltelliLayout{k, second_order}.stride());
  std::vector<double> a(k), b(k);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < k; ++i) a[i] = static_cast<double>(engine()) * scale;
    for (std::size_t i = 0; i < k; ++i) b[i] = static_cast<double>(engine()) * scale;
    out.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      out.push_back(std::move(ab));
    }
    for (std::size_t i = 0; second_order && i < k; ++i) {
      std::vector<double> ba = b;
      ba[i] = a[i];
      out.push_back(std::move(ba));
    }
    out.push_back(b);
  }
  return out;
}

std::string value_at(const Parameter& p, double u) {
  if (!p.levels.empty()) {
    const auto i = std::min(p.levels.size() - 1, static_cast<std::size_t>(u * static_cast<double>(p.levels.size())));
    return p.levels[i];
  }
  if (p.distribution) return number_text(quantile(*p.distribution, u));
  const Range& r = *p.range;
  switch (r.scale) {
    case RangeScale::log_uniform: return number_text(std::exp(std::log(r.min) + u * (std::log(r.max) - std::log(r.min))));
    case RangeScale::integer: {
      const double lo = std::ceil(r.min);
      const double x = std::min(std::floor(r.max), std::floor(lo + u * (std::floor(r.max) - lo + 1)));
      return fmt::format("{}", static_cast<long long>(x));
    }
    case RangeScale::uniform: break;
  }
  return number_text(r.min + u * (r.max - r.min));
}

Design map_unit_sample(const std::vector<Parameter>& parameters, const UnitSample& sample) {
  Design d;
  for (const Parameter& p : parameters) d.parameters.push_back(p.name);
  d.points.reserve(sample.size());
  for (const auto& row : sample) {
    std::vector<std::string> point;
    for (std::size_t i = 0; i < parameters.size(); ++i) point.push_back(value_at(parameters[i], row[i]));
    d.points.push_back(std::move(point));
  }
  return d;
}

Design read_design_table(const std::string& path, const std::vector<Parameter>& parameters, loader::SourceFiles& files,
                         loader::Diagnostics& diagnostics, loader::Location named_at) {
  Design d;
  for (const Parameter& p : parameters) d.parameters.push_back(p.name);
  // engine/bounded_file.hpp: a regular file of bounded size, or a located error that does not
  // quote it.
  const BoundedRead read = read_bounded_file(path, kMaxDesignTableBytes, "a design table (CSV)");
  if (!read.ok()) {
    diagnostics.error(named_at, fmt::format("cannot use the design table: {}", read.error));
    return d;
  }
  return parse_design_table(path, read.content, parameters, files, diagnostics, named_at);
}

Design parse_design_table(const std::string& path, const std::string& content, const std::vector<Parameter>& parameters,
                          loader::SourceFiles& files, loader::Diagnostics& diagnostics, loader::Location named_at) {
  Design d;
  for (const Parameter& p : parameters) d.parameters.push_back(p.name);
  // A file whose first line names none of the parameters is not a design table (a wrong path:
  // /etc/passwd, a binary): said once, without quoting a line of it.
  {
    std::istringstream first(content);
    std::string header;
    while (std::getline(first, header) && trim(header).empty()) {
    }
    std::vector<int> cols;
    bool any = false;
    for (const std::string& field : output::split_csv_line(header, &cols)) {
      any = any || std::find(d.parameters.begin(), d.parameters.end(), trim(field)) != d.parameters.end();
    }
    if (!any) {
      diagnostics.error(named_at, fmt::format("'{}' is not a design table of this sweep: its first line names none of the "
                                              "parameters; expected a CSV whose header names them ({})",
                                              path, fmt::join(d.parameters, ", ")));
      return d;
    }
  }
  const int file = files.add(path, content);
  std::istringstream lines(content);
  std::string line;
  int number = 0;
  std::vector<int> order;  // column of the table -> parameter index
  std::vector<int> columns;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    std::vector<std::string> fields = output::split_csv_line(line, &columns);
    if (order.empty()) {
      std::vector<bool> seen(parameters.size(), false);
      for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string name = trim(fields[c]);
        const auto it = std::find(d.parameters.begin(), d.parameters.end(), name);
        if (it == d.parameters.end()) {
          diagnostics.error({file, number, columns[c]},
                            fmt::format("column '{}' is not a parameter of the sweep{}", name, loader::did_you_mean(name, d.parameters)),
                            std::max(1, static_cast<int>(fields[c].size())));
          order.push_back(-1);
          continue;
        }
        const auto i = static_cast<std::size_t>(it - d.parameters.begin());
        if (seen[i]) diagnostics.error({file, number, columns[c]}, fmt::format("column '{}' appears twice", name));
        seen[i] = true;
        order.push_back(static_cast<int>(i));
      }
      for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (!seen[i]) diagnostics.error({file, number, 1}, fmt::format("the header has no column for parameter '{}'", parameters[i].name));
      }
      continue;
    }
    if (fields.size() != order.size()) {
      diagnostics.error({file, number, columns.back()},
                        fmt::format("found {} fields, expected {} (one per column of the header)", fields.size(), order.size()));
      continue;
    }
    std::vector<std::string> point(parameters.size());
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::string value = trim(fields[c]);
      if (value.empty()) {
        diagnostics.error({file, number, columns[c]}, fmt::format("empty value for '{}'; expected a value", c < order.size() && order[c] >= 0 ? d.parameters[static_cast<std::size_t>(order[c])] : "?"));
      }
      if (order[c] >= 0) point[static_cast<std::size_t>(order[c])] = value;
    }
    d.points.push_back(std::move(point));
    if (d.points.size() > kMaxDesignPoints) {
      diagnostics.error({file, number, 1}, fmt::format("the design table has more than {} points (docs/limits.md)", kMaxDesignPoints));
      break;
    }
  }
  if (order.empty()) diagnostics.error({file, 1, 1}, "the design table is empty; expected a header naming the parameters");
  else if (d.points.empty()) diagnostics.error({file, number, 1}, "the design table has a header but no points");
  return d;
}

Design make_design(const SweepSpec& spec, loader::SourceFiles& files, loader::Diagnostics& diagnostics) {
  const DesignSpec& ds = spec.design;
  const std::size_t k = spec.parameters.size();
  switch (ds.kind) {
    case DesignKind::grid: return grid_design(spec.parameters);
    case DesignKind::latin_hypercube:
      return map_unit_sample(spec.parameters, latin_hypercube(ds.points, k, ds.criterion, ds.candidates, ds.seed));
    case DesignKind::sobol: return map_unit_sample(spec.parameters, saltelli_sample(ds.samples, k, ds.second_order));
    case DesignKind::table: return read_design_table(ds.file, spec.parameters, files, diagnostics, ds.file_at);
    case DesignKind::morris: return map_unit_sample(spec.parameters, morris_sample(ds.trajectories, k, ds.grid_levels, ds.seed));
  }
  return {};
}

}  // namespace gcmsim::experiments
