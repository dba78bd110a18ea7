// Sweeps for Python: the experiments library's own reader, planner and executor (the ones `gcmsim
// sweep` calls), with the GIL released while the runs go. The tables are the files the engine
// writes in its results folder; python/gcmsim/ reads them with pandas.
#include <atomic>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "experiments/discover.hpp"
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
  bool stopped = false;     // stopped by StopToken.stop(): the journal holds what ran, no tables
  bool morris = false;      // morris.csv written
  std::vector<std::string> warnings;  // e.g. sensitivity indices that have not converged
};

// Set from Python (Ctrl-C) while a sweep runs on another thread: the sweep stops (SweepOptions::stop).
struct StopToken {
  std::atomic<bool> stop{false};
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
                 unsigned threads, const StopToken* token) {
  if (!reading.ok()) return problems_of(reading);
  if (replications && *replications < 1) throw py::value_error("replications must be at least 1");
  ex::SweepOptions options;
  options.out = out;
  options.threads = threads;
  options.replications = replications;
  options.stop = token != nullptr ? &token->stop : nullptr;
  try {
    const ex::SweepOutcome r = ex::run_sweep(*reading.spec, options);
    return {std::nullopt, SweepDone{r.info.name, r.info.hash, r.info.design.size(), r.info.replications, r.info.runs(),
                                    r.already, r.ran, r.info.sobol, r.seconds, r.stopped, r.info.morris, r.warnings}};
  } catch (const ex::SweepInvalid& e) {
    // An invalid point or design table, or a folder holding another sweep: the report names where.
    return {SweepProblems{{}, e.what()}, std::nullopt};
  }
}

// PRIM on a results folder, as plain Python values: the trajectory as columns, the box as rows.
py::dict discover(const std::string& dir, const std::string& where, double alpha, double min_support, double coverage) {
  ex::Discovery d;
  try {
    d = ex::discover(dir, where, {alpha, min_support, coverage});
  } catch (const ex::ConditionInvalid& e) {
    throw py::value_error(fmt::format("--where:1:{}: {}", e.column, e.what()));
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  }
  const ex::PrimResult& r = d.result;
  py::dict out;
  py::list coverage_list, density, support, restricted;
  for (const ex::PrimBox& b : r.trajectory) {
    coverage_list.append(b.coverage);
    density.append(b.density);
    support.append(b.support);
    restricted.append(b.restricted());
  }
  out["trajectory"] = py::dict(py::arg("coverage") = coverage_list, py::arg("density") = density, py::arg("support") = support,
                               py::arg("restricted") = restricted);
  py::list box;
  for (std::size_t i = 0; i < d.parameters.size(); ++i) {
    const ex::PrimLimit& l = r.box.limits[i];
    const ex::PrimLimit& all = r.trajectory.front().limits[i];
    box.append(py::dict(py::arg("parameter") = d.parameters[i], py::arg("min") = all.low, py::arg("max") = all.high,
                        py::arg("low") = l.low, py::arg("high") = l.high,
                        py::arg("restricted_low") = l.restricted_low, py::arg("restricted_high") = l.restricted_high,
                        py::arg("qp_low") = l.restricted_low ? py::object(py::float_(l.qp_low)) : py::object(py::none()),
                        py::arg("qp_high") = l.restricted_high ? py::object(py::float_(l.qp_high)) : py::object(py::none())));
  }
  out["box"] = box;
  out["chosen"] = r.chosen;
  out["coverage"] = r.box.coverage;
  out["density"] = r.box.density;
  out["runs_in_box"] = r.box.runs;
  out["cases_in_box"] = r.box.cases;
  out["runs"] = r.runs;
  out["cases"] = r.cases;
  out["skipped"] = d.skipped;
  return out;
}

}  // namespace

void bind_sweep(py::module_& m) {
  m.def("discover", &discover, py::arg("dir"), py::arg("where"), py::arg("alpha"), py::arg("min_support"), py::arg("coverage"),
        "PRIM scenario discovery on a results folder (as `gcmsim discover DIR --where ...`).");
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
      .def_readonly("seconds", &SweepDone::seconds)
      .def_readonly("stopped", &SweepDone::stopped)
      .def_readonly("morris", &SweepDone::morris)
      .def_readonly("warnings", &SweepDone::warnings);
  py::class_<StopToken>(m, "StopToken", "Stops a sweep running on another thread (runs in flight finish and are journaled).")
      .def(py::init<>())
      .def("stop", [](StopToken& t) { t.stop = true; });
  py::class_<SweepOutcome>(m, "SweepOutcome", "A sweep's problems, or what it did.")
      .def_readonly("problems", &SweepOutcome::problems)
      .def_readonly("done", &SweepOutcome::done);

  m.def("sweep_file", [](const std::string& path, const std::string& out, std::optional<int> replications,
                         unsigned threads, const StopToken* token) { return run(ex::read_sweep(path), out, replications, threads, token); },
        py::arg("path"), py::arg("out"), py::arg("replications"), py::arg("threads"), py::arg("stop") = nullptr,
        py::call_guard<py::gil_scoped_release>(),
        "Reads the sweep file PATH and runs it into the folder OUT (as `gcmsim sweep PATH -o OUT`).");
  m.def("sweep_text", [](const std::string& text, const std::string& name, const std::string& folder,
                         const std::string& out, std::optional<int> replications, unsigned threads, const StopToken* token) {
          return run(ex::read_sweep_text(text, name, folder), out, replications, threads, token);
        },
        py::arg("text"), py::arg("name"), py::arg("folder"), py::arg("out"), py::arg("replications"),
        py::arg("threads"), py::arg("stop") = nullptr, py::call_guard<py::gil_scoped_release>(),
        "The same for a sweep written as YAML text (shown as NAME in messages; paths relative to FOLDER).");
}

}  // namespace gcmsim::python
