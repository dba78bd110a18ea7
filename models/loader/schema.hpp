#pragma once
// The scenario schema (scenarios/schema/scenario.schema.json, compiled into the binary so gcmsim
// runs from anywhere) and its check with valijson.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/loader/document.hpp"

namespace gcmsim::loader {

// The schema's text as shipped in scenarios/schema/.
std::string_view scenario_schema_text();
const nlohmann::json& scenario_schema();

// Checks the sizes the schema's validator cannot afford to meet unchecked (it compares list items
// pairwise for uniqueItems and runs std::regex, which recurses per character, on patterns): lists
// longer than their maxItems, and names and texts longer than their maxLength or than a name can
// be. Returns false, with a located diagnostic for each, when the document must not be checked
// further.
bool check_limits(const Document& doc, Diagnostics& diagnostics);

// Validates `doc` against the schema; each violation becomes one diagnostic located at the
// offending node, saying what was found and what was expected. Returns the JSON pointers of the
// single values (numbers, texts, booleans) it refused: out of range, of the wrong type, not
// matching a pattern or an enum. A later check must not report them again (without_refused).
std::vector<std::string> check_schema(const Document& doc, Diagnostics& diagnostics);

// The same check against another schema (a sweep file's, say), with the same messages. `schema`
// must outlive the process's use of it (a static): its compiled form is cached by address.
std::vector<std::string> check_schema(const Document& doc, const nlohmann::json& schema, Diagnostics& diagnostics);

// `doc` without the values at `refused` (a mapping's key removed, a list's item made null, so that
// the other items keep their positions and origins): what the scenario's own checks read after the
// schema, so that a value the schema refused is reported once, by the schema, and not again by a
// check that uses it (days of 99999 summed with the others, a min above its max...).
Document without_refused(const Document& doc, const std::vector<std::string>& refused);

}  // namespace gcmsim::loader
