#pragma once
// What one `gcmsim serve` process accepts, so that no client can exhaust the machine. docs/serve.md
// lists each limit with the answer a request gets past it; the numbers here are those defaults.
#include <cstddef>

namespace gcmsim::serve {

struct Limits {
  std::size_t max_body_bytes = 256 * 1024;        // request body (413 past it)
  std::size_t max_override_bytes = 64 * 1024;     // an uploaded override's YAML (413)
  std::size_t max_knobs = 32;                     // knob changes in one request (400)
  int max_replications = 200;                     // per request (400)
  std::size_t max_active_per_client = 2;          // queued or running jobs of one client address (429)
  std::size_t max_active_total = 24;              // queued or running jobs in all (503)
  std::size_t max_kept_results = 64;              // finished jobs kept; the oldest go first (then 404)
  std::size_t max_folder_builds = 2;              // run folders zipped at once for download (503)
  std::size_t max_prepared = 32;                  // prepared scenarios cached by content hash
  int read_timeout_seconds = 5;                   // a client that sends nothing for this long is dropped
  std::size_t http_threads = 48;                  // connections served at once (progress streams hold one)
};

}  // namespace gcmsim::serve
