#pragma once
// The scenario schema (scenarios/schema/scenario.schema.json, compiled into the binary so gcmsim
// runs from anywhere) and its check with valijson.
#include <string_view>

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
// offending node, saying what was found and what was expected.
void check_schema(const Document& doc, Diagnostics& diagnostics);

// The same check against another schema (a sweep file's, say), with the same messages. `schema`
// must outlive the process's use of it (a static): its compiled form is cached by address.
void check_schema(const Document& doc, const nlohmann::json& schema, Diagnostics& diagnostics);

}  // namespace gcmsim::loader
