#pragma once
// `gcmsim run --plots` and `gcmsim compare --plots`: the run's figures (gantt.png, participation.png, trust_fund.png) beside its
// CSVs, drawn by the Python package's plotter (`python3 -m gcmsim.plot DIR`) so that the figures
// have one implementation. The package is found relative to this executable: <build>/python in a
// build tree, <prefix>/lib/python3/dist-packages once installed.
#include <filesystem>
#include <string>

namespace gcmsim::cli {

struct Plotter {
  std::string python;               // $GCMSIM_PYTHON, else Debian's /usr/bin/python3
  std::filesystem::path package;    // the folder holding gcmsim/ (put first on PYTHONPATH)
};

// Finds the interpreter and the package and checks that they import the plotter (matplotlib and
// pandas included), before anything is simulated: a planner learns at once, not after a long run,
// that the figures cannot be drawn. Throws InvalidInput (exit 2) saying what is missing.
Plotter find_plotter();

// Draws the figures of the run in DIR; `quiet` silences the list of files written. Throws
// std::runtime_error (exit 1; the CSVs stay) when the plotter fails.
void draw_plots(const Plotter& plotter, const std::filesystem::path& dir, bool quiet);

// `gcmsim compare --plots`: the figures of a what-if against its baseline (compare_gantt.png,
// compare_differences.png, compare_participation.png, compare_trust_fund.png) in DIR, beside its
// compare.csv, from two run folders of the paired replications (`python3 -m gcmsim.compare_plot`).
void draw_compare_plots(const Plotter& plotter, const std::filesystem::path& dir, const std::filesystem::path& base,
                        const std::filesystem::path& whatif, bool quiet);

// The figures draw_compare_plots writes, for the folder's claim.
inline constexpr const char* kComparePlots[] = {"compare_gantt.png", "compare_differences.png",
                                                "compare_participation.png", "compare_trust_fund.png"};

}  // namespace gcmsim::cli
