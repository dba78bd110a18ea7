// Compiled by the layering test with the model's include roots (models, engine): must NOT compile.
#include "output/csv.hpp"

int models_includes_output_probe() { return 0; }
