#pragma once
// Each subcommand of `gcmsim` registers its options on the app and runs from a callback.
#include <CLI/CLI.hpp>

namespace gcmsim::cli {

void add_backtest_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_discover_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_metrics_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_validate_command(CLI::App& app);

}  // namespace gcmsim::cli
