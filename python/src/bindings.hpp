#pragma once
// The pieces of _gcmsim, each registered on the module by its own file.
#include <pybind11/pybind11.h>

namespace gcmsim::python {

// Prepared scenarios, running them and formatting their results (scenario_binding.cpp).
void bind_scenario(pybind11::module_& m);

// Sweeps: the experiments library's reader, planner and executor (sweep_binding.cpp).
void bind_sweep(pybind11::module_& m);

}  // namespace gcmsim::python
