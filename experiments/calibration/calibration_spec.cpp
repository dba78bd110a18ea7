#include "experiments/calibration/calibration_spec.hpp"

#include <filesystem>
#include <cmath>
#include <limits>
#include <set>

#include <fmt/core.h>

#include "experiments/calibration/fact_date.hpp"
#include <yaml-cpp/yaml.h>

#include "engine/bounded_file.hpp"
#include "engine/exact_number.hpp"

namespace gcmsim::calibration {
namespace {

// docs/limits.md: a calibration runs draws x replications simulations.
constexpr std::uint64_t kMaxReplications = 10000;
constexpr std::uint64_t kMaxDraws = 1000000;
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 20;

CalibrationSpec build_spec(const std::string& path, const YAML::Node& root);

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void error(const YAML::Node& at, const std::string& message) {
    const YAML::Mark m = at.Mark();
    errors_.push_back(fmt::format("{}:{}:{}: error: {}", file_, m.line + 1, m.column + 1, message));
  }
  void keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& where) {
    if (!map.IsMap()) return error(map, fmt::format("{}: expected a mapping", where));
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) {
        error(kv.first, fmt::format("a key in {} must be a name", where));
        continue;
      }
      const std::string key = kv.first.Scalar();
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(kv.first, fmt::format("unknown key '{}' in {}; expected one of: {}", key, where, list));
      }
    }
  }
  // A finite number (".nan", ".inf" and 1e400 are refused: a target or prior that is not a number
  // would make every distance NaN and accept nothing, silently).
  double number(const YAML::Node& map, const char* key, std::optional<double> fallback) {
    const YAML::Node n = map.IsMap() ? map[key] : YAML::Node();
    if (!n) {
      if (!fallback) error(map, fmt::format("missing '{}' (a number)", key));
      return fallback.value_or(0.0);
    }
    double x = 0.0;
    try {
      x = n.as<double>();
    } catch (const YAML::Exception&) {
      error(n, fmt::format("'{}' must be a number, found {}", key, shown(n)));
      return fallback.value_or(0.0);
    }
    if (!std::isfinite(x)) {
      error(n, fmt::format("'{}' must be a finite number, found {}", key, shown(n)));
      return fallback.value_or(0.0);
    }
    return x;
  }
  // A whole number from `low` to `high`, read at its exact width (engine/exact_number.hpp): -1,
  // 1e300 and 2.5 are errors, never a wrapped or truncated count or seed.
  std::uint64_t whole(const YAML::Node& map, const char* key, std::uint64_t fallback, std::uint64_t low, std::uint64_t high) {
    const YAML::Node n = map[key];
    if (!n) return fallback;
    const auto value = n.IsScalar() ? parse_whole_number<std::uint64_t>(n.Scalar()) : std::nullopt;
    if (!value || *value < low || *value > high) {
      error(n, fmt::format("'{}' must be a whole number from {} to {}, found {}", key, low, high, shown(n)));
      return fallback;
    }
    return *value;
  }
  // A node as a message may quote it: a scalar's text (cut short), else its kind.
  static std::string shown(const YAML::Node& n) {
    if (!n.IsScalar()) return n.IsMap() ? "a mapping" : n.IsSequence() ? "a list" : "nothing";
    const std::string& text = n.Scalar();
    return fmt::format("'{}'", text.size() > 60 ? text.substr(0, 60) + "..." : text);
  }
  std::string text(const YAML::Node& map, const char* key, bool required) {
    const YAML::Node n = map.IsMap() ? map[key] : YAML::Node();
    if (!n || !n.IsScalar()) {
      if (required) error(map, fmt::format("missing '{}' (text)", key));
      return {};
    }
    return n.as<std::string>();
  }
  // An optional "YYYY-MM-DD" under `key`.
  std::optional<std::chrono::sys_days> date(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n) return std::nullopt;
    const std::string found = n.IsScalar() ? n.Scalar() : std::string("a non-scalar");
    auto day = n.IsScalar() ? parse_fact_date(found) : std::nullopt;
    if (!day) error(n, fmt::format("'{}' must be a date YYYY-MM-DD, found '{}'", key, found));
    return day;
  }
  std::vector<std::string> errors_;

 private:
  std::string file_;
};

}  // namespace

CalibrationSpec read_calibration_spec(const std::string& path) {
  // engine/bounded_file.hpp: a regular file of at most kMaxFileBytes, checked before it is parsed.
  const BoundedRead read = read_bounded_file(path, kMaxFileBytes, "a calibration file (YAML)");
  if (!read.ok()) throw SpecError{{fmt::format("{}: error: {}", path, read.error)}};
  return parse_calibration_spec(read.content, path);
}

