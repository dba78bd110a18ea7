// Compiled by the layering test with only the engine's include root: must compile (the control
// that shows the probes below fail for the reason they are meant to, not a broken setup).
#include "engine/sim_time.hpp"

int engine_layer_probe() { return 0; }
