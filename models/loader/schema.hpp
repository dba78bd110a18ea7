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

// Validates `doc` against the schema; each violation becomes one diagnostic located at the
// offending node, saying what was found and what was expected.
void check_schema(const Document& doc, Diagnostics& diagnostics);

// The same check against another schema (a sweep file's, say), with the same messages. `schema`
// must outlive the process's use of it (a static): its compiled form is cached by address.
void check_schema(const Document& doc, const nlohmann::json& schema, Diagnostics& diagnostics);

}  // namespace gcmsim::loader
