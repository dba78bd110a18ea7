#include "models/loader/loader.hpp"

#include <filesystem>

#include <fmt/core.h>

#include "models/loader/schema.hpp"

namespace gcmsim::loader {
namespace {

namespace fs = std::filesystem;

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool inside(const fs::path& folder, const fs::path& file) {
  auto f = file.begin();
  for (auto d = folder.begin(); d != folder.end(); ++d, ++f) {
    if (f == file.end() || *d != *f) return false;
  }
  return true;
}

// Reads the includes named by the main document and returns them merged, the main one on top.
Document with_includes(Document main, const fs::path& folder, LoadResult& out, const ReadLimits& limits) {
  if (!main.value.is_object() || !main.value.contains("include") || !main.value["include"].is_array()) return main;
  std::error_code ec;
  const fs::path root = fs::canonical(folder, ec);
  Document merged;
  merged.value = nlohmann::json::object();
  merged.origins.set("", main.origins.find(""));
  const auto& list = main.value["include"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) continue;  // the schema reports it
    const std::string rel = list[i];
    const Location at = main.origins.find(pointer_append("/include", i)).value;
    const fs::path target = fs::weakly_canonical(folder / rel, ec);
    if (fs::path(rel).is_absolute() || ec || !inside(root, target)) {
      out.diagnostics.error(at, fmt::format("include '{}' leaves the scenario's folder; expected a path inside {}", rel,
                                            folder.empty() ? std::string(".") : folder.string()),
                            static_cast<int>(rel.size()));
      continue;
    }
    Document inc = read_yaml_file(target.string(), (folder / rel).lexically_normal().string(), out.files,
                                  out.diagnostics, at, limits);
    if (!inc.complete) merged.complete = false;
    if (inc.value.is_null()) continue;
    if (!inc.value.is_object()) {
      out.diagnostics.error(at, fmt::format("include '{}' must hold a mapping of scenario keys", rel));
      continue;
    }
    if (inc.value.contains("include")) {
      out.diagnostics.error(inc.origins.find("/include").key, "an included file cannot include others");
      continue;
    }
    merge_document(merged, "", inc, "");
  }
  merge_document(merged, "", main, "");
  merged.complete = merged.complete && main.complete;
  return merged;
}

}  // namespace

namespace {

// Merges override files and applies --set options onto out.document, recording them.
void layer(LoadResult& out, const std::vector<std::string>& overrides, const std::vector<std::string>& sets,
           const ReadLimits& limits) {
  Document& doc = out.document;
  for (const std::string& override_path : overrides) {
    out.overrides.push_back(override_path);
    Document overlay = read_yaml_file(override_path, override_path, out.files, out.diagnostics, {}, limits);
    if (!overlay.complete) doc.complete = false;
    if (overlay.value.is_null()) continue;
    if (!overlay.value.is_object()) {
      out.diagnostics.error(overlay.origins.find("").value, "an override must be a mapping (a partial scenario)");
      continue;
    }
    if (overlay.value.contains("include")) {
      out.diagnostics.error(overlay.origins.find("/include").key, "an override file cannot include others");
      continue;
    }
    if (doc.value.is_object()) merge_document(doc, "", overlay, "");
  }
  for (const std::string& set : sets) {
    out.sets.push_back(set);
    const int file = out.files.add(fmt::format("--set #{}", out.sets.size()), set);
    if (doc.value.is_object()) apply_set(doc, set, out.files, file, out.diagnostics);
  }
}

RunDefaults run_defaults(const nlohmann::json& root) {
  RunDefaults d;
  const auto run = root.find("run");
  if (run == root.end() || !run->is_object()) return d;
  // The schema has already checked the types and ranges; a value it let through fits.
  if (const auto seed = run->find("seed"); seed != run->end() && seed->is_number_integer()) d.seed = seed->get<std::uint64_t>();
  if (const auto r = run->find("replications"); r != run->end() && r->is_number_integer()) d.replications = r->get<int>();
  return d;
}

OutputSwitches output_switches(const nlohmann::json& root) {
  OutputSwitches o;
  const auto outputs = root.find("outputs");
  if (outputs == root.end() || !outputs->is_object()) return o;
  if (const auto dir = outputs->find("directory"); dir != outputs->end() && dir->is_string()) o.directory = dir->get<std::string>();
  for (auto [key, field] : std::initializer_list<std::pair<const char*, bool*>>{
           {"timeline", &o.timeline}, {"participation", &o.participation}, {"dynamics", &o.dynamics},
           {"positions", &o.positions}, {"outcome", &o.outcome}}) {
    if (const auto v = outputs->find(key); v != outputs->end() && v->is_boolean()) *field = v->get<bool>();
  }
  return o;
}

// Hashes and checks the layered document and builds the scenario when nothing is wrong.
void check_and_build(LoadResult& out) {
  const Document& doc = out.document;
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const std::string& item : out.overrides) hash = fnv1a(hash, item);
  for (const std::string& item : out.sets) hash = fnv1a(hash, item);
  hash = fnv1a(hash, doc.value.dump());
  out.content_hash = fmt::format("{:016x}", hash);

  out.scenario.reset();
  if (doc.complete && doc.value.is_object()) {
    check_schema(doc, out.diagnostics);
    auto scenario = build_scenario(doc, out.diagnostics);
    if (out.diagnostics.empty()) {
      out.scenario = std::move(scenario);
      out.defaults = run_defaults(doc.value);
      out.defaults.outputs = output_switches(doc.value);
    }
  }
}

}  // namespace

LoadResult load_scenario(const LoadRequest& request) {
  LoadResult out;
  const fs::path path(request.path);
  out.document = read_yaml_file(request.path, request.path, out.files, out.diagnostics, {}, request.limits);
  out.document = with_includes(std::move(out.document), path.parent_path(), out, request.limits);
  layer(out, request.overrides, request.sets, request.limits);
  check_and_build(out);
  return out;
}

LoadResult extend_scenario(const LoadResult& base, const std::vector<std::string>& overrides,
                           const std::vector<std::string>& sets, const ReadLimits& limits) {
  LoadResult out;
  out.files = base.files;
  out.document = base.document;
  out.overrides = base.overrides;
  out.sets = base.sets;
  out.diagnostics = base.diagnostics;
  layer(out, overrides, sets, limits);
  check_and_build(out);
  return out;
}

}  // namespace gcmsim::loader
