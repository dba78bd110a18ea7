#pragma once
// A scenario's validation as JSON: what `gcmsim validate --json` prints, for tools (editors, CI,
// scenarios/tools/check_scenario.py) that want the loader's findings without parsing its text.
// The shape (docs/scenario-format.md, "Validation as JSON"):
//   {"file": "scenarios/x.yaml", "valid": false,
//    "errors":   [{"file": "scenarios/x.yaml", "line": 42, "column": 7, "rule": null,
//                  "message": "unknown key 'venu' ...; did you mean 'venue'?"}],
//    "warnings": [{"file": ..., "line": ..., "column": ..., "rule": "OP28", "message": ...}]}
// `rule` is a warning's name (OP14, OP27, OP28, OP30, infeasible-plan) and null for an error; a
// location the loader does not know (a file that cannot be opened) has line and column 0.
#include <string>

#include <nlohmann/json.hpp>

#include "models/loader/loader.hpp"

namespace gcmsim::output {

// `strict`: warnings count as errors for `valid` (validate --strict); they stay under "warnings".
nlohmann::json validation_report(const loader::LoadResult& result, const std::string& shown_file, bool strict);

}  // namespace gcmsim::output
