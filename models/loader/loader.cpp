#include "models/loader/loader.hpp"

#include <filesystem>

#include <fmt/core.h>

#include "models/loader/schema.hpp"
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

// Reads the scenario, its includes, overrides and sets into one document (no checks yet).
Document read_all(const LoadRequest& request, LoadResult& out) {
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

  for (const std::string& override_path : request.overrides) {
    Document overlay = read_yaml_file(override_path, override_path, out.files, out.diagnostics, {}, request.limits, &usage);
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
  for (std::size_t i = 0; i < request.sets.size(); ++i) {
    const int file = out.files.add(fmt::format("--set #{}", i + 1), request.sets[i]);
    if (doc.value.is_object()) apply_set(doc, request.sets[i], out.files, file, out.diagnostics, request.limits);
  }
  return doc;
}

}  // namespace

LoadResult load_scenario(const LoadRequest& request) {
  LoadResult out;
  // Every problem in a scenario must reach the user as a located diagnostic. The readers and checks
  // report what they know; this is the net under them, so that an exception from a library (a
  // defect to fix, and one the fuzz targets look for) still names the file instead of escaping.
  const auto net = [&](const std::exception& e) {
    out.diagnostics.error({out.files.size() > 0 ? 0 : -1, 1, 1},
                          fmt::format("{}{} (please report this defect)", kInternalErrorPrefix, e.what()));
    out.scenario.reset();
  };
  try {
    Document doc = read_all(request, out);
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const std::string& item : request.overrides) hash = fnv1a(hash, item);
    for (const std::string& item : request.sets) hash = fnv1a(hash, item);
    hash = fnv1a(hash, doc.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out.content_hash = fmt::format("{:016x}", hash);

    if (doc.complete && doc.value.is_object() && check_limits(doc, out.diagnostics)) {
      check_schema(doc, out.diagnostics);
      auto scenario = build_scenario(doc, out.diagnostics);
      if (out.diagnostics.empty()) out.scenario = std::move(scenario);
    }
    out.document = std::move(doc);
  } catch (const std::exception& e) {
    net(e);
  }
  return out;
}

}  // namespace gcmsim::loader
