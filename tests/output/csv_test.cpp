#include "output/csv.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <string>
#include <limits>
#include <stdexcept>
#include <vector>

using gcmsim::output::csv_exact;
using gcmsim::output::csv_field;
using gcmsim::output::csv_number;
using gcmsim::output::CsvTable;

TEST_CASE("plain CSV fields are written as they are", "[output]") {
  CHECK(csv_field("ts1") == "ts1");
  CHECK(csv_field("") == "");
  CHECK(csv_field("Palais des Nations; Geneva") == "Palais des Nations; Geneva");
}

TEST_CASE("CSV fields with a comma, quote, CR or LF are quoted with quotes doubled", "[output]") {
  CHECK(csv_field("Geneva, Switzerland") == "\"Geneva, Switzerland\"");
  CHECK(csv_field("the \"zero draft\"") == "\"the \"\"zero draft\"\"\"");
  CHECK(csv_field("line one\nline two") == "\"line one\nline two\"");
  CHECK(csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
}

TEST_CASE("csv_number has fixed decimals and rounds the binary value correctly", "[output]") {
  CHECK(csv_number(3.0, 1) == "3.0");
  CHECK(csv_number(2.0 / 3.0, 4) == "0.6667");
  CHECK(csv_number(1234567.891, 2) == "1234567.89");
  CHECK(csv_number(2.675, 2) == "2.67");  // stored as 2.67499999...
  CHECK(csv_number(0.125, 2) == "0.12");  // an exact tie goes to even
  CHECK(csv_number(-1.25, 1) == "-1.2");
  CHECK(csv_number(-1.26, 1) == "-1.3");
  CHECK(csv_number(7.0, 0) == "7");
}

TEST_CASE("csv_number never writes a negative zero", "[output]") {
  CHECK(csv_number(-0.0, 2) == "0.00");
  CHECK(csv_number(-0.004, 2) == "0.00");
  CHECK(csv_number(-0.00004, 4) == "0.0000");
  CHECK(csv_number(-0.4, 0) == "0");
  CHECK(csv_number(-0.005001, 2) == "-0.01");
}

TEST_CASE("csv_exact writes the shortest text that reads back as the same double", "[output]") {
  for (const double v : {2.0 / 3.0, 60.0 + 1.0 / 48.0, 0.1 + 0.2, 1e-7, 123456789.125, -74.98611111111111}) {
    const std::string text = csv_exact(v);
    CHECK(std::strtod(text.c_str(), nullptr) == v);
  }
  CHECK(csv_exact(75.0) == "75");
  CHECK(csv_exact(0.1 + 0.2) == "0.30000000000000004");
  CHECK(csv_exact(-0.0) == "0");
  CHECK(csv_exact(std::numeric_limits<double>::quiet_NaN()) == "");
  CHECK(csv_exact(-std::numeric_limits<double>::infinity()) == "-inf");
}

TEST_CASE("csv_number writes NaN as an empty field and infinities as inf", "[output]") {
  CHECK(csv_number(std::numeric_limits<double>::quiet_NaN(), 2) == "");
  CHECK(csv_number(std::numeric_limits<double>::infinity(), 2) == "inf");
  CHECK(csv_number(-std::numeric_limits<double>::infinity(), 2) == "-inf");
}

TEST_CASE("a CSV table writes its header and quoted rows", "[output]") {
  CsvTable table({"id", "venue", "note"});
  table.add_row({"ts1", "geneva", "moderated by \"MEX\", CHE"});
  table.add_row({"ts2", "", "two\nlines"});
  CHECK(table.rows() == 2);
  CHECK(table.str() ==
        "id,venue,note\n"
        "ts1,geneva,\"moderated by \"\"MEX\"\", CHE\"\n"
        "ts2,,\"two\nlines\"\n");
}

TEST_CASE("a CSV table refuses a row with the wrong number of fields", "[output]") {
  CsvTable table({"a", "b"});
  CHECK_THROWS_AS(table.add_row({"1"}), std::invalid_argument);
  CHECK_THROWS_AS(table.add_row({"1", "2", "3"}), std::invalid_argument);
  CHECK(table.rows() == 0);
  CHECK(table.str() == "a,b\n");
}

TEST_CASE("a CSV table built field by field writes what add_row writes", "[output]") {
  CsvTable by_row({"id", "note", "n", "x", "exact", "flag"});
  by_row.add_row({"ts1", "a, b", "-42", "2.67", "0.30000000000000004", "true"});
  CsvTable by_field({"id", "note", "n", "x", "exact", "flag"});
  by_field.text("ts1").text("a, b").integer(-42).number(2.675, 2).exact(0.1 + 0.2).boolean(true).end_row();
  CHECK(by_field.rows() == 1);
  CHECK(by_field.str() == by_row.str());
  CHECK(by_field.str() == "id,note,n,x,exact,flag\nts1,\"a, b\",-42,2.67,0.30000000000000004,true\n");
}

TEST_CASE("a row built field by field with the wrong count is refused and leaves no trace", "[output]") {
  CsvTable table({"a", "b"});
  table.text("1");
  CHECK_THROWS_AS(table.end_row(), std::invalid_argument);
  table.text("1").number(2.0, 1).text("3");
  CHECK_THROWS_AS(table.end_row(), std::invalid_argument);
  table.integer(1).integer(2).end_row();
  CHECK(table.rows() == 1);
  CHECK(table.str() == "a,b\n1,2\n");
}

TEST_CASE("numbers written with to_chars: fixed decimals and shortest round trip", "[output]") {
  // What the old fmt-based writer gave, kept byte for byte (the files must not change).
  CHECK(csv_number(1e300, 2).size() == 304);
  CHECK(csv_number(12.5, 0) == "12");  // ties to even, as printf and fmt
  CHECK(csv_number(13.5, 0) == "14");
  CHECK(csv_exact(15.0) == "15");
  CHECK(csv_exact(60.0208488294) == "60.0208488294");
  CHECK(csv_exact(1e-07) == "1e-07");
  CHECK(csv_exact(123456.0) == "123456");
}

TEST_CASE("split_csv_line reads back the fields csv_field writes, with each field's column", "[output]") {
  using gcmsim::output::split_csv_line;
  const std::vector<std::string> written{"plain", "with, comma", "say \"no\"", "", "two\nlines"};
  std::string line;
  for (const std::string& f : written) {
    if (!line.empty()) line += ',';
    line += csv_field(f);
  }
  CHECK(split_csv_line(line) == written);
  std::vector<int> columns;
  CHECK(split_csv_line("a,\"b,c\",,d", &columns) == std::vector<std::string>{"a", "b,c", "", "d"});
  CHECK(columns == std::vector<int>{1, 3, 9, 10});
  CHECK(split_csv_line("") == std::vector<std::string>{""});
  CHECK(split_csv_line("\"\"\"\"") == std::vector<std::string>{"\""});  // a field holding one quote
}
