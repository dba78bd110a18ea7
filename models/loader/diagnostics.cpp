#include "models/loader/diagnostics.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/core.h>

namespace gcmsim::loader {

void Diagnostics::error(Location where, std::string message, int caret_length) {
  list_.push_back({where, std::move(message), std::max(1, caret_length)});
}

std::string Diagnostics::format(const SourceFiles& files) const {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : list_) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return std::tie(a->where.file, a->where.line, a->where.column) <
           std::tie(b->where.file, b->where.line, b->where.column);
  });
  std::string out;
  for (const Diagnostic* d : sorted) {
    const Location& w = d->where;
    if (w.file < 0) {
      out += fmt::format("error: {}\n", d->message);
      continue;
    }
    out += fmt::format("{}:{}:{}: error: {}\n", files.path(w.file), w.line, w.column, d->message);
    const std::string_view text = files.line(w.file, w.line);
    if (text.empty()) continue;
    const std::string gutter = fmt::format("{:>5}", w.line);
    out += fmt::format("{} | {}\n", gutter, text);
    const int available = static_cast<int>(text.size()) - (w.column - 1);
    const int tildes = std::max(0, std::min(d->caret_length, available) - 1);
    out += fmt::format("{} | {}^{}\n", std::string(gutter.size(), ' '),
                       std::string(static_cast<std::size_t>(std::max(0, w.column - 1)), ' '),
                       std::string(static_cast<std::size_t>(tildes), '~'));
  }
  return out;
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // A typo changes a few characters; beyond a third of the word it is another word.
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  return best_distance <= limit ? best : std::string{};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string match = closest_match(word, candidates);
  return match.empty() ? std::string{} : fmt::format("; did you mean '{}'?", match);
}

}  // namespace gcmsim::loader
