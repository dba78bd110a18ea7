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
};

class Diagnostics {
 public:
  // A hostile file can hold a million errors; the first ones are kept and the rest only counted.
  static constexpr std::size_t kMaxKept = 1000;

  void error(Location where, std::string message, int caret_length = 1);
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }
  const std::vector<Diagnostic>& list() const { return list_; }
  // Every kept diagnostic, ordered by file, line and column, with the source line and a caret.
  // Text from the scenario is shown with its control characters escaped (text_checks.hpp).
  std::string format(const SourceFiles& files) const;

 private:
  std::vector<Diagnostic> list_;
  std::size_t count_ = 0;
};

// The candidate closest to `word` by edit distance, if close enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gcmsim::loader
