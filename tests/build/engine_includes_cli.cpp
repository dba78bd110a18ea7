// Compiled by the layering test with only the engine's include root: must NOT compile.
#include "cli/commands.hpp"

int engine_includes_cli_probe() { return 0; }
