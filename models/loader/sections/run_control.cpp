// The `run:` and `outputs:` sections: the seed, the replications and which files a run writes.
// The schema has already checked the types and ranges; a value it let through fits.
#include "models/loader/sections/sections.hpp"

#include <initializer_list>
#include <utility>

#include "models/loader/loader.hpp"

namespace gcmsim::loader::sections {
namespace {

OutputSwitches output_switches(const json& root) {
  OutputSwitches o;
  const json* outputs = child(root, "outputs");
  if (outputs == nullptr || !outputs->is_object()) return o;
  o.directory = text(*outputs, "directory");
  for (auto [key, field] : std::initializer_list<std::pair<const char*, bool*>>{
           {"timeline", &o.timeline}, {"participation", &o.participation}, {"attendance", &o.attendance},
           {"dynamics", &o.dynamics}, {"outcome", &o.outcome}}) {
    *field = flag(*outputs, key).value_or(*field);
  }
  // true is the default (rounds), false none, or the schema's words "rounds" and "daily".
  if (const json* v = child(*outputs, "positions"); v != nullptr) {
    if (v->is_boolean()) o.positions = v->get<bool>() ? Snapshots::rounds : Snapshots::none;
    if (v->is_string()) o.positions = v->get<std::string>() == "daily" ? Snapshots::daily : Snapshots::rounds;
  }
  return o;
}

}  // namespace

RunDefaults read_run_control(const json& root) {
  RunDefaults d;
  d.outputs = output_switches(root);
  const json* run = child(root, "run");
  if (run == nullptr || !run->is_object()) return d;
  if (const json* seed = child(*run, "seed"); seed != nullptr && seed->is_number_integer()) d.seed = seed->get<std::uint64_t>();
  if (const json* r = child(*run, "replications"); r != nullptr && r->is_number_integer()) d.replications = r->get<int>();
  if (const json* t = child(*run, "decision_seconds"); t != nullptr && t->is_number_integer()) d.decision_seconds = t->get<int>();
  return d;
}

}  // namespace gcmsim::loader::sections