CalibrationSpec parse_calibration_spec(const std::string& text, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw SpecError{{fmt::format("{}:{}:{}: error: this is not valid YAML: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg)}};
  }
  try {
    return build_spec(path, root);
  } catch (const YAML::Exception& e) {
    // A shape the checks above did not foresee: still a located error of the file, exit 2.
    throw SpecError{{fmt::format("{}:{}:{}: error: unexpected shape: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg)}};
  }
}

namespace {

CalibrationSpec build_spec(const std::string& path, const YAML::Node& root) {
  CalibrationSpec spec;
  spec.file = path;
  Reader r(path);
  r.keys(root, {"scenario", "overrides", "replications", "draws", "accept", "seed", "parameters", "targets", "description",
                 "cutoff"},
         "the calibration file");
  if (!r.errors_.empty()) throw SpecError{r.errors_};
  const auto folder = std::filesystem::path(path).parent_path();
  spec.scenario = (folder / r.text(root, "scenario", true)).lexically_normal().string();
  if (const YAML::Node o = root["overrides"]) {
    if (!o.IsSequence()) r.error(o, "'overrides' must list override files, e.g. [../what-if/overrides.yaml]");
    for (std::size_t i = 0; o.IsSequence() && i < o.size(); ++i) {
      if (!o[i].IsScalar()) {
        r.error(o[i], "an override must be a file name");
        continue;
      }
      spec.overrides.push_back((folder / o[i].Scalar()).lexically_normal().string());
    }
  }
  spec.replications = static_cast<int>(r.whole(root, "replications", 2, 1, kMaxReplications));
  spec.cutoff = r.date(root, "cutoff");
  spec.abc.draws = static_cast<int>(r.whole(root, "draws", 100, 1, kMaxDraws));
  spec.abc.accept_share = r.number(root, "accept", 0.1);
  spec.abc.seed = r.whole(root, "seed", 1, 0, std::numeric_limits<std::uint64_t>::max());
  if (!(spec.abc.accept_share > 0.0 && spec.abc.accept_share <= 1.0)) r.error(root["accept"], "accept must be in (0, 1]");

  const YAML::Node params = root["parameters"];
  if (!params || !params.IsMap() || params.size() == 0) {
    r.error(params ? params : root, "'parameters' must map --set keys to priors, e.g. "
                                    "negotiation.parameters.deadline_decay: {prior: uniform, min: 0.1, max: 0.6}");
  } else {
    for (const auto& kv : params) {
      Prior p;
      if (!kv.first.IsScalar()) {
        r.error(kv.first, "a parameter must be named by its --set key");
        continue;
      }
      p.name = kv.first.Scalar();
      const YAML::Node& d = kv.second;
      r.keys(d, {"prior", "min", "max", "mean", "sd"}, fmt::format("the prior of '{}'", p.name));
      const std::string kind = d.IsMap() ? r.text(d, "prior", false) : std::string();
      if (kind == "normal") {
        p.kind = Prior::Kind::normal;
        p.a = r.number(d, "mean", std::nullopt);
        p.b = r.number(d, "sd", std::nullopt);
        if (!(p.b > 0.0)) r.error(d, fmt::format("the prior of '{}': sd must be above 0", p.name));
      } else {
        if (!kind.empty() && kind != "uniform") r.error(d["prior"], fmt::format("unknown prior '{}'; expected uniform or normal", kind));
        p.a = r.number(d, "min", std::nullopt);
        p.b = r.number(d, "max", std::nullopt);
        if (!(p.a < p.b)) r.error(d, fmt::format("the prior of '{}': min {} must be below max {}", p.name, p.a, p.b));
      }
      spec.parameters.push_back(p);
    }
  }
  if (!r.errors_.empty()) throw SpecError{r.errors_};
  const YAML::Node targets = root["targets"];
  if (!targets || !targets.IsSequence() || targets.size() == 0) {
    r.error(targets ? targets : root, "'targets' must list observed facts, e.g. {metric: agreed_round, observed: 6}");
  } else {
    for (const auto& t : targets) {
      r.keys(t, {"metric", "observed", "scale", "missing", "source", "date"}, "a target");
      if (!t.IsMap()) continue;
      Target target;
      target.metric = r.text(t, "metric", true);
      target.observed = r.number(t, "observed", std::nullopt);
      target.scale = r.number(t, "scale", 1.0);
      target.missing = r.number(t, "missing", 3.0);
      target.source = r.text(t, "source", false);
      target.date = r.date(t, "date");
      if (!(target.scale > 0.0)) r.error(t, "scale must be above 0");
      if (root["cutoff"] && !t["date"]) {
        r.error(t, fmt::format("target '{}' has no 'date': under a cutoff every target says when its fact was established",
                               target.metric));
      } else if (spec.cutoff && target.date && *target.date > *spec.cutoff) {
        const YAML::Mark c = root["cutoff"].Mark();
        r.error(t["date"], fmt::format("target '{}' is dated {}, after the cutoff {} this file declares (line {}): a fact "
                                       "after the cutoff belongs to the hold-out (scenarios/history/holdout.yaml, read "
                                       "by gcmsim backtest), not to the calibration",
                                       target.metric, format_fact_date(*target.date), format_fact_date(*spec.cutoff),
                                       c.line + 1));
      }
      spec.targets.push_back(target);
    }
  }
  if (!r.errors_.empty()) throw SpecError{r.errors_};
  return spec;
}

}  // namespace

}  // namespace gcmsim::calibration
