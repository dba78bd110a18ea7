#pragma once
// CSV as RFC 4180 writes it, for tidy tables that pandas and R read without options: a header row,
// fields quoted only when they must be, CRLF-free ("\n" line ends, which both readers accept), and
// numbers formatted the same way on every machine and locale.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"

namespace gcmsim::output {

// The text as one field: quoted when it holds a comma, a double quote, CR or LF; quotes doubled.
std::string csv_field(std::string_view text);
void append_csv_field(std::string& out, std::string_view text);

// One line of a CSV read back (the tables gcmsim wrote: decisions.csv for a replay, runs.csv for
// discover, a design table): fields split at commas outside double quotes, quotes undone ("" inside
// quotes is one "). `columns`, when given, receives each field's first column (1-based) for
// located errors. The one reader of the fields csv_field writes.
std::vector<std::string> split_csv_line(std::string_view line, std::vector<int>* columns = nullptr);

// Fixed `decimals`, '.' as the decimal point whatever the locale, correctly rounded from the
// binary value (2.675 is stored as 2.67499... and gives "2.67"; exact ties go to even: 0.125 gives
// "0.12"). A result that rounds to zero is "0.00", never "-0.00". NaN is "" (a missing value:
// pandas reads it as NaN); infinities are "inf" and "-inf". std::to_chars: no locale, no format
// string to parse, written straight into the row.
std::string csv_number(double value, int decimals);
// csv_number, or an empty field for a value that is not a finite number (an unknown mean or bound).
std::string csv_number_or_empty(double value, int decimals);
void append_csv_number(std::string& out, double value, int decimals);

// The shortest text that reads back as exactly `value` ("60.02083333333333", "75", "1e-07"): for
// numbers a user compares with a closed form (positions). NaN, infinities and -0 as csv_number.
std::string csv_exact(double value);
void append_csv_exact(std::string& out, double value);

// ISO 8601 date and time to the minute, "2017-05-08T10:00", which pandas parses as a datetime
// without a format string (seconds are dropped: no event of the process is timed closer).
std::string iso_datetime(const Calendar& calendar, SimTime tick);

// iso_datetime for rows that come in time order, many at one time (a day's snapshot of every state,
// a meeting's trips): the text is made once per distinct time (formatting a date was a third of
// writing acceptance.csv).
class DateTimeText {
 public:
  explicit DateTimeText(const Calendar& calendar) : calendar_(calendar) {}
  const std::string& operator()(SimTime tick) {
    if (!last_ || *last_ != tick) {
      text_ = iso_datetime(calendar_, tick);
      last_ = tick;
    }
    return text_;
  }

 private:
  const Calendar& calendar_;
  std::optional<SimTime> last_;
  std::string text_;
};

// A table that knows its columns: every row must have one field per column, so a writer cannot
// shift a column silently. The whole table is one string: each field is appended to it as it is
// given (numbers formatted in place), never kept as a separate string.
class CsvTable {
 public:
  explicit CsvTable(std::vector<std::string> columns);

  // Fields are raw text, quoted as needed. Throws std::invalid_argument when the number of fields
  // differs from the number of columns.
  void add_row(const std::vector<std::string>& fields);

  // A row field by field: `table.text(id).integer(n).number(x, 4).end_row();`. end_row throws
  // std::invalid_argument (and drops the row) when the fields given differ from the columns.
  CsvTable& text(std::string_view field);
  CsvTable& integer(std::int64_t value);
  CsvTable& number(double value, int decimals);
  CsvTable& exact(double value);
  CsvTable& boolean(bool value);
  void end_row();

  // Room for about `rows` rows of `bytes_per_row` (a writer knows its table's size up front).
  void reserve(std::size_t rows, std::size_t bytes_per_row) { text_.reserve(text_.size() + rows * bytes_per_row); }

  std::size_t rows() const { return rows_; }
  // The header and every row, each line ending in "\n".
  const std::string& str() const& { return text_; }
  std::string str() && { return std::move(text_); }

 private:
  void separator();

  std::vector<std::string> columns_;
  std::size_t rows_ = 0;
  std::size_t fields_ = 0;     // in the row being built
  std::size_t row_start_ = 0;  // where it begins in text_
  std::string text_;           // the header and the rows so far
};

}  // namespace gcmsim::output
