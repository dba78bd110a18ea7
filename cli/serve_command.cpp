// `gcmsim serve [--port P] [--host H] [--open]`: the what-if studio in the browser (serve/,
// docs/serve.md). Stops on SIGINT or SIGTERM, finishing the requests it is answering.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <malloc.h>
#include <memory>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_data.hpp"
#include "serve/server.hpp"

extern char** environ;

namespace gcmsim::cli {
namespace {

namespace fs = std::filesystem;

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8017;
  bool open = false;
  bool classroom = false;
  unsigned threads = 0;
};

// The shipped scenarios: ./scenarios when run from a checkout, else the installed ones. From a
// checkout the folder stays relative (the server never changes its working directory): the paths
// the loader reads are then the command line's own, and so are the manifests' paths and content
// hashes (which include the overrides' paths) in the run folders the studio hands out.
fs::path scenarios_dir() {
  std::error_code ec;
  if (fs::exists("scenarios/gcm-2017-2018.yaml", ec)) return "scenarios";
  for (const fs::path& dir : data_dirs()) {
    if (fs::exists(dir / "scenarios/gcm-2017-2018.yaml", ec)) return dir / "scenarios";
  }
  throw InvalidInput("cannot find the shipped scenarios (scenarios/ here, $GCMSIM_DATA or the installed share/gcmsim)");
}

// The studio's page, installed (or copied by the build) to share/gcmsim/web beside the binary.
fs::path web_dir() {
  std::error_code ec;
  for (const fs::path& dir : data_dirs()) {
    if (fs::exists(dir / "web/index.html", ec)) return dir / "web";
  }
  throw std::runtime_error("cannot find the studio's page (share/gcmsim/web/index.html beside the binary or in $GCMSIM_DATA)");
}

void open_browser(const std::string& url) {
  // xdg-open hands the address to the desktop's browser; without one, say so and go on serving.
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0) {
    fmt::print(stderr, "gcmsim serve: cannot run xdg-open; open {} in a browser\n", url);
  }
}

bool is_loopback_host(const std::string& host) { return serve::is_loopback(host); }

void serve(const ServeOptions& options) {
  // One malloc arena for the whole server. glibc gives threads that allocate at once arenas of
  // their own (up to 8 per core), and the server's 48 HTTP threads (which parse, prepare scenarios
  // and assemble results) and its workers left each arena fragmented at its own high-water mark:
  // 217 MB after 1,000 jobs and still growing, 124 MB after 3,000 even with freed results handed
  // back (malloc_trim, serve/common/jobs.cpp); with one arena 98 MB after 1,000 and 103 MB after 10,000
  // (bench/serve_bench.py --part memory). Small allocations still go through each thread's cache.
  mallopt(M_ARENA_MAX, 1);
  if (options.port < 0 || options.port > 65535) throw InvalidInput(fmt::format("--port must be 0 to 65535, not {}", options.port));
  // The signals go to one thread that stops the server: the HTTP threads never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  serve::ServerConfig config;
  config.host = options.host;
  config.port = options.port;
  config.scenarios_dir = scenarios_dir();
  config.web_dir = web_dir();
  config.threads = options.threads;
  config.classroom = options.classroom;
  serve::Server server(config);
  const int port = server.bind();
  const std::string shown_host = options.host.find(':') != std::string::npos ? fmt::format("[{}]", options.host) : options.host;
  std::string url = fmt::format("http://{}:{}/", shown_host, port);
  if (!server.token().empty()) {
    url += fmt::format("#token={}", server.token());
    fmt::print("gcmsim serve: listening on {} (not loopback: every API request needs the token)\n", url);
    fmt::print("gcmsim serve: token {}\n", server.token());
  } else {
    fmt::print("gcmsim serve: listening on {}\n", url);
  }
  std::string opened = url;
  if (options.classroom) {
    // The teacher's page carries its token in the address's fragment (never sent to a server).
    opened = fmt::format("http://{}:{}/classroom.html#teacher={}{}", shown_host, port, server.teacher_token(),
                         server.token().empty() ? "" : fmt::format("&token={}", server.token()));
    fmt::print("gcmsim serve: the classroom's teacher page (keep this address to yourself): {}\n", opened);
    fmt::print("gcmsim serve: students join at http://{}:{}/join.html with the code the teacher's page shows\n", shown_host, port);
    if (is_loopback_host(options.host)) {
      fmt::print("gcmsim serve: on {} only this machine can connect; for a class on the LAN: --host 0.0.0.0\n", options.host);
    }
  }
  fmt::print("gcmsim serve: Ctrl-C stops it\n");
  std::fflush(stdout);
  if (options.open) open_browser(opened);
  std::thread stopper([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  server.listen();
  // listen() returns after stop(); if it returned on its own, wake the stopper.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the what-if studio: a page and a JSON API on http://127.0.0.1:8017/ (docs/serve.md)");
  cmd->add_option("--port", options->port, "Port (0: any free port, announced on stdout)")->capture_default_str();
  cmd->add_option("--host", options->host,
                  "Address to listen on; anything but 127.0.0.1, ::1 or localhost needs the token printed at start")
      ->capture_default_str();
  cmd->add_flag("--open", options->open, "Open the studio (with --classroom: the teacher's page) in the desktop's browser (xdg-open)");
  cmd->add_flag("--classroom", options->classroom,
                "Also serve the classroom: students play delegations from their browsers; prints the teacher's page "
                "with its token (docs/serve.md, \"The classroom\")");
  cmd->add_option("--threads,-j", options->threads, "Simulation threads (default: every core)");
  cmd->callback([options] { serve(*options); });
}

}  // namespace gcmsim::cli
