#pragma once
#include <stdexcept>

// Exit codes of gcmsim, shared by every subcommand and documented in --help.
namespace gcmsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;       // the run itself failed (I/O, internal error)
inline constexpr int kExitInvalidInput = 2;  // bad command line or scenario

// Thrown by a subcommand for input the user must fix; main prints it and exits with code 2.
struct InvalidInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A scenario's error report, already formatted as file:line:column: error: lines; printed as is.
struct ScenarioInvalid : InvalidInput {
  using InvalidInput::InvalidInput;
};

}  // namespace gcmsim::cli
