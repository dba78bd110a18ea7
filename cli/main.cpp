// gcmsim: the command-line entry point. Each subcommand lives in its own file (see commands.hpp).
#include <algorithm>
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "models/loader/diagnostics.hpp"
#include "output/owned_folder.hpp"
#include "gcmsim/version.hpp"

namespace {

// "--narate" -> "; did you mean '--narrate'?": the closest option of the subcommand that was
// parsed (or of gcmsim itself) to each unexpected argument that looks like an option.
std::string option_hints(const CLI::App& app) {
  const CLI::App* command = &app;
  for (const CLI::App* sub : app.get_subcommands()) command = sub;
  std::vector<std::string> names;
  for (const CLI::App* owner : {&app, command}) {
    for (const CLI::Option* option : owner->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  std::vector<std::string> unexpected = command->remaining();
  if (command != &app) {
    for (const std::string& arg : app.remaining()) {
      if (std::find(unexpected.begin(), unexpected.end(), arg) == unexpected.end()) unexpected.push_back(arg);
    }
  }
  std::string out;
  for (const std::string& arg : unexpected) {
    if (arg.rfind("--", 0) != 0) continue;
    const std::string word = arg.substr(0, arg.find('='));
    const std::string match = gcmsim::loader::closest_match(word, names);
    if (!match.empty()) out += fmt::format("gcmsim: unknown option '{}'; did you mean '{}'?\n", word, match);
  }
  return out;
}

// The first argument when it names no subcommand ("gcmsim frobnicate --help"): CLI11 would answer
// the --help with gcmsim's own help and exit 0, as if the command existed. Empty when it does, or
// when the first argument is an option.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return {};
  const std::string word = argv[1];
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return {};
  std::string known;
  for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
  return fmt::format("gcmsim: unknown command '{}'{}; expected one of {} (gcmsim --help lists them)\n", word,
                     gcmsim::loader::did_you_mean(word, names), known);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gcmsim: discrete-event simulation of the preparatory process of the Global Compact "
               "for Safe, Orderly and Regular Migration (2017-2018).\n"
               "Exit codes: 0 success, 1 run failure, 2 invalid input.",
               "gcmsim"};
  app.set_version_flag("--version", std::string("gcmsim ") + gcmsim::kVersion);
  app.require_subcommand(1);
  gcmsim::cli::add_run_command(app);
  gcmsim::cli::add_compare_command(app);
  gcmsim::cli::add_validate_command(app);
  gcmsim::cli::add_explain_command(app);
  gcmsim::cli::add_metrics_command(app);
#ifdef GCMSIM_WITH_BENCH
  gcmsim::cli::add_bench_command(app);
#endif
  gcmsim::cli::add_sweep_command(app);
  gcmsim::cli::add_discover_command(app);
  gcmsim::cli::add_calibrate_command(app);
  gcmsim::cli::add_backtest_command(app);
  gcmsim::cli::add_serve_command(app);

  if (const std::string message = unknown_command(app, argc, argv); !message.empty()) {
    fmt::print(stderr, "{}", message);
    return gcmsim::cli::kExitInvalidInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {
    app.exit(e);
    fmt::print(stderr, "{}", option_hints(app));
    return gcmsim::cli::kExitInvalidInput;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return gcmsim::cli::kExitInvalidInput;
  } catch (const gcmsim::cli::ScenarioInvalid& e) {
    fmt::print(stderr, "{}\n", e.what());
    return gcmsim::cli::kExitInvalidInput;
  } catch (const gcmsim::output::FolderRefused& e) {
    fmt::print(stderr, "gcmsim: error: {}\n", e.what());
    return gcmsim::cli::kExitInvalidInput;
  } catch (const gcmsim::cli::InvalidInput& e) {
    fmt::print(stderr, "gcmsim: error: {}\n", e.what());
    return gcmsim::cli::kExitInvalidInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "gcmsim: error: {}\n", e.what());
    return gcmsim::cli::kExitFailure;
  }
  return gcmsim::cli::kExitOk;
}
