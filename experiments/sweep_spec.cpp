#include "experiments/sweep_spec.hpp"

#include <filesystem>
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "experiments/design.hpp"
#include "experiments/distributions.hpp"
#include "models/loader/document.hpp"
#include "models/loader/schema.hpp"

namespace gcmsim::experiments {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A level as the text a --set takes: YAML reads it back as the same scalar.
std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string resolve_path(const std::string& folder, const std::string& path) {
  if (fs::path(path).is_absolute() || folder.empty()) return path;
  return (fs::path(folder) / path).lexically_normal().string();
}

class Builder {
 public:
  Builder(const loader::Document& doc, std::string folder, loader::Diagnostics& diagnostics)
      : doc_(doc), folder_(std::move(folder)), diagnostics_(diagnostics) {}

  SweepSpec build() {
    const json& v = doc_.value;
    SweepSpec s;
    s.name = v.at("name").get<std::string>();
    const json& base = v.at("base");
    s.base.path = resolve_path(folder_, base.at("scenario").get<std::string>());
    for (const json& o : base.value("overrides", json::array())) s.base.overrides.push_back(resolve_path(folder_, o.get<std::string>()));
    for (const json& set : base.value("sets", json::array())) s.base.sets.push_back(set.get<std::string>());
    s.replications = v.value("replications", 1);
    s.seed = whole(v, "seed", "/seed", 1);
    s.streams = v.value("streams", std::string("common")) == "independent" ? Streams::independent : Streams::common;
    if (v.contains("metrics")) {
      for (std::size_t i = 0; i < v["metrics"].size(); ++i) {
        s.metrics.push_back(v["metrics"][i].get<std::string>());
        s.metric_at.push_back(at(loader::pointer_append("/metrics", i)));
      }
    }
    for (std::size_t i = 0; i < v.value("series", json::array()).size(); ++i) {
      const std::string name = v["series"][i].get<std::string>();
      if (std::find(s.series.begin(), s.series.end(), name) != s.series.end()) {
        error(at(loader::pointer_append("/series", i)), fmt::format("series '{}' is named twice", name));
      }
      s.series.push_back(name);  // the schema's enum has checked the name (run_series.cpp's catalogue)
    }
    s.design = design(v.at("design"), s.seed);
    std::set<std::string> names;
    for (std::size_t i = 0; i < v["parameters"].size(); ++i) {
      Parameter p = parameter(v["parameters"][i], loader::pointer_append("/parameters", i), s.design.kind);
      if (!names.insert(p.name).second) error(p.at, fmt::format("parameter '{}' is named twice", p.name));
      s.parameters.push_back(std::move(p));
    }
    check_size(s);
    s.text = v.dump();
    return s;
  }

 private:
  loader::Location at(const std::string& pointer) const { return doc_.origins.find(pointer).value; }
  loader::Location key_at(const std::string& pointer) const {
    const loader::NodeOrigin o = doc_.origins.find(pointer);
    return o.key.file >= 0 ? o.key : o.value;
  }
  void error(loader::Location where, std::string message) { diagnostics_.error(where, std::move(message)); }

