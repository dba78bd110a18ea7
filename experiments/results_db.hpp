#pragma once
// results.sqlite: a sweep's results as one SQLite database, for SQL or pandas.read_sql across
// thousands of runs. Like runs.csv it is built from the journals alone, at the end (the journal
// stays the durable record: a kill loses nothing the database would have held, and a resumed or
// merged sweep gives the same rows), and written atomically: built in a temporary file in DIR,
// synced, then renamed over results.sqlite, so a reader sees the old database or the whole new one.
//
// Tables (docs/experiments.md, "results.sqlite"):
//   manifest(key, value)             the sweep's identity: name, hash, file, seed, replications, design
//                                     kind, gcmsim version, and sweep.json whole
//   parameters(position, name)       metrics(position, key, name, grp, kind, unit)
//   design(point, <parameter>...)    runs(run, point, replication, seed, <parameter>..., <metric>...)
//   points(...)                      the columns of points.csv
//   series_info(name, step, unit, description)
//   series(run, point, replication, series, step, day, value)   the sweep file's `series`
//   sensitivity(...), sensitivity2(...)   the columns of the CSVs (Sobol designs)
// Values read as numbers are stored as REAL (INTEGER for counters), empty as NULL, others as TEXT.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "experiments/run_series.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace gcmsim::experiments {

class ResultsDb {
 public:
  // Creates DIR/.results.sqlite.<pid>.tmp; nothing is visible as results.sqlite until commit().
  explicit ResultsDb(const std::filesystem::path& dir);
  ~ResultsDb();  // without commit(): the temporary file is removed
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  // A table with these columns (quoted: metric keys hold dots); later rows() go to it. With
  // `keyed`, the first column is an INTEGER PRIMARY KEY (run, point): joins on it use the key.
  void table(const std::string& name, const std::vector<std::string>& columns, bool keyed = false);
  // One row of the current table from CSV-style texts: a number is stored as a number, an empty
  // text as NULL, anything else as TEXT.
  void row(const std::vector<std::string>& fields);
  void series(std::size_t run, std::size_t point, std::size_t replication, std::string_view name,
              const std::vector<SeriesPoint>& points);
  void index(const std::string& sql);
  void commit();  // indexes built, closed, synced, renamed to DIR/results.sqlite

 private:
  void exec(const std::string& sql);
  void finish_statement();

  std::filesystem::path path_;
  std::filesystem::path tmp_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* series_ = nullptr;
  std::size_t columns_ = 0;
};

}  // namespace gcmsim::experiments
