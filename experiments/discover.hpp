#pragma once
// Scenario discovery on a sweep's results folder: `gcmsim discover DIR --where 'conference_adopt <
// 150'` and gcmsim.discover(). Reads DIR/runs.csv (every run: its parameters and metrics), marks
// the runs the condition holds for, and finds the box of parameters that holds them (prim.hpp).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/prim.hpp"

namespace gcmsim::experiments {

// A condition on one metric: `<column> <op> <number>`, op one of < <= > >= == !=.
struct Condition {
  std::string column;
  std::string op;
  double value = 0.0;
  bool holds(double x) const;
};

// A bad condition: what() says what was found and what was expected; column is where (1-based).
struct ConditionInvalid : std::invalid_argument {
  ConditionInvalid(const std::string& message, int at) : std::invalid_argument(message), column(at) {}
  int column;
};

// `known` are the columns the condition may name (for did-you-mean).
Condition parse_condition(const std::string& text, const std::vector<std::string>& known);

struct Discovery {
  std::vector<std::string> parameters;
  Condition condition;
  std::size_t skipped = 0;  // runs without a value of the condition's metric
  PrimResult result;
};

// Throws ConditionInvalid for a bad condition, std::runtime_error for a folder without runs.csv,
// std::invalid_argument when no run (or every run) meets the condition or a parameter is not numeric.
Discovery discover(const std::filesystem::path& dir, const std::string& where, const PrimOptions& options = {});

}  // namespace gcmsim::experiments
