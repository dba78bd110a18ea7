#include "experiments/discover.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "experiments/sweep_results.hpp"
#include "models/loader/diagnostics.hpp"
#include "output/csv.hpp"

namespace gcmsim::experiments {
namespace {

namespace fs = std::filesystem;

std::optional<double> number(const std::string& s) {
  double x = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return x;
}

}  // namespace

bool Condition::holds(double x) const {
  if (op == "<") return x < value;
  if (op == "<=") return x <= value;
  if (op == ">") return x > value;
  if (op == ">=") return x >= value;
  if (op == "==") return x == value;
  return x != value;
}

Condition parse_condition(const std::string& text, const std::vector<std::string>& known) {
  std::size_t at = 0;
  const auto skip = [&] {
    while (at < text.size() && text[at] == ' ') ++at;
  };
  skip();
  const std::size_t name_start = at;
  while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_' || text[at] == '.')) ++at;
  Condition c;
  c.column = text.substr(name_start, at - name_start);
  if (c.column.empty()) {
    throw ConditionInvalid(fmt::format("expected a metric name (a column of runs.csv), found '{}'", text.substr(name_start)),
                           static_cast<int>(name_start) + 1);
  }
  if (std::find(known.begin(), known.end(), c.column) == known.end()) {
    throw ConditionInvalid(fmt::format("unknown metric '{}' (expected a metric column of runs.csv){}", c.column,
                                       loader::did_you_mean(c.column, known)),
                           static_cast<int>(name_start) + 1);
  }
  skip();
  const std::size_t op_start = at;
  for (const char* op : {"<=", ">=", "==", "!=", "<", ">"}) {
    if (text.compare(at, std::string_view(op).size(), op) == 0) {
      c.op = op;
      at += c.op.size();
      break;
    }
  }
  if (c.op.empty()) {
    throw ConditionInvalid(fmt::format("expected one of < <= > >= == != after '{}', found '{}'", c.column, text.substr(op_start)),
                           static_cast<int>(op_start) + 1);
  }
  skip();
  const std::size_t value_start = at;
  std::size_t end = text.size();
  while (end > at && text[end - 1] == ' ') --end;
  const auto v = number(text.substr(at, end - at));
  if (!v) {
    throw ConditionInvalid(fmt::format("expected a number after '{}', found '{}'", c.op, text.substr(value_start)),
                           static_cast<int>(value_start) + 1);
  }
  c.value = *v;
  return c;
}

Discovery discover(const fs::path& dir, const std::string& where, const PrimOptions& options) {
  const SweepInfo info = read_sweep_info(dir);
  std::ifstream in(dir / "runs.csv", std::ios::binary);
  if (!in) {
    throw std::runtime_error(fmt::format("{} has no runs.csv: the sweep has not finished (rerun it, or `gcmsim sweep merge {}`)",
                                         dir.string(), dir.string()));
  }
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = output::split_csv_line(line);
  std::vector<std::string> metrics;
  for (const sim::MetricInfo& m : info.metrics) metrics.push_back(m.key());
  Discovery d;
  d.parameters = info.design.parameters;
  d.condition = parse_condition(where, metrics);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t target = column(d.condition.column);
  std::vector<std::size_t> params;
  for (const std::string& p : d.parameters) params.push_back(column(p));
  std::vector<std::vector<double>> x;
  std::vector<bool> y;
  std::size_t number_line = 1;
  while (std::getline(in, line)) {
    ++number_line;
    const std::vector<std::string> f = output::split_csv_line(line);
    if (f.size() != header.size()) throw std::runtime_error(fmt::format("{}:{}: {} fields, expected {}", (dir / "runs.csv").string(), number_line, f.size(), header.size()));
    const auto outcome = number(f[target]);
    if (!outcome) {
      ++d.skipped;
      continue;
    }
    std::vector<double> row;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto v = number(f[params[i]]);
      if (!v) {
        throw std::invalid_argument(fmt::format("parameter '{}' has the value '{}' (line {} of runs.csv): PRIM needs numbers",
                                                d.parameters[i], f[params[i]], number_line));
      }
      row.push_back(*v);
    }
    x.push_back(std::move(row));
    y.push_back(d.condition.holds(*outcome));
  }
  const auto cases = std::count(y.begin(), y.end(), true);
  if (cases == 0) throw std::invalid_argument(fmt::format("no run has {} {} {}: there is no box to find", d.condition.column, d.condition.op, d.condition.value));
  if (static_cast<std::size_t>(cases) == y.size()) {
    throw std::invalid_argument(fmt::format("every run has {} {} {}: the box is the whole space", d.condition.column, d.condition.op, d.condition.value));
  }
  d.result = prim(x, y, options);
  return d;
}

}  // namespace gcmsim::experiments
