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

  // The classroom (gcmsim serve --classroom).
  std::size_t max_sessions = 4;                   // classroom sessions kept; a new one pushes out the oldest ended (else 429)
  std::size_t max_players = 60;                   // students joined to one session (409)
  std::size_t max_players_per_seat = 4;           // a delegation may be a team; the first answer counts (409)
  std::size_t max_name_chars = 40;                // a student's name, in characters (400)
  int max_decision_seconds = 600;                 // a teacher's decision time (400); the scenario's default is run.decision_seconds
  int max_pace_ms = 5000;                         // delay per narrated event (400)
  int max_failed_joins_per_minute = 20;           // wrong join codes from one address (429): the code cannot be guessed
  std::size_t classroom_http_threads = 128;       // with --classroom: every student's page holds a stream
};

}  // namespace gcmsim::serve
