#pragma once
// What every section builder shares: the merged document with its source map, the diagnostics,
// the values the schema refused, and the Scenario being built. The helpers read a node defensively
// (nothing for a node of the wrong type: the schema has already reported it, located) and report a
// problem at the JSON pointer of the value that caused it.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/calendar.hpp"
#include "models/loader/diagnostics.hpp"
#include "models/loader/document.hpp"
#include "models/loader/source_map.hpp"
#include "models/scenario.hpp"

namespace gcmsim::loader::sections {

using nlohmann::json;

// The process took two years; a scenario may plan ten times that, not millennia. Every date lies
// within the horizon after the epoch, and all durations and lead times together fit in it, so no
// planned date can leave the calendar's range and no walk over working days is long.
inline constexpr int kHorizonYears = 20;
inline constexpr std::int64_t kHorizonWorkingDays = kHorizonYears * 261;

// --- reading a node: each returns nothing for a node of the wrong type --------------------------
const json* child(const json& node, std::string_view key);
std::string text(const json& node, std::string_view key);
std::optional<bool> flag(const json& node, std::string_view key);
std::vector<double> numbers(const json& node, std::string_view key);  // the numbers of a list

// A number read into T only when T holds it exactly: an integer field takes only an integer in T's
// range (4294967298 is not 2, 1e300 is not undefined behaviour). Anything else is nothing here; the
// schema's range on every number has already reported it, located.
template <class T>
std::optional<T> number(const json& node, std::string_view key) {
  const json* c = child(node, key);
  if (c == nullptr) return std::nullopt;
  if constexpr (std::is_integral_v<T>) {
    if (c->is_number_unsigned()) {
      const auto v = c->get<std::uint64_t>();
      return std::in_range<T>(v) ? std::optional<T>(static_cast<T>(v)) : std::nullopt;
    }
    if (c->is_number_integer()) {
      const auto v = c->get<std::int64_t>();
      return std::in_range<T>(v) ? std::optional<T>(static_cast<T>(v)) : std::nullopt;
    }
    return std::nullopt;
  } else {
    if (!c->is_number()) return std::nullopt;
    return c->get<T>();
  }
}

// An enum through the scenario language's table of its names (models/scenario.hpp). The schema
// lists the same names (tests/models/loader/enum_tables_test.cpp keeps them equal), so an unknown
// value is reported there with its line and column, never defaulted.
template <class E, std::size_t N>
std::optional<E> enum_from(const std::string& s, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

class BuildContext {
 public:
  BuildContext(const Document& doc, Diagnostics& diagnostics, const std::vector<std::string>& refused)
      : doc_(doc), diag_(diagnostics), refused_(refused) {}

  // What the sections build, in the order scenario_builder.cpp calls them; value-initialised, so no
  // date is left undefined before the calendar section reads it.
  model::Scenario scenario{};
  const Document& document() const { return doc_; }
  Diagnostics& diagnostics() { return diag_; }

  // --- reporting ---------------------------------------------------------------------------------
  Location at(const std::string& pointer) const { return doc_.origins.find(pointer).value; }
  void error(const std::string& pointer, std::string message, int width = 1);
  // An error at the key of a mapping entry (an unknown id used as a key), not at its value.
  void key_error(const std::string& pointer, std::string message, int width = 1);
  // Whether the schema refused a value at or under `scope`. A check that relates values (a min to
  // its max, weights to their sum, a count to the dimensions) is skipped then: the refused value
  // was left out, and the relation would be judged on a default instead; the schema's message
  // about it is the one to act on. Checks of a value on its own are not affected.
  bool refused_under(const std::string& scope) const;
  // "; did you mean 'x'?" while the errors are few enough to afford an edit distance each.
  std::string hint(std::string_view word, const std::vector<std::string>& candidates) const;
  // Reports `key` when an earlier item of `list` (at index seen[key]) has it already.
  void duplicate(std::map<std::string, std::size_t>& seen, const std::string& key, std::size_t i,
                 const std::string& pointer, std::string_view what, const std::string& list);
  // Whether the values at two pointers were written in the same file (an override changing one of
  // them does not contradict the other).
  bool same_file(const std::string& a, const std::string& b) const;

  // --- dates -------------------------------------------------------------------------------------
  // A date field; impossible dates (2017-02-30) and dates past the horizon are reported here,
  // where the text is known.
  std::optional<model::Date> date(const json& node, std::string_view key, const std::string& pointer);
  std::optional<model::Date> parse_date(const std::string& value, const std::string& pointer);
  // Called by the calendar section: dates read after it are checked against the horizon.
  void set_epoch(model::Date epoch);
  // The scenario's calendar so far, or a plain one when its venues' hours are unusable (reported).
  Calendar calendar_for_checks() const;

  // --- what earlier sections built ---------------------------------------------------------------
  std::vector<std::string> state_codes() const;
  std::vector<std::string> venue_ids() const;
  std::vector<std::string> activity_ids() const;
  // Whether `iso3` is a member state of the scenario (an empty code is the schema's to report);
  // reports it as `role` otherwise.
  bool known_state(const std::string& iso3, const std::string& pointer, std::string_view role);

 private:
  std::chrono::sys_days horizon_end() const;  // the last day of the horizon, once the epoch is read

  const Document& doc_;
  Diagnostics& diag_;
  const std::vector<std::string>& refused_;
  bool epoch_read_ = false;
};

}  // namespace gcmsim::loader::sections
