// Prepared scenarios for Python: prepare/with (diagnostics as data, never a crash), run (the GIL
// released, replications on threads, a narration callback) and the run's tables as the exact text
// the CLI writes: the same output/ functions format both, so Python and the CLI cannot disagree.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "events.hpp"
#include "engine/in_order.hpp"
#include "engine/parallel.hpp"
#include "models/run/simulate.hpp"
#include "output/csv.hpp"
#include "output/decision_log.hpp"
#include "output/negotiation_outputs.hpp"
#include "output/participation_csv.hpp"
#include "output/replications.hpp"
#include "output/run_writer.hpp"
#include "output/states_csv.hpp"
#include "output/timeline_csv.hpp"
#include "output/trust_fund_csv.hpp"

namespace py = pybind11;

namespace gcmsim::python {
namespace {

// A prepared scenario, shared read-only by every Python thread that runs it.
struct Prepared {
  std::shared_ptr<const sim::PreparedScenario> scenario;
};

// One diagnostic, located: what scenario.validate() raises with.
struct Problem {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

// The outcome of preparing: a scenario or its problems (and the compiler-style report of them).
struct Preparation {
  std::optional<Prepared> scenario;
  std::vector<Problem> problems;
  std::string report;
};

Preparation from(const sim::Preparation& prepared) {
  Preparation out;
  if (prepared.ok()) {
    out.scenario = Prepared{prepared.scenario};
    return out;
  }
  for (const loader::Diagnostic& d : prepared.diagnostics.list()) {
    const std::string file = d.where.file >= 0 ? prepared.files.path(d.where.file) : std::string();
    out.problems.push_back({file, d.where.line, d.where.column, d.message});
  }
  out.report = prepared.error_report();
  return out;
}

// One replication's outputs, formatted by output/ exactly as `gcmsim run` writes them.
struct RunText {
  std::uint64_t replication = 0;
  std::map<std::string, std::string> tables;  // "timeline" -> timeline.csv's text; only those the run writes
  std::string outcome;                        // JSON; empty without a negotiation
  std::string manifest;                       // JSON
  std::vector<std::optional<double>> metrics; // in the order of the metric catalogue
};

struct Batch {
  std::vector<RunText> runs;  // in replication order
  std::string summary;        // summary.csv over every replication
};

std::string json_text(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

// Which tables a run keeps: every one (nullopt), or only those named (memory flat in the number of
// replications when none is kept: metrics, outcome and manifest stay).
using TableChoice = std::optional<std::vector<std::string>>;

bool keeps(const TableChoice& choice, const char* name) {
  return !choice || std::find(choice->begin(), choice->end(), name) != choice->end();
}

RunText format_run(const sim::PreparedScenario& p, const model::RunResults& results, int replications,
                   const TableChoice& tables = std::nullopt) {
  RunText t;
  t.replication = results.replication;
  const auto table = [&](const char* name, const auto& make) {
    if (keeps(tables, name)) t.tables[name] = make();
  };
  // Always, whatever the choice: 10 kB, and the only names of the per-state tables' iso3 keys.
  t.tables["states"] = output::states_csv(p.scenario());
  table("timeline", [&] { return output::timeline_csv(p.scenario(), p.plan(), results, p.calendar()); });
  table("participation", [&] { return output::participation_csv(p.scenario(), results, p.calendar()); });
  table("stakeholders", [&] { return output::stakeholders_csv(p.scenario(), results, p.calendar()); });
  table("attendance", [&] { return output::attendance_csv(p.scenario(), results, p.calendar()); });
  table("trust_fund", [&] { return output::trust_fund_csv(p.scenario(), results, p.calendar()); });
  if (results.negotiation) {
    const model::NegotiationRecord& n = *results.negotiation;
    table("dynamics", [&] { return output::dynamics_csv(p.scenario(), n, p.calendar()); });
    // Every sitting day, whatever the scenario's outputs.positions: the notebooks plot convergence
    // day by day, and nothing here is written to disk.
    table("positions", [&] { return output::positions_csv(p.scenario(), n, p.calendar(), loader::Snapshots::daily); });
    table("acceptance", [&] { return output::acceptance_csv(p.scenario(), n, p.calendar(), loader::Snapshots::daily); });
    table("votes", [&] { return output::votes_csv(p.scenario(), results, p.calendar()); });
    if (!n.decisions.empty()) table("decisions", [&] { return output::decisions_csv(p.scenario(), n, p.calendar()); });
    t.outcome = json_text(output::outcome_json(p.scenario(), results, p.calendar()));
  }
  // wall_seconds 0: the one manifest field that differs between identical runs.
  t.manifest = json_text(output::manifest_json(output::manifest_info(p, results, replications, 0.0)));
  t.metrics = sim::metrics(p, results).values;
  return t;
}

// Raises KeyboardInterrupt (or whatever a signal handler raised) in the calling Python thread when
// a signal arrived: checked between chunks of replications, so Ctrl-C stops a run within about one
// replication's time.
void check_signals() {
  const py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

// Replications first..first+count-1 of a run of `replications` (the manifests' count), formatted.
Batch run(const Prepared& prepared, std::uint64_t seed, int replications, unsigned threads, const py::object& on_event,
          std::uint64_t first, int count, const TableChoice& tables) {
  if (replications < 1) throw py::value_error("replications must be at least 1");
  if (count < 0) count = replications;
  if (count < 1 || first + static_cast<std::uint64_t>(count) > static_cast<std::uint64_t>(replications)) {
    throw py::value_error("the replications asked for are not within 0..replications-1");
  }
  const sim::PreparedScenario& p = *prepared.scenario;
  Batch batch;
  batch.runs.resize(static_cast<std::size_t>(count));
  {
    const py::gil_scoped_release release;
    // Replication 0 is told, as `gcmsim run --narrate` narrates it: on this thread, before the
    // others start, so the callback sees one run's events in order on the caller's thread.
    std::optional<PythonListener> listener;
    if (!on_event.is_none() && first == 0) listener.emplace(p.scenario(), p.calendar(), on_event);
    std::size_t begin = 0;
    if (listener) {
      batch.runs[0] = format_run(p, sim::simulate(p, sim::RunSpec{seed, 0, nullptr, &*listener}), replications, tables);
      begin = 1;
    }
    // summary.csv as `gcmsim run` builds it: metrics in replication order (engine/in_order.hpp).
    output::ReplicationSummary summary(p.metric_catalog());
    InOrder<sim::RunMetrics, std::function<void(std::size_t, sim::RunMetrics&&)>> ordered(
        [&summary](std::size_t, sim::RunMetrics&& metrics) { summary.add(metrics); });
    if (begin == 1) ordered.add(0, sim::RunMetrics{batch.runs[0].metrics});
    const unsigned workers = threads == 0 ? default_threads() : threads;
    // Chunks of a few replications per worker: between them, Ctrl-C is heard.
    const std::size_t chunk = 2 * static_cast<std::size_t>(workers);
    for (std::size_t from = begin; from < batch.runs.size(); from += chunk) {
      check_signals();
      const std::size_t n = std::min(chunk, batch.runs.size() - from);
      parallel_for(n, workers, [&](std::size_t k) {
        const std::size_t i = from + k;
        batch.runs[i] = format_run(p, sim::simulate(p, sim::RunSpec{seed, first + i, nullptr, nullptr}), replications, tables);
        ordered.add(i, sim::RunMetrics{batch.runs[i].metrics});
      });
    }
    check_signals();
    batch.summary = summary.csv();
  }
  return batch;
}

// A delegation played from Python (a scripted player, a notebook's student): called with the
// question as a dict, on the thread that called play(), with the GIL held; returns an option or None
// (no answer: the model decides). An exception it raises ends the run and propagates.
class PythonPlayer : public ExternalDecider {
 public:
  PythonPlayer(const sim::PreparedScenario& p, py::object decide) : p_(p), decide_(std::move(decide)) {}

  std::optional<int> decide(const ExternalQuestion& q) override {
    const py::gil_scoped_acquire gil;
    const model::Scenario& s = p_.scenario();
    py::dict d;
    d["iso3"] = s.member_states[q.agent].iso3;
    d["state"] = s.member_states[q.agent].name;
    d["time"] = output::iso_datetime(p_.calendar(), q.at);
    d["decision"] = output::decision_name(q.kind);
    d["dimension"] = q.subject >= 0 ? py::object(py::str(s.negotiation->dimensions[static_cast<std::size_t>(q.subject)].id))
                                    : py::object(py::none());
    d["options"] = q.options;
    d["model_choice"] = q.model_choice;
    const py::object answer = decide_(d);
    if (answer.is_none()) return std::nullopt;
    return answer.cast<int>();
  }

 private:
  const sim::PreparedScenario& p_;
  py::object decide_;
};

// One replication with some delegations played from Python; their decisions are in its
// "decisions" table, which `gcmsim run --replay` replays.
Batch play(const Prepared& prepared, std::uint64_t seed, const std::map<std::string, py::object>& players) {
  const sim::PreparedScenario& p = *prepared.scenario;
  if (!p.scenario().negotiation) throw py::value_error("the scenario has no negotiation: no delegation to play");
  std::vector<std::unique_ptr<PythonPlayer>> owned;
  model::PlayedSeats seats;
  seats.by_state.assign(p.scenario().member_states.size(), nullptr);
  for (const auto& [iso3, decide] : players) {
    std::size_t k = 0;
    while (k < p.scenario().member_states.size() && p.scenario().member_states[k].iso3 != iso3) ++k;
    if (k == p.scenario().member_states.size()) throw py::value_error("players: '" + iso3 + "' is not a member state of the scenario");
    if (!PyCallable_Check(decide.ptr())) throw py::type_error("players['" + iso3 + "'] must be callable");
    owned.push_back(std::make_unique<PythonPlayer>(p, decide));
    seats.by_state[k] = owned.back().get();
  }
  Batch batch;
  {
    const py::gil_scoped_release release;
    sim::RunSpec spec{seed, 0, nullptr, nullptr, &seats};
    batch.runs.push_back(format_run(p, sim::simulate(p, spec), 1));
    output::ReplicationSummary summary(p.metric_catalog());
    summary.add(sim::RunMetrics{batch.runs[0].metrics});
    batch.summary = summary.csv();
  }
  return batch;
}

py::list metric_catalogue(const Prepared& prepared) {
  py::list out;
  for (const sim::MetricInfo& m : prepared.scenario->metric_catalog().list()) {
    py::dict d;
    d["key"] = m.key();
    d["name"] = m.name;
    d["group"] = m.group;
    d["unit"] = m.unit;
    d["kind"] = std::string(sim::to_string(m.kind));
    d["description"] = m.description;
    d["lower"] = m.lower();
    d["upper"] = m.upper();
    out.append(d);
  }
  return out;
}

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<Problem>(m, "Problem", "One located problem in a scenario.")
      .def_readonly("file", &Problem::file)
      .def_readonly("line", &Problem::line)
      .def_readonly("column", &Problem::column)
      .def_readonly("message", &Problem::message)
      .def("__repr__", [](const Problem& p) {
        return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message;
      });

  py::class_<Preparation>(m, "Preparation", "A prepared scenario, or the problems that stopped it.")
      .def_readonly("scenario", &Preparation::scenario)
      .def_readonly("problems", &Preparation::problems)
      .def_readonly("report", &Preparation::report);

  py::class_<RunText>(m, "RunText", "One replication's outputs as the CLI writes them.")
      .def_readonly("replication", &RunText::replication)
      .def_readonly("tables", &RunText::tables)
      .def_readonly("outcome", &RunText::outcome)
      .def_readonly("manifest", &RunText::manifest)
      .def_readonly("metrics", &RunText::metrics);

  py::class_<Batch>(m, "Batch", "Every replication's outputs and summary.csv over them.")
      .def_readonly("runs", &Batch::runs)
      .def_readonly("summary", &Batch::summary);

  py::class_<Prepared>(m, "Prepared", "A scenario loaded, checked and set up once; immutable.")
      .def("with_", [](const Prepared& p, const std::vector<std::string>& overrides,
                       const std::vector<std::string>& sets) { return from(p.scenario->with(overrides, sets)); },
           py::arg("overrides"), py::arg("sets"), py::call_guard<py::gil_scoped_release>(),
           "This scenario with more override files and sets on top, derived in memory.")
      .def("run", &run, py::arg("seed"), py::arg("replications"), py::arg("threads"), py::arg("on_event"),
           py::arg("first") = 0, py::arg("count") = -1, py::arg("tables") = py::none(),
           "Runs replications first..first+count-1 of `replications` (count -1: all) with the GIL released, "
           "Ctrl-C heard between chunks; on_event(dict) gets replication 0's events; tables: the names kept "
           "(None: every table).")
      .def("play", &play, py::arg("seed"), py::arg("players"),
           "Replication 0 with delegations played by Python callables {iso3: decide(question) -> option or None}.")
      .def("metric_catalogue", &metric_catalogue, "Every metric a run of this scenario measures.")
      .def_property_readonly("default_seed", [](const Prepared& p) { return p.scenario->defaults().seed; })
      .def_property_readonly("default_replications",
                             [](const Prepared& p) { return p.scenario->defaults().replications; })
      .def_property_readonly("content_hash", [](const Prepared& p) { return p.scenario->content_hash(); })
      .def_property_readonly("name", [](const Prepared& p) { return p.scenario->scenario().name; })
      .def_property_readonly("path", [](const Prepared& p) { return p.scenario->source().path; });

  m.def("prepare", [](const std::string& path, const std::vector<std::string>& overrides,
                      const std::vector<std::string>& sets) { return from(sim::prepare({path, overrides, sets})); },
        py::arg("path"), py::arg("overrides"), py::arg("sets"), py::call_guard<py::gil_scoped_release>(),
        "Loads PATH with its override files and sets (in that order) and prepares it.");
}

}  // namespace gcmsim::python
