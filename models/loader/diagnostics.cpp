#include "models/loader/diagnostics.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include <fmt/core.h>

#include "models/loader/text_checks.hpp"

namespace gcmsim::loader {

void Diagnostics::error(Location where, std::string message, int caret_length) {
  ++count_;
  if (list_.size() < kMaxKept) list_.push_back({where, std::move(message), std::max(1, caret_length), {}});
}

void Diagnostics::warning(Location where, std::string code, std::string message, int caret_length) {
  if (warnings_.size() < kMaxKept) warnings_.push_back({where, std::move(message), std::max(1, caret_length), std::move(code)});
}

namespace {

// How much of a source line a report shows around the column (bytes of the source).
constexpr std::size_t kContextBefore = 60;
constexpr std::size_t kContextAfter = 100;

std::string format_list(const std::vector<Diagnostic>& list, const SourceFiles& files, std::string_view severity) {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : list) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return std::tie(a->where.file, a->where.line, a->where.column) <
           std::tie(b->where.file, b->where.line, b->where.column);
  });
  std::string out;
  for (const Diagnostic* d : sorted) {
    const Location& w = d->where;
    const std::string message = printable(d->message);
    const std::string label = d->code.empty() ? std::string(severity) : fmt::format("{}[{}]", severity, d->code);
    if (w.file < 0 || static_cast<std::size_t>(w.file) >= files.size()) {
      out += fmt::format("{}: {}\n", label, message);
      continue;
    }
    out += fmt::format("{}:{}:{}: {}: {}\n", printable(files.path(w.file)), w.line, w.column, label, message);
    std::string_view text = files.line(w.file, w.line);
    if (text.empty()) continue;
    std::size_t column = std::min(text.size(), static_cast<std::size_t>(std::max(0, w.column - 1)));
    // A line of kilobytes (a generated file, one long --set) is shown as a window around the
    // column: one error's report stays a few lines, whatever the input.
    const bool cut_left = column > kContextBefore;
    std::size_t from = cut_left ? column - kContextBefore : 0;
    while (from < column && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;  // not mid-character
    std::size_t to = std::min(text.size(), column + kContextAfter);
    while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
    const bool cut_right = to < text.size();
    text = text.substr(from, to - from);
    column -= from;
    const std::string lead = cut_left ? "..." : "";
    // The caret goes under the escaped text: measure the escaped prefix, not the raw bytes.
    const std::string before = lead + printable(text.substr(0, column));
    const std::string culprit = printable(text.substr(column, static_cast<std::size_t>(d->caret_length)));
    const std::string gutter = fmt::format("{:>5}", w.line);
    out += fmt::format("{} | {}{}{}\n", gutter, lead, printable(text), cut_right ? "..." : "");
    const std::size_t tildes = culprit.empty() ? 0 : culprit.size() - 1;
    out += fmt::format("{} | {}^{}\n", std::string(gutter.size(), ' '), std::string(before.size(), ' '),
                       std::string(tildes, '~'));
  }
  return out;
}

}  // namespace

std::string Diagnostics::format(const SourceFiles& files) const {
  std::string out = format_list(list_, files, "error");
  if (count_ > list_.size()) out += fmt::format("error: {} more errors not shown\n", count_ - list_.size());
  return out;
}

std::string Diagnostics::format_warnings(const SourceFiles& files, std::string_view severity) const {
  return format_list(warnings_, files, severity);
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
  // Names are short; an edit distance over long texts would only cost time.
  constexpr std::size_t kLongest = 64;
  if (word.size() > kLongest) return {};
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const std::string& c : candidates) {
    if (c.size() > kLongest) continue;
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
