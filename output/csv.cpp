#include "output/csv.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace gcmsim::output {
namespace {

void append_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += '\n';
}

}  // namespace

std::string csv_field(std::string_view text) {
  // One pass over the characters (find_first_of searches the four-character set once per
  // character of the text: it was the largest single cost of writing a run's outputs).
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_number(double value, int decimals) {
  if (std::isnan(value)) return {};
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // fmt formats with the C locale's '.', unlike printf under a user's LC_NUMERIC.
  std::string out = fmt::format("{:.{}f}", value, decimals);
  // A small negative value rounds to "-0.000": the sign means nothing there and would make two
  // equal results differ in the file.
  if (out.front() == '-' && out.find_first_not_of("0.", 1) == std::string::npos) out.erase(0, 1);
  return out;
}

std::string csv_exact(double value) {
  if (std::isnan(value)) return {};
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return "0";  // -0.0 too: the sign would make two equal results differ
  // fmt's default for a double is the shortest text that reads back as the same double (Dragonbox),
  // the same on every platform and locale.
  return fmt::format("{}", value);
}

CsvTable::CsvTable(std::vector<std::string> columns) : columns_(std::move(columns)) { append_line(text_, columns_); }

void CsvTable::add_row(const std::vector<std::string>& fields) {
  if (fields.size() != columns_.size()) {
    throw std::invalid_argument(fmt::format("CSV row has {} fields, but the table has {} columns ({}, ...)",
                                            fields.size(), columns_.size(),
                                            columns_.empty() ? std::string() : columns_.front()));
  }
  append_line(text_, fields);
  ++rows_;
}

std::string iso_datetime(const Calendar& calendar, SimTime tick) {
  std::string text = calendar.to_string(tick);
  const auto space = text.find(' ');
  if (space != std::string::npos) text[space] = 'T';
  return text;
}

}  // namespace gcmsim::output
