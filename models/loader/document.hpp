#pragma once
// A scenario document: the JSON value of a YAML file (or of several merged) with the origin of each
// node. The scenario is checked as JSON because that is what the schema validator reads; the
// origins bring every error back to the YAML a user wrote.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/loader/diagnostics.hpp"
#include "models/loader/source_map.hpp"

namespace gcmsim::loader {

struct Document {
  nlohmann::json value;
  Origins origins;
  // False when the text could not be read whole (invalid YAML, expansion limits): checking the
  // rest would only report the consequences of that one error.
  bool complete = true;
};

// Bounds that keep hostile input from exhausting memory, time or the stack. The shipped baseline
// with its member-state data is about 100 KB and 7,600 nodes (keys counted); these allow more than
// ten times that and keep the worst input within about a second and well under 256 MB.
struct ReadLimits {
  std::size_t max_file_bytes = 2u << 20;   // bytes actually read from one file
  std::size_t max_nodes = 100'000;         // after anchors and aliases are expanded
  // Keys, strings and the bookkeeping of each node (its JSON pointer and origin), after expansion.
  std::size_t max_expanded_bytes = 32u << 20;
  int max_depth = 64;
};

// What the files of one load have consumed so far: the scenario, its includes and its overrides
// share one budget, so that many files cannot add up to what one file may not.
struct ReadUsage {
  std::size_t nodes = 0;
  std::size_t bytes = 0;
};

// Parses YAML text registered in `files` as file `file`. Problems go to `diagnostics`; the
// returned document holds whatever could be read.
Document parse_yaml(const SourceFiles& files, int file, std::string_view text, Diagnostics& diagnostics,
                    const ReadLimits& limits = {}, ReadUsage* usage = nullptr);

// Reads and parses a file; registers it in `files` under `display_path`. Only a regular file is read
// (checked before and after opening, so a FIFO, a device or a directory never is), and never more
// than limits.max_file_bytes of it, whatever its size claims. An unreadable file is a diagnostic
// located at `requested_at` (where the file was named), not an exception.
Document read_yaml_file(const std::string& path, const std::string& display_path, SourceFiles& files,
                        Diagnostics& diagnostics, Location requested_at = {}, const ReadLimits& limits = {},
                        ReadUsage* usage = nullptr);

// Merges `overlay` (its subtree at overlay_pointer) into `base` at base_pointer: mappings merge key by
// key, lists of mappings that all carry an `id` (or all an `iso3`) merge item by item (new ones are
// appended), anything else is replaced.
void merge_document(Document& base, const std::string& base_pointer, const Document& overlay,
                    const std::string& overlay_pointer);

// Applies one `--set path.to.key=value` option. Lists are indexed by position or by an item's `id`
// (`activities.ts1.start=2017-05-15`); a last step naming an id the list does not hold adds one item
// with that id (`events.hungary_boycotts_round2={kind: boycott, ...}`). The value is read as YAML (so 3 is a number and "3" a string).
// `file` is the option's pseudo-file in `files` (its text is the option).
// A path deeper than limits.max_depth, an empty step or a path into `include` is refused, and a
// refused option changes nothing.
void apply_set(Document& doc, const std::string& option, const SourceFiles& files, int file,
               Diagnostics& diagnostics, const ReadLimits& limits = {});

}  // namespace gcmsim::loader

namespace gcmsim::loader {

// Takes out every event marked `remove: true`, and every activity so marked (an override's way to say "this did not happen"),
// then drops what pointed at it: its id from other activities' `needs` (they no longer wait for
// it) and a `due: {before: <it>}` (the document is then placed after its own needs). Origins
// follow the items that stay. Returns the ids removed.
std::vector<std::string> apply_removals(Document& doc);

// The activity and event ids an override marks `remove: true` that the document it applies to does
// not hold, each reported at the override's `remove` with the closest id; and an id an override's
// activities or events give twice (they would merge into one item), reported at the second.
void check_removals(const Document& base, const Document& overlay, Diagnostics& diagnostics);

}  // namespace gcmsim::loader
