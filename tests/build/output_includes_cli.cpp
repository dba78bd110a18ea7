// Compiled by the layering test with output's include roots: must NOT compile.
#include "cli/scenario_options.hpp"

int output_includes_cli_probe() { return 0; }
