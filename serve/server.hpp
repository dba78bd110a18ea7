#pragma once
// `gcmsim serve`: one process serving the studio's page and its JSON API (docs/serve.md). Loopback
// by default; any other host needs the token printed at start, sent as X-Gcmsim-Token. The page is
// read into memory at start from the web folder: a request names a page, never a path.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "serve/common/limits.hpp"

namespace gcmsim::serve {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8017;                       // 0: any free port (the chosen one is announced)
  std::filesystem::path scenarios_dir;   // the shipped scenarios/ folder
  std::string scenarios_shown = "scenarios";  // how command lines name it
  std::filesystem::path web_dir;         // the studio's static files
  unsigned threads = 0;                  // simulation workers; 0: every core
  bool classroom = false;                // also serve the classroom (serve/classroom/, its teacher token)
  Limits limits;
};

bool is_loopback(const std::string& host);

class Server {
 public:
  explicit Server(ServerConfig config);
  ~Server();

  // Binds; returns the port (throws std::runtime_error when it cannot).
  int bind();
  // The token a non-loopback client must send; empty on loopback.
  const std::string& token() const;
  // With `classroom`: the token of the teacher's page (any host, loopback too); else empty.
  const std::string& teacher_token() const;
  // Serves until stop() (from another thread or a signal handler's thread).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gcmsim::serve
