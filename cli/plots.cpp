#include "cli/plots.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/exit_codes.hpp"

extern char** environ;

namespace gcmsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPackages = "python3 python3-matplotlib python3-pandas";

bool holds_package(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "gcmsim" / "__init__.py", ec);
}

// The environment of the plotter: ours, with the package first on PYTHONPATH and matplotlib drawing
// to files only (no display is needed, none is opened).
std::vector<std::string> plot_environment(const fs::path& package) {
  std::vector<std::string> env;
  std::string pythonpath = package.string();
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    if (entry.rfind("PYTHONPATH=", 0) == 0) {
      if (entry.size() > 11) pythonpath.append(1, ':').append(entry, 11, std::string::npos);
    } else if (entry.rfind("MPLBACKEND=", 0) != 0) {
      env.push_back(entry);
    }
  }
  env.push_back("PYTHONPATH=" + pythonpath);
  env.push_back("MPLBACKEND=Agg");
  return env;
}

// Runs the interpreter with `args`; stdout and stderr go where ours go, or to /dev/null when
// `silent`. Returns the exit status (127 when it could not be started), -1 on a signal.
int run_python(const Plotter& p, const std::vector<std::string>& args, bool silent) {
  std::vector<std::string> argv_text{p.python};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = plot_environment(p.package);
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (silent) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, p.python.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return 127;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Plotter find_plotter() {
  Plotter p;
  const char* chosen = std::getenv("GCMSIM_PYTHON");
  p.python = chosen != nullptr && *chosen != '\0' ? chosen : "/usr/bin/python3";
  if (::access(p.python.c_str(), X_OK) != 0) {
    throw InvalidInput(fmt::format("--plots: no Python interpreter at {} (install {}, or set GCMSIM_PYTHON; "
                                   "without --plots the run writes its CSVs as usual)", p.python, kPackages));
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back((exe.parent_path() / ".." / "python").lexically_normal());  // <build>/cli -> <build>/python
    // bin/ -> lib/python3/dist-packages, relative, so a moved install tree still finds it.
    const fs::path beside = fs::path(GCMSIM_PYTHON_SUBDIR).lexically_relative(GCMSIM_INSTALL_BINDIR);
    candidates.push_back((exe.parent_path() / beside).lexically_normal());
  }
  candidates.emplace_back(GCMSIM_INSTALL_PYTHONDIR);
  for (const fs::path& c : candidates) {
    if (holds_package(c)) {
      p.package = c;
      break;
    }
  }
  if (p.package.empty()) {
    throw InvalidInput(fmt::format("--plots: the gcmsim Python package is not beside this gcmsim (looked in {}); "
                                   "build it (./gcm build) or install it with cmake --install",
                                   candidates.empty() ? std::string(GCMSIM_INSTALL_PYTHONDIR) : candidates.front().string()));
  }
  if (run_python(p, {"-c", "import gcmsim.plot"}, true) != 0) {
    throw InvalidInput(fmt::format("--plots: {} cannot import gcmsim.plot from {} (it needs matplotlib and pandas: "
                                   "install {}; a module built for another Python cannot load either)",
                                   p.python, p.package.string(), kPackages));
  }
  return p;
}

void draw_plots(const Plotter& plotter, const fs::path& dir, bool quiet) {
  std::vector<std::string> args{"-m", "gcmsim.plot", dir.string()};
  if (quiet) args.emplace_back("--quiet");
  const int status = run_python(plotter, args, false);
  if (status != 0) {
    throw std::runtime_error(fmt::format("--plots: `{} -m gcmsim.plot {}` failed (exit status {}); the run's CSVs in "
                                         "{}/ are complete", plotter.python, dir.string(), status, dir.string()));
  }
}

void draw_compare_plots(const Plotter& plotter, const fs::path& dir, const fs::path& base, const fs::path& whatif,
                        bool quiet) {
  std::vector<std::string> args{"-m", "gcmsim.compare_plot", dir.string(), "--base", base.string(), "--whatif",
                                whatif.string()};
  if (quiet) args.emplace_back("--quiet");
  const int status = run_python(plotter, args, false);
  if (status != 0) {
    throw std::runtime_error(fmt::format("--plots: `{} -m gcmsim.compare_plot` failed (exit status {}); {}/compare.csv "
                                         "is complete", plotter.python, status, dir.string()));
  }
}

}  // namespace gcmsim::cli
