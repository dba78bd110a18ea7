#include "experiments/backtest/holdout.hpp"

#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include "experiments/calibration/fact_date.hpp"

namespace gcmsim::backtest {
namespace {

using calibration::format_fact_date;
using calibration::parse_fact_date;

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::string where(const YAML::Node& at) const {
    const YAML::Mark m = at.Mark();
    return fmt::format("{}:{}:{}", file_, m.line + 1, m.column + 1);
  }
  void error(const YAML::Node& at, const std::string& message) { errors.push_back(fmt::format("{}: error: {}", where(at), message)); }
  void keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& what) {
    if (!map.IsMap()) return error(map, fmt::format("{}: expected a mapping", what));
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (allowed.count(key)) continue;
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      error(kv.first, fmt::format("unknown key '{}' in {}; expected one of: {}", key, what, list));
    }
  }
  std::string text(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (n && n.IsScalar()) return n.Scalar();
    error(n ? n : map, fmt::format("missing '{}' (text)", key));
    return {};
  }
  int integer(const YAML::Node& map, const char* key, std::optional<int> fallback) {
    const YAML::Node n = map[key];
    if (!n) {
      if (!fallback) error(map, fmt::format("missing '{}' (a whole number)", key));
      return fallback.value_or(0);
    }
    try {
      return n.as<int>();
    } catch (const YAML::Exception&) {
      error(n, fmt::format("'{}' must be a whole number, found '{}'", key, n.IsScalar() ? n.Scalar() : "a non-scalar"));
      return 0;
    }
  }
  std::chrono::sys_days date(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n) {
      error(map, fmt::format("missing '{}' (a date YYYY-MM-DD)", key));
      return {};
    }
    const std::string found = n.IsScalar() ? n.Scalar() : "a non-scalar";
    const auto d = n.IsScalar() ? parse_fact_date(found) : std::nullopt;
    if (!d) error(n, fmt::format("'{}' must be a date YYYY-MM-DD, found '{}'", key, found));
    return d.value_or(std::chrono::sys_days{});
  }
  // A fact of the hold-out is dated after the cutoff.
  void after_cutoff(const YAML::Node& map, const char* key, std::chrono::sys_days day, std::chrono::sys_days cutoff,
                    const std::string& what) {
    if (!map[key] || day > cutoff || day == std::chrono::sys_days{}) return;
    error(map[key], fmt::format("{} is dated {}, on or before the cutoff {}: a fact known by the cutoff is a calibration "
                                "target (scenarios/history/targets.yaml), not a hold-out fact",
                                what, format_fact_date(day), format_fact_date(cutoff)));
  }
  NamedState state(const YAML::Node& n) {
    const std::string code = n.IsScalar() ? n.Scalar() : std::string();
    bool ok = code.size() == 3;
    for (char c : code) ok = ok && std::isupper(static_cast<unsigned char>(c));
    if (!ok) error(n, fmt::format("expected a member state's ISO3 code (three capital letters), found '{}'", n.IsScalar() ? code : "a non-scalar"));
    return {code, where(n)};
  }
  std::vector<NamedState> states(const YAML::Node& map, const char* key) {
    std::vector<NamedState> out;
    const YAML::Node n = map[key];
    if (!n || !n.IsSequence()) {
      error(n ? n : map, fmt::format("'{}' must list ISO3 codes, e.g. [CZE, HUN]", key));
      return out;
    }
    for (const auto& item : n) out.push_back(state(item));
    return out;
  }
  std::vector<std::string> errors;

 private:
  std::string file_;
};

}  // namespace

HoldOut read_holdout(const std::string& path) {
  HoldOut h;
  h.file = path;
  Reader r(path);
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw HoldOutError{{fmt::format("{}: error: cannot read the hold-out file", path)}};
  } catch (const YAML::ParserException& e) {
    throw HoldOutError{{fmt::format("{}:{}:{}: error: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg)}};
  }
  r.keys(root, {"description", "cutoff", "scenario", "overrides", "replications", "conference_adopt", "ga_vote", "departures"},
         "the hold-out file");
  if (!r.errors.empty()) throw HoldOutError{r.errors};
  const auto folder = std::filesystem::path(path).parent_path();
  h.scenario = (folder / r.text(root, "scenario")).lexically_normal().string();
  if (const YAML::Node o = root["overrides"]) {
    if (!o.IsSequence()) r.error(o, "'overrides' must list override files");
    else
      for (const auto& item : o) h.overrides.push_back((folder / item.as<std::string>()).lexically_normal().string());
  }
  h.replications = r.integer(root, "replications", 30);
  if (h.replications < 1) r.error(root["replications"], "replications must be at least 1");
  h.cutoff = r.date(root, "cutoff");

  const YAML::Node conf = root["conference_adopt"];
  if (!conf) r.error(root, "missing 'conference_adopt' ({date, observed, source})");
  else {
    r.keys(conf, {"date", "observed", "source"}, "conference_adopt");
    h.conference_date = r.date(conf, "date");
    h.conference_adopt = r.integer(conf, "observed", std::nullopt);
    h.conference_source = r.text(conf, "source");
    r.after_cutoff(conf, "date", h.conference_date, h.cutoff, "the conference count");
  }

  const YAML::Node ga = root["ga_vote"];
  if (!ga) r.error(root, "missing 'ga_vote' ({date, document, source, yes_count, no, abstain, absent})");
  else {
    r.keys(ga, {"date", "document", "source", "yes_count", "no", "abstain", "absent"}, "ga_vote");
    h.ga.date = r.date(ga, "date");
    h.ga.document = r.text(ga, "document");
    h.ga.source = r.text(ga, "source");
    h.ga.yes_count = r.integer(ga, "yes_count", std::nullopt);
    h.ga.no = r.states(ga, "no");
    h.ga.abstain = r.states(ga, "abstain");
    h.ga.absent = r.states(ga, "absent");
    r.after_cutoff(ga, "date", h.ga.date, h.cutoff, "the General Assembly's vote");
    std::map<std::string, std::string> seen;
    for (const auto* list : {&h.ga.no, &h.ga.abstain, &h.ga.absent}) {
      for (const NamedState& s : *list) {
        if (s.iso3.empty()) continue;
        const auto [at, fresh] = seen.emplace(s.iso3, s.where);
        if (!fresh) r.errors.push_back(fmt::format("{}: error: {} is listed twice in the vote (first at {})", s.where, s.iso3, at->second));
      }
    }
  }

  const YAML::Node deps = root["departures"];
  if (!deps || !deps.IsSequence()) r.error(deps ? deps : root, "'departures' must list {state, date, source}");
  else {
    std::map<std::string, std::string> seen;
    for (const auto& d : deps) {
      r.keys(d, {"state", "date", "source"}, "a departure");
      if (!d.IsMap()) continue;
      Departure dep{d["state"] ? r.state(d["state"]) : NamedState{}, r.date(d, "date"), r.text(d, "source")};
      if (!d["state"]) r.error(d, "missing 'state' (an ISO3 code)");
      r.after_cutoff(d, "date", dep.date, h.cutoff, fmt::format("the departure of {}", dep.state.iso3));
      if (!dep.state.iso3.empty()) {
        const auto [at, fresh] = seen.emplace(dep.state.iso3, dep.state.where);
        if (!fresh) r.errors.push_back(fmt::format("{}: error: {} departs twice (first at {})", dep.state.where, dep.state.iso3, at->second));
      }
      h.departures.push_back(std::move(dep));
    }
  }
  if (!r.errors.empty()) throw HoldOutError{r.errors};
  return h;
}

}  // namespace gcmsim::backtest
