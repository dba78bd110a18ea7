// _gcmsim: the compiled half of the gcmsim Python package. The Python half (python/gcmsim/) turns
// what this returns (CSV and JSON text from output/'s own formatters) into DataFrames and dicts.
#include <pybind11/pybind11.h>

#include "models/run/simulate.hpp"
#include "bindings.hpp"

PYBIND11_MODULE(_gcmsim, m) {
  m.doc() = "gcmsim's run facade and output formatters (use the gcmsim package, not this module)";
  m.attr("__version__") = gcmsim::sim::version();
  m.attr("SOURCE_DATADIR") = GCMSIM_SOURCE_DATADIR;
  m.attr("INSTALL_DATADIR") = GCMSIM_INSTALL_DATADIR;
  gcmsim::python::bind_scenario(m);
  gcmsim::python::bind_sweep(m);
}
