#pragma once
// Errors in a scenario, collected in one pass and printed the way compilers print them:
//   scenarios/x.yaml:42:7: error: unknown key 'venu' in activity 'ts1'; did you mean 'venue'?
//      42 |       venu: geneva
//         |       ^~~~
#include <string>
#include <string_view>
#include <vector>

#include "models/loader/source_map.hpp"

namespace gcmsim::loader {

struct Diagnostic {
  Location where;
  std::string message;
  int caret_length = 1;  // how many characters to underline
  std::string code;      // a warning's name ("OP28", "infeasible-plan"); empty for errors
};

class Diagnostics {
 public:
  // A hostile file can hold a million errors; the first ones are kept and the rest only counted.
  static constexpr std::size_t kMaxKept = 1000;

  void error(Location where, std::string message, int caret_length = 1);
  // A scenario that loads but breaks a rule a planner should know of (resolution 71/280, a plan
  // that cannot hold): printed as `warning[code]: ...`. Warnings never stop a load; empty(),
  // size() and list() count errors only. `validate --strict` turns them into errors.
  void warning(Location where, std::string code, std::string message, int caret_length = 1);
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }
  const std::vector<Diagnostic>& list() const { return list_; }
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  void clear_warnings() { warnings_.clear(); }
  // Every kept diagnostic, ordered by file, line and column, with the source line and a caret.
  // Text from the scenario is shown with its control characters escaped (text_checks.hpp).
  std::string format(const SourceFiles& files) const;
  // The warnings the same way, `severity` naming them ("warning", or "error" under --strict).
  std::string format_warnings(const SourceFiles& files, std::string_view severity = "warning") const;

 private:
  std::vector<Diagnostic> list_;
  std::vector<Diagnostic> warnings_;
  std::size_t count_ = 0;
};

// The candidate closest to `word` by edit distance, if close enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gcmsim::loader
