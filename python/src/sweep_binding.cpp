// Sweeps for Python: the experiments library's own reader, planner and executor (the ones `gcmsim
// sweep` calls), with the GIL released while the runs go. The tables are the files the engine
// writes in its results folder; python/gcmsim/ reads them with pandas.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "experiments/run_sweep.hpp"

namespace py = pybind11;

namespace gcmsim::python {
namespace {

namespace ex = experiments;

// A sweep's problems, located (file, line, column, message), and the compiler-style report.
struct SweepProblems {
  std::vector<std::tuple<std::string, int, int, std::string>> problems;
  std::string report;
};

// What a finished sweep call says: where its tables are and what it did.
struct SweepDone {
  std::string name;
  std::string hash;
  std::size_t points = 0;
  std::size_t replications = 0;
  std::size_t runs = 0;
  std::size_t already = 0;  // found in the folder's journal (a resumed sweep)
  std::size_t ran = 0;
  bool sensitivity = false;
  double seconds = 0.0;
};

// Either the problems of a sweep that cannot run, or what it did (exactly one is set).
struct SweepOutcome {
  std::optional<SweepProblems> problems;
  std::optional<SweepDone> done;
};

SweepOutcome problems_of(const ex::SweepReading& reading) {
  SweepProblems p;
  for (const loader::Diagnostic& d : reading.diagnostics.list()) {
    const std::string file = d.where.file >= 0 ? reading.files.path(d.where.file) : std::string();
    p.problems.emplace_back(file, d.where.line, d.where.column, d.message);
  }
  p.report = reading.error_report();
  return {std::move(p), std::nullopt};
}

SweepOutcome run(const ex::SweepReading& reading, const std::string& out, std::optional<int> replications,
                 unsigned threads) {
  if (!reading.ok()) return problems_of(reading);
  if (replications && *replications < 1) throw py::value_error("replications must be at least 1");
  ex::SweepOptions options;
  options.out = out;
  options.threads = threads;
  options.replications = replications;
  try {
    const ex::SweepOutcome r = ex::run_sweep(*reading.spec, options);
    return {std::nullopt, SweepDone{r.info.name, r.info.hash, r.info.design.size(), r.info.replications, r.info.runs(),
                                    r.already, r.ran, r.info.sobol, r.seconds}};
  } catch (const ex::SweepInvalid& e) {
    // An invalid point or design table, or a folder holding another sweep: the report names where.
    return {SweepProblems{{}, e.what()}, std::nullopt};
  }
}

}  // namespace

void bind_sweep(py::module_& m) {
  py::class_<SweepProblems>(m, "SweepProblems", "The problems of a sweep that cannot run.")
      .def_readonly("problems", &SweepProblems::problems)
      .def_readonly("report", &SweepProblems::report);
  py::class_<SweepDone>(m, "SweepDone", "What a sweep call did; its tables are in its results folder.")
      .def_readonly("name", &SweepDone::name)
      .def_readonly("hash", &SweepDone::hash)
      .def_readonly("points", &SweepDone::points)
      .def_readonly("replications", &SweepDone::replications)
      .def_readonly("runs", &SweepDone::runs)
      .def_readonly("already", &SweepDone::already)
      .def_readonly("ran", &SweepDone::ran)
      .def_readonly("sensitivity", &SweepDone::sensitivity)
      .def_readonly("seconds", &SweepDone::seconds);
  py::class_<SweepOutcome>(m, "SweepOutcome", "A sweep's problems, or what it did.")
      .def_readonly("problems", &SweepOutcome::problems)
      .def_readonly("done", &SweepOutcome::done);

  m.def("sweep_file", [](const std::string& path, const std::string& out, std::optional<int> replications,
                         unsigned threads) { return run(ex::read_sweep(path), out, replications, threads); },
        py::arg("path"), py::arg("out"), py::arg("replications"), py::arg("threads"),
        py::call_guard<py::gil_scoped_release>(),
        "Reads the sweep file PATH and runs it into the folder OUT (as `gcmsim sweep PATH -o OUT`).");
  m.def("sweep_text", [](const std::string& text, const std::string& name, const std::string& folder,
                         const std::string& out, std::optional<int> replications, unsigned threads) {
          return run(ex::read_sweep_text(text, name, folder), out, replications, threads);
        },
        py::arg("text"), py::arg("name"), py::arg("folder"), py::arg("out"), py::arg("replications"),
        py::arg("threads"), py::call_guard<py::gil_scoped_release>(),
        "The same for a sweep written as YAML text (shown as NAME in messages; paths relative to FOLDER).");
}

}  // namespace gcmsim::python
