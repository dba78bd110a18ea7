#pragma once
// One reading discipline for every file gcmsim reads besides its scenarios (whose loader does the
// same): design tables, calibration targets, journals, sweep.json, manifests, folder ledgers.
//   - regular files only, checked before opening (a FIFO would block open() itself, /dev/zero
//     never ends) and again on the open descriptor (fstat: the path may have been swapped);
//   - opened O_NONBLOCK, so that a FIFO swapped in after the check cannot hang the read;
//   - bounded: at most `max_bytes` are read (one more byte tells "too big" without trusting the
//     size the file system reports), so a 1 GiB CSV is refused in milliseconds;
//   - errors name the file and what was expected, never its content (a /etc/passwd given as a
//     design table is not quoted back).
// docs/limits.md lists every bound.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gcmsim {

struct BoundedRead {
  std::string content;
  std::string error;  // "'PATH' is a FIFO, not a regular file; expected WHAT": empty when read
  bool ok() const { return error.empty(); }
};

// Reads the whole of `path`. `what` says what it should be ("a design table (CSV)").
BoundedRead read_bounded_file(const std::string& path, std::size_t max_bytes, std::string_view what);

// Opens `path` for reading with the same checks (no size bound: the caller reads it in pieces,
// bounded by its own format). Returns the descriptor (close it), or nullopt with `error` set.
std::optional<int> open_regular_file(const std::string& path, std::string_view what, std::string& error);

}  // namespace gcmsim
