#include "models/loader/sections/context.hpp"

#include <chrono>
#include <stdexcept>

#include <fmt/core.h>

namespace gcmsim::loader::sections {
namespace {

// Suggestions ("did you mean") cost an edit distance per candidate; past this many errors a
// hostile file gets its errors without them.
constexpr std::size_t kMaxErrorsWithHints = 100;

// Where a calendar without a usable epoch starts, so that checks of working days still run.
constexpr model::Date kFallbackEpoch{std::chrono::year{2017}, std::chrono::month{1}, std::chrono::day{1}};

}  // namespace

const json* child(const json& node, std::string_view key) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

std::string text(const json& node, std::string_view key) {
  const json* c = child(node, key);
  return c != nullptr && c->is_string() ? c->get<std::string>() : std::string{};
}

std::optional<bool> flag(const json& node, std::string_view key) {
  const json* c = child(node, key);
  if (c == nullptr || !c->is_boolean()) return std::nullopt;
  return c->get<bool>();
}

std::vector<double> numbers(const json& node, std::string_view key) {
  std::vector<double> out;
  const json* c = child(node, key);
  if (c == nullptr || !c->is_array()) return out;
  for (const json& v : *c) {
    if (v.is_number()) out.push_back(v.get<double>());
  }
  return out;
}

void BuildContext::error(const std::string& pointer, std::string message, int width) {
  diag_.error(at(pointer), std::move(message), width);
}

void BuildContext::key_error(const std::string& pointer, std::string message, int width) {
  diag_.error(doc_.origins.find(pointer).key, std::move(message), width);
}

bool BuildContext::refused_under(const std::string& scope) const {
  return std::any_of(refused_.begin(), refused_.end(),
                     [&](const std::string& r) { return r == scope || r.rfind(scope + "/", 0) == 0; });
}

std::string BuildContext::hint(std::string_view word, const std::vector<std::string>& candidates) const {
  return diag_.size() < kMaxErrorsWithHints ? did_you_mean(word, candidates) : std::string{};
}

void BuildContext::duplicate(std::map<std::string, std::size_t>& seen, const std::string& key, std::size_t i,
                             const std::string& pointer, std::string_view what, const std::string& list) {
  if (key.empty()) return;
  auto [it, fresh] = seen.emplace(key, i);
  if (!fresh) {
    error(pointer, fmt::format("duplicate {} '{}'; it was first given at line {}", what, key,
                               at(pointer_append(list, it->second)).line),
          static_cast<int>(key.size()));
  }
}

bool BuildContext::same_file(const std::string& a, const std::string& b) const {
  return doc_.value.contains(json::json_pointer(a)) && at(a).file == at(b).file;
}

std::optional<model::Date> BuildContext::date(const json& node, std::string_view key, const std::string& pointer) {
  const json* c = child(node, key);
  if (c == nullptr || !c->is_string()) return std::nullopt;
  return parse_date(c->get<std::string>(), pointer_append(pointer, key));
}

std::optional<model::Date> BuildContext::parse_date(const std::string& value, const std::string& pointer) {
  model::Date d;
  try {
    d = parse_iso_date(value);
  } catch (const std::invalid_argument& e) {
    error(pointer, e.what(), static_cast<int>(value.size()));
    return std::nullopt;
  }
  if (epoch_read_ && std::chrono::sys_days(d) > horizon_end()) {
    error(pointer, fmt::format("{} is more than {} years after the epoch {}; expected a date within the scenario's horizon",
                               value, kHorizonYears, iso_date(scenario.epoch)),
          static_cast<int>(value.size()));
    return std::nullopt;
  }
  return d;
}

std::chrono::sys_days BuildContext::horizon_end() const {
  const model::Date epoch = scenario.epoch;
  return std::chrono::sys_days((epoch.year() + std::chrono::years{kHorizonYears}) / epoch.month() / std::chrono::last);
}

void BuildContext::set_epoch(model::Date epoch) {
  scenario.epoch = epoch;
  epoch_read_ = true;
}

Calendar BuildContext::calendar_for_checks() const {
  try {
    return scenario.make_calendar();
  } catch (const std::exception&) {
    return Calendar(kFallbackEpoch);
  }
}

std::vector<std::string> BuildContext::state_codes() const {
  std::vector<std::string> codes;
  for (const auto& m : scenario.member_states) codes.push_back(m.iso3);
  return codes;
}

std::vector<std::string> BuildContext::venue_ids() const {
  std::vector<std::string> ids;
  for (const auto& v : scenario.venues) ids.push_back(v.id);
  return ids;
}

std::vector<std::string> BuildContext::activity_ids() const {
  std::vector<std::string> ids;
  for (const auto& a : scenario.activities) ids.push_back(a.id);
  return ids;
}

bool BuildContext::known_state(const std::string& iso3, const std::string& pointer, std::string_view role) {
  if (iso3.empty() || scenario.find_state(iso3)) return true;
  error(pointer, fmt::format("{} '{}' is not a member state in this scenario{}", role, iso3, hint(iso3, state_codes())), 3);
  return false;
}

}  // namespace gcmsim::loader::sections
