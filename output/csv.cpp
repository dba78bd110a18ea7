#include "output/csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace gcmsim::output {
namespace {

bool plain(std::string_view text) {
  // One pass over the characters (find_first_of searches the four-character set once per
  // character of the text: it was the largest single cost of writing a run's outputs).
  return std::none_of(text.begin(), text.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
}

bool append_special(std::string& out, double value) {
  if (std::isnan(value)) return true;  // a missing value: an empty field
  if (std::isinf(value)) {
    out += value > 0 ? "inf" : "-inf";
    return true;
  }
  return false;
}

// A fixed-point value of up to 308 integer digits and the decimals asked for fits.
constexpr std::size_t kNumberRoom = 400;

}  // namespace

void append_csv_field(std::string& out, std::string_view text) {
  if (plain(text)) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

void append_csv_number(std::string& out, double value, int decimals) {
  if (append_special(out, value)) return;
  std::array<char, kNumberRoom> buffer;
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
  if (error != std::errc()) throw std::invalid_argument(fmt::format("cannot write {} with {} decimals", value, decimals));
  const char* begin = buffer.data();
  const char* const last = end;
  // A small negative value rounds to "-0.000": the sign means nothing there and would make two
  // equal results differ in the file.
  if (*begin == '-' && std::all_of(begin + 1, last, [](char c) { return c == '0' || c == '.'; })) ++begin;
  out.append(begin, last);
}

std::string csv_number_or_empty(double value, int decimals) {
  return std::isfinite(value) ? csv_number(value, decimals) : std::string();
}

std::string csv_number(double value, int decimals) {
  std::string out;
  append_csv_number(out, value, decimals);
  return out;
}

void append_csv_exact(std::string& out, double value) {
  if (append_special(out, value)) return;
  if (value == 0.0) {  // -0.0 too: the sign would make two equal results differ
    out += '0';
    return;
  }
  // The shortest text that reads back as the same double, in fixed or scientific notation,
  // whichever is shorter: the same on every platform and locale.
  std::array<char, 32> buffer;
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (error != std::errc()) throw std::invalid_argument(fmt::format("cannot write {}", value));
  out.append(buffer.data(), end);
}

std::string csv_exact(double value) {
  std::string out;
  append_csv_exact(out, value);
  return out;
}

CsvTable::CsvTable(std::vector<std::string> columns) : columns_(std::move(columns)) {
  for (const std::string& c : columns_) text(c);
  text_ += '\n';
  fields_ = 0;
  row_start_ = text_.size();
}

void CsvTable::separator() {
  if (fields_ > 0) text_ += ',';
  ++fields_;
}

CsvTable& CsvTable::text(std::string_view field) {
  separator();
  append_csv_field(text_, field);
  return *this;
}

CsvTable& CsvTable::integer(std::int64_t value) {
  separator();
  std::array<char, 24> buffer;
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  text_.append(buffer.data(), end);
  return *this;
}

CsvTable& CsvTable::number(double value, int decimals) {
  separator();
  append_csv_number(text_, value, decimals);  // never quoted: digits, '.', '-', "inf"
  return *this;
}

CsvTable& CsvTable::exact(double value) {
  separator();
  append_csv_exact(text_, value);
  return *this;
}

CsvTable& CsvTable::boolean(bool value) {
  separator();
  text_ += value ? "true" : "false";
  return *this;
}

void CsvTable::end_row() {
  const std::size_t given = fields_;
  fields_ = 0;
  if (given != columns_.size()) {
    text_.resize(row_start_);  // the table stays as it was before the row
    throw std::invalid_argument(fmt::format("CSV row has {} fields, but the table has {} columns ({}, ...)", given,
                                            columns_.size(), columns_.empty() ? std::string() : columns_.front()));
  }
  text_ += '\n';
  row_start_ = text_.size();
  ++rows_;
}

void CsvTable::add_row(const std::vector<std::string>& fields) {
  for (const std::string& f : fields) text(f);
  end_row();
}

std::string iso_datetime(const Calendar& calendar, SimTime tick) {
  std::string text = calendar.to_string(tick);
  const auto space = text.find(' ');
  if (space != std::string::npos) text[space] = 'T';
  return text;
}

std::vector<std::string> split_csv_line(std::string_view line, std::vector<int>* columns) {
  std::vector<std::string> fields;
  if (columns != nullptr) columns->clear();
  std::string field;
  bool quoted = false;
  int start = 1;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || (!quoted && line[i] == ',')) {
      fields.push_back(std::move(field));
      field.clear();
      if (columns != nullptr) columns->push_back(start);
      start = static_cast<int>(i) + 2;
    } else if (line[i] == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else {
      field += line[i];
    }
  }
  return fields;
}

}  // namespace gcmsim::output
