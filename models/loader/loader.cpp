#include "models/loader/loader.hpp"

#include <filesystem>

#include <fmt/core.h>

#include "models/loader/scenario_builder.hpp"
#include "models/loader/rule_warnings.hpp"
#include "models/loader/schema.hpp"
#include "models/loader/sections/sections.hpp"
#include "models/loader/text_checks.hpp"

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
// `folder` is the canonical absolute folder of the scenario file: containment is decided on real
// paths, whatever form (relative, bare name, through symbolic links) the file was named in.
// `shown_folder` is the folder as the user named it, for messages.
Document with_includes(Document main, const fs::path& folder, const fs::path& shown_folder, LoadResult& out,
                       const ReadLimits& limits, ReadUsage& usage) {
  if (!main.value.is_object() || !main.value.contains("include") || !main.value["include"].is_array()) return main;
  Document merged;
  merged.value = nlohmann::json::object();
  merged.origins.set("", main.origins.find(""));
  const auto& list = main.value["include"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) continue;  // the schema reports it
    const std::string rel = list[i];
    const Location at = main.origins.find(pointer_append("/include", i)).value;
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(folder / rel, ec);
    if (fs::path(rel).is_absolute() || ec || !inside(folder, target)) {
      out.diagnostics.error(at, fmt::format("include '{}' leaves the scenario's folder; expected a path inside {}",
                                            printable(rel), shown_folder.empty() ? std::string(".") : printable(shown_folder.string())),
                            static_cast<int>(rel.size()));
      continue;
    }
    Document inc = read_yaml_file(target.string(), (shown_folder / rel).lexically_normal().string(), out.files,
                                  out.diagnostics, at, limits, &usage);
    if (!inc.complete) merged.complete = false;
    if (inc.value.is_null()) continue;
    if (!inc.value.is_object()) {
      out.diagnostics.error(at, fmt::format("include '{}' must hold a mapping of scenario keys", printable(rel)));
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

// Merges override files and applies --set options onto out.document, recording them. `usage` is
// the read budget the load has left (shared with the scenario and its includes).
void layer(LoadResult& out, const std::vector<std::string>& overrides, const std::vector<std::string>& sets,
           const ReadLimits& limits, ReadUsage& usage) {
  Document& doc = out.document;
  for (const std::string& override_path : overrides) {
    out.overrides.push_back(override_path);
    // A file that cannot be read is reported against the option that named it.
    const int option = out.files.add(fmt::format("--override #{}", out.overrides.size()), override_path);
    Document overlay = read_yaml_file(override_path, override_path, out.files, out.diagnostics, {option, 1, 1}, limits,
                                      &usage);
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
    check_removals(doc, overlay, out.diagnostics);
    if (doc.value.is_object()) merge_document(doc, "", overlay, "");
  }
  for (const std::string& set : sets) {
    out.sets.push_back(set);
    // Shifts and scales travel with the sets as "shift ..." and "scale ..." (in the manifest too).
    const std::string verb = set.rfind("shift ", 0) == 0 ? "--shift" : set.rfind("scale ", 0) == 0 ? "--scale" : "--set";
    const int file = out.files.add(fmt::format("{} #{}", verb, out.sets.size()), verb == "--set" ? set : set.substr(6));
    if (doc.value.is_object()) apply_set(doc, set, out.files, file, out.diagnostics, limits);
  }
  apply_removals(doc);
}

// Hashes and checks the layered document and builds the scenario when nothing is wrong.
void check_and_build(LoadResult& out) {
  const Document& doc = out.document;
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const std::string& item : out.overrides) hash = fnv1a(hash, item);
  for (const std::string& item : out.sets) hash = fnv1a(hash, item);
  hash = fnv1a(hash, doc.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  out.content_hash = fmt::format("{:016x}", hash);

  out.scenario.reset();
  if (doc.complete && doc.value.is_object() && check_limits(doc, out.diagnostics)) {
    // A value the schema refused is left out of the build: reported once, not again by a check
    // that reads it.
    const std::vector<std::string> refused = check_schema(doc, out.diagnostics);
    auto scenario = refused.empty() ? build_scenario(doc, out.diagnostics)
                                    : build_scenario(without_refused(doc, refused), out.diagnostics, refused);
    if (out.diagnostics.empty()) {
      // A derived load (extend_scenario) starts from its base's diagnostics: its warnings are its own.
      out.diagnostics.clear_warnings();
      if (scenario) check_rules(doc, *scenario, out.diagnostics);
      out.scenario = std::move(scenario);
      out.defaults = sections::read_run_control(doc.value);
    }
  }
}

// Every problem in a scenario must reach the user as a located diagnostic. The readers and checks
// report what they know; this is the net under them, so that an exception from a library (a defect
// to fix, and one the fuzz targets look for) still names the file instead of escaping.
template <class Load>
void with_safety_net(LoadResult& out, Load&& load) {
  try {
    load();
  } catch (const std::exception& e) {
    out.diagnostics.error({out.files.size() > 0 ? 0 : -1, 1, 1},
                          fmt::format("{}{} (please report this defect)", kInternalErrorPrefix, e.what()));
    out.scenario.reset();
  }
}

}  // namespace

LoadResult load_scenario(const LoadRequest& request) {
  LoadResult out;
  with_safety_net(out, [&] {
    ReadUsage usage;
    Document doc = read_yaml_file(request.path, request.path, out.files, out.diagnostics, {}, request.limits, &usage);
    if (doc.complete && !doc.value.is_object() && out.diagnostics.empty()) {
      // An empty file (or one holding only a value) would otherwise fail with no message at all.
      out.diagnostics.error(doc.origins.find("").value,
                            doc.value.is_null() ? "the scenario is empty; expected a mapping with schema_version, name, "
                                                  "calendar, member_states, actors, activities and run"
                                                : "a scenario must be a mapping of keys (schema_version, name, ...); "
                                                  "found a single value or a list");
      doc.complete = false;
    }
    std::error_code ec;
    const fs::path folder = fs::canonical(fs::absolute(fs::path(request.path), ec), ec).parent_path();
    if (!ec) doc = with_includes(std::move(doc), folder, fs::path(request.path).parent_path(), out, request.limits, usage);
    out.document = std::move(doc);
    layer(out, request.overrides, request.sets, request.limits, usage);
    check_and_build(out);
  });
  return out;
}

LoadResult extend_scenario(const LoadResult& base, const std::vector<std::string>& overrides,
                           const std::vector<std::string>& sets, const ReadLimits& limits) {
  LoadResult out;
  with_safety_net(out, [&] {
    out.files = base.files;
    out.document = base.document;
    out.overrides = base.overrides;
    out.sets = base.sets;
    out.diagnostics = base.diagnostics;
    // The base was read within its own budget; what is layered here gets a budget of its own.
    ReadUsage usage;
    layer(out, overrides, sets, limits, usage);
    check_and_build(out);
  });
  return out;
}

}  // namespace gcmsim::loader
