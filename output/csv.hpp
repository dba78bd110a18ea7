#pragma once
// CSV as RFC 4180 writes it, for tidy tables that pandas and R read without options: a header row,
// fields quoted only when they must be, CRLF-free ("\n" line ends, which both readers accept), and
// numbers formatted the same way on every machine and locale.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"

namespace gcmsim::output {

// The text as one field: quoted when it holds a comma, a double quote, CR or LF; quotes doubled.
std::string csv_field(std::string_view text);

// Fixed `decimals`, '.' as the decimal point whatever the locale, correctly rounded from the
// binary value (2.675 is stored as 2.67499... and gives "2.67"; exact ties go to even: 0.125 gives
// "0.12"), as fmt does on every platform. A result that rounds to zero is "0.00", never "-0.00".
// NaN is "" (a missing value: pandas reads it as NaN); infinities are "inf" and "-inf".
std::string csv_number(double value, int decimals);

// The shortest text that reads back as exactly `value` ("60.02083333333333", "75", "1e-07"): for
// numbers a user compares with a closed form (positions). NaN, infinities and -0 as csv_number.
std::string csv_exact(double value);

// ISO 8601 date and time to the minute, "2017-05-08T10:00", which pandas parses as a datetime
// without a format string (seconds are dropped: no event of the process is timed closer).
std::string iso_datetime(const Calendar& calendar, SimTime tick);

// A table that knows its columns: every row must have one field per column, so a writer cannot
// shift a column silently.
class CsvTable {
 public:
  explicit CsvTable(std::vector<std::string> columns);

  // Fields are raw text, quoted as needed and appended to the table's text at once (a table of
  // thousands of rows is written every replication: no row is kept as separate strings). Throws
  // std::invalid_argument when the number of fields differs from the number of columns.
  void add_row(const std::vector<std::string>& fields);

  std::size_t rows() const { return rows_; }
  // The header and every row, each line ending in "\n".
  std::string str() const { return text_; }

 private:
  std::vector<std::string> columns_;
  std::size_t rows_ = 0;
  std::string text_;  // the header and the rows so far
};

}  // namespace gcmsim::output