  // A seed exactly as written: the schema compares numbers as doubles, and a reader may hold
  // 18446744073709551616 or 1e19 as one; only a JSON integer that fits 64 bits is a seed.
  std::uint64_t whole(const json& v, const char* key, const std::string& pointer, std::uint64_t fallback) {
    if (!v.contains(key)) return fallback;
    const json& n = v[key];
    if (n.is_number_unsigned()) return n.get<std::uint64_t>();
    if (n.is_number_integer() && n.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(n.get<std::int64_t>());
    error(at(pointer), fmt::format("'{}' must be a whole number from 0 to 18446744073709551615", key));
    return fallback;
  }

  // The number of points the design will have, checked against kMaxDesignPoints before anything
  // is prepared (a grid's product of levels overflows 64 bits long before memory runs out).
  void check_size(const SweepSpec& s) {
    std::size_t points = 1;
    bool over = false;
    const auto times = [&](std::size_t n) {
      if (n != 0 && points > kMaxDesignPoints / n) over = true;
      points = over ? kMaxDesignPoints + 1 : points * n;
    };
    switch (s.design.kind) {
      case DesignKind::grid:
        for (const Parameter& p : s.parameters) {
          times(!p.levels.empty() ? p.levels.size() : p.range ? static_cast<std::size_t>(std::max(p.range->steps, 0)) : 0);
        }
        break;
      case DesignKind::latin_hypercube: points = s.design.points; break;
      case DesignKind::sobol:
        times(s.design.samples);
        times(s.parameters.size() + 2);
        break;
      case DesignKind::morris:  // r trajectories of k + 1 points
        times(s.design.trajectories);
        times(s.parameters.size() + 1);
        break;
      case DesignKind::table: return;  // counted as it is read
    }
    if (over || points > kMaxDesignPoints) {
      error(key_at("/design/kind"), fmt::format("the design has more than {} points{} (docs/limits.md); use fewer levels or "
                                                "samples, or split it into several sweeps",
                                                kMaxDesignPoints, over ? "" : fmt::format(" ({})", points)));
    } else if (points == 0) {
      error(key_at("/design/kind"), "the design has no points: a sweep of 0 runs is not a sweep");
    }
  }

  DesignSpec design(const json& d, std::uint64_t sweep_seed) {
    DesignSpec out;
    const std::string kind = d.at("kind");
    out.kind = kind == "grid" ? DesignKind::grid
               : kind == "latin_hypercube" ? DesignKind::latin_hypercube
               : kind == "sobol" ? DesignKind::sobol
               : kind == "morris" ? DesignKind::morris
                                 : DesignKind::table;
    out.points = d.value("points", std::size_t{0});
    out.criterion = d.value("criterion", std::string("maximin")) == "centred" ? LhsCriterion::centred : LhsCriterion::maximin;
    out.candidates = d.value("candidates", 100);
    out.samples = d.value("samples", std::size_t{0});
    out.bootstrap = d.value("bootstrap", 1000);
    out.second_order = d.value("second_order", false);
    out.max_width = d.value("max_interval_width", 0.2);
    out.trajectories = d.value("trajectories", std::size_t{0});
    out.grid_levels = d.value("grid_levels", 4);
    out.seed = whole(d, "seed", "/design/seed", sweep_seed);
    if (d.contains("file")) {
      out.file = resolve_path(folder_, d["file"].get<std::string>());
      out.file_at = at("/design/file");
    }
    const auto needs = [&](const char* key, bool present, const char* what) {
      if (!present) error(key_at("/design/kind"), fmt::format("a {} design needs '{}' ({})", kind, key, what));
    };
    const auto refuses = [&](const char* key) {
      if (d.contains(key)) error(key_at(std::string("/design/") + key), fmt::format("'{}' has no meaning in a {} design", key, kind));
    };
    switch (out.kind) {
      case DesignKind::grid:
        for (const char* k : {"points", "criterion", "candidates", "samples", "bootstrap", "file", "seed"}) refuses(k);
        for (const char* k : {"second_order", "max_interval_width", "trajectories", "grid_levels"}) refuses(k);
        break;
      case DesignKind::latin_hypercube:
        needs("points", d.contains("points"), "how many points");
        for (const char* k : {"samples", "bootstrap", "file", "second_order", "max_interval_width", "trajectories", "grid_levels"}) refuses(k);
        if (out.criterion == LhsCriterion::centred && d.contains("candidates")) refuses("candidates");
        break;
      case DesignKind::sobol:
        needs("samples", d.contains("samples"), "the base sample size N");
        for (const char* k : {"points", "criterion", "candidates", "file", "trajectories", "grid_levels"}) refuses(k);
        break;
      case DesignKind::morris:
        needs("trajectories", d.contains("trajectories"), "how many trajectories r; the design has r (k + 1) points");
        for (const char* k : {"points", "criterion", "candidates", "samples", "file", "second_order", "max_interval_width"}) refuses(k);
        break;
      case DesignKind::table:
        needs("file", d.contains("file"), "a CSV of points, one column per parameter");
        for (const char* k : {"points", "criterion", "candidates", "samples", "bootstrap", "seed"}) refuses(k);
        for (const char* k : {"second_order", "max_interval_width", "trajectories", "grid_levels"}) refuses(k);
        break;
    }
    return out;
  }

  Parameter parameter(const json& p, const std::string& pointer, DesignKind kind) {
    Parameter out;
    out.name = p.at("name");
    out.at = at(pointer + "/name");
    const std::string who = fmt::format("parameter '{}'", out.name);
    if (p.contains("set") == p.contains("shorthand")) {
      error(key_at(pointer), fmt::format("{} needs exactly one of 'set' (a --set path) and 'shorthand'", who));
    }
    if (p.contains("set")) {
      if (p["set"].is_string()) {
        out.paths.push_back(p["set"]);
      } else {
        for (const json& s : p["set"]) out.paths.push_back(s);
      }
      for (std::size_t i = 0; i < out.paths.size(); ++i) {
        if (out.paths[i].find('=') != std::string::npos) {
          error(p["set"].is_string() ? at(pointer + "/set") : at(loader::pointer_append(pointer + "/set", i)),
                fmt::format("{}: 'set' is a path without '=value' (the design gives the value)", who));
        }
      }
    }
    if (p.contains("shorthand")) out.shorthand = Shorthand::trust_fund_scale;
    for (const json& l : p.value("levels", json::array())) out.levels.push_back(scalar_text(l));
    if (p.contains("range")) {
      const json& r = p["range"];
      Range range;
      range.min = r.at("min").get<double>();
      range.max = r.at("max").get<double>();
      const std::string scale = r.value("scale", std::string("uniform"));
      range.scale = scale == "log_uniform" ? RangeScale::log_uniform : scale == "integer" ? RangeScale::integer : RangeScale::uniform;
      range.steps = r.contains("steps") && r["steps"].is_number_integer() ? r["steps"].get<int>() : 0;  // schema: 2 to 10^6
      if (!(range.min < range.max)) {
        error(at(pointer + "/range/max"), fmt::format("{}: the range's max ({}) must be above its min ({})", who, range.max, range.min));
      }
      if (range.scale == RangeScale::log_uniform && range.min <= 0) {
        error(at(pointer + "/range/min"), fmt::format("{}: a log_uniform range needs min > 0, found {}", who, range.min));
      }
      if (range.steps > 0 && kind != DesignKind::grid) {
        error(key_at(pointer + "/range/steps"), fmt::format("{}: 'steps' makes levels for a grid design only", who));
      }
      out.range = range;
    }
    if (p.contains("distribution")) out.distribution = distribution(p["distribution"], pointer + "/distribution", who);
    const bool levels = p.contains("levels");
    const bool range = p.contains("range");
    const bool drawn = p.contains("distribution");
    if (static_cast<int>(levels) + static_cast<int>(range) + static_cast<int>(drawn) > 1) {
      error(key_at(pointer + (drawn ? "/distribution" : "/range")),
            fmt::format("{} has more than one of 'levels', 'range' and 'distribution'; expected one", who));
    }
    if (kind == DesignKind::table) {
      if (levels || range || drawn) {
        const std::string key = levels ? "levels" : range ? "range" : "distribution";
        error(key_at(pointer + "/" + key), fmt::format("{}: a table design takes its values from the file; remove '{}'", who, key));
      }
    } else if (kind == DesignKind::grid) {
      if (drawn) {
        error(key_at(pointer + "/distribution"),
              fmt::format("{}: a grid takes 'levels' or a 'range' with 'steps'; a distribution is for latin_hypercube and sobol", who));
      } else if (!levels && !(range && out.range->steps > 0)) {
        error(key_at(pointer), fmt::format("{}: a grid needs 'levels', or a 'range' with 'steps'", who));
      }
    } else if (!levels && !range && !drawn) {
      error(key_at(pointer), fmt::format("{}: a sampled design needs a 'range' or a 'distribution' (or 'levels' to choose from)", who));
    }
    if (kind == DesignKind::sobol && levels) {
      error(key_at(pointer + "/levels"), fmt::format("{}: Sobol indices need a continuous 'range', not levels", who));
    }
    if (kind == DesignKind::morris && drawn) {
      error(key_at(pointer + "/distribution"),
            fmt::format("{}: a Morris design walks a grid from the range's min to its max; give a 'range' (or 'levels')", who));
    }
    return out;
  }

  // {normal: {mean, sd, min?, max?}} or {triangular: {min, mode, max}}; the schema has checked
  // the keys and that sd > 0. What it cannot say (the order of the bounds, a truncation that holds
  // no probability) is said here, at the number concerned.
  Distribution distribution(const json& d, const std::string& pointer, const std::string& who) {
    Distribution out;
    if (d.contains("normal") == d.contains("triangular")) {
      error(key_at(pointer), fmt::format("{}: a distribution is exactly one of 'normal' {{mean, sd, min?, max?}} and "
                                         "'triangular' {{min, mode, max}}", who));
      return out;
    }
    if (d.contains("normal")) {
      const json& n = d["normal"];
      const std::string at_n = pointer + "/normal";
      out.kind = DistributionKind::normal;
      out.mean = n.at("mean").get<double>();
      out.sd = n.at("sd").get<double>();
      if (n.contains("min")) out.min = n["min"].get<double>();
      if (n.contains("max")) out.max = n["max"].get<double>();
      if (!(out.min < out.max)) {
        error(at(at_n + "/max"), fmt::format("{}: the normal's truncation max ({}) must be above its min ({})", who, out.max, out.min));
      } else if (truncated_mass(out) <= 0.0) {
        error(at(at_n + (n.contains("min") ? "/min" : "/max")),
              fmt::format("{}: the normal (mean {}, sd {}) has no probability between {} and {}; move the bounds or the mean",
                          who, out.mean, out.sd, out.min, out.max));
      }
    } else {
      const json& t = d.at("triangular");
      const std::string at_t = pointer + "/triangular";
      out.kind = DistributionKind::triangular;
      out.min = t.at("min").get<double>();
      out.mode = t.at("mode").get<double>();
      out.max = t.at("max").get<double>();
      if (!(out.min < out.max)) {
        error(at(at_t + "/max"), fmt::format("{}: the triangle's max ({}) must be above its min ({})", who, out.max, out.min));
      } else if (out.mode < out.min || out.mode > out.max) {
        error(at(at_t + "/mode"), fmt::format("{}: the triangle's mode ({}) must lie between its min ({}) and max ({})", who,
                                              out.mode, out.min, out.max));
      }
    }
    return out;
  }

  const loader::Document& doc_;
  std::string folder_;
  loader::Diagnostics& diagnostics_;
};

SweepReading finish(loader::Document doc, const std::string& folder, SweepReading reading) {
  if (!doc.complete || reading.diagnostics.size() > 0) return reading;
  if (!doc.value.is_object()) {
    reading.diagnostics.error(doc.origins.find("").value, "a sweep file must be a mapping (see docs/experiments.md)");
    return reading;
  }
  loader::check_schema(doc, sweep_schema(), reading.diagnostics);
  if (!reading.diagnostics.empty()) return reading;
  SweepSpec spec = Builder(doc, folder, reading.diagnostics).build();
  spec.files = reading.files;
  if (reading.diagnostics.empty()) reading.spec = std::move(spec);
  return reading;
}

}  // namespace

const nlohmann::json& sweep_schema() {
  static const json schema = json::parse(sweep_schema_text());
  return schema;
}

SweepReading read_sweep(const std::string& path) {
  SweepReading reading;
  loader::Document doc = loader::read_yaml_file(path, path, reading.files, reading.diagnostics);
  reading = finish(std::move(doc), fs::path(path).parent_path().string(), std::move(reading));
  if (reading.spec) reading.spec->path = path;
  return reading;
}

SweepReading read_sweep_text(std::string_view text, const std::string& display_name, const std::string& folder) {
  SweepReading reading;
  const int file = reading.files.add(display_name, text);
  loader::Document doc = loader::parse_yaml(reading.files, file, text, reading.diagnostics);
  reading = finish(std::move(doc), folder, std::move(reading));
  if (reading.spec) reading.spec->path = display_name;
  return reading;
}

SweepReading parse_sweep(const nlohmann::json& sweep, const std::string& folder) {
  SweepReading reading;
  // A value from memory has no text; its nodes are located in its JSON dump, line 1.
  const int file = reading.files.add("<sweep>", sweep.dump());
  loader::Document doc;
  doc.value = sweep;
  doc.origins.set("", {{file, 1, 1}, {file, 1, 1}});
  reading = finish(std::move(doc), folder, std::move(reading));
  if (reading.spec) reading.spec->path = "<memory>";
  return reading;
}

}  // namespace gcmsim::experiments
