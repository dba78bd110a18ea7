#include "experiments/results_db.hpp"

#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

#include <fmt/format.h>
#include <sqlite3.h>

namespace gcmsim::experiments {
namespace {

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

ResultsDb::ResultsDb(const std::filesystem::path& dir)
    : path_(dir / "results.sqlite"), tmp_(dir / fmt::format(".results.sqlite.{}.tmp", ::getpid())) {
  std::filesystem::remove(tmp_);
  if (sqlite3_open_v2(tmp_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(fmt::format("cannot create {}: {}", tmp_.string(), why));
  }
  // A file nobody reads until it is renamed: no rollback journal, no syncs while it is built
  // (commit() syncs it once, whole).
  exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=65536; BEGIN");
}

ResultsDb::~ResultsDb() {
  if (db_ != nullptr) {
    finish_statement();
    sqlite3_finalize(series_);
    sqlite3_close(db_);
    std::remove(tmp_.c_str());
  }
}

void ResultsDb::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("{}: {} (in: {})", tmp_.string(), why, sql.substr(0, 200)));
  }
}

void ResultsDb::finish_statement() {
  sqlite3_finalize(insert_);
  insert_ = nullptr;
}

void ResultsDb::table(const std::string& name, const std::vector<std::string>& columns, bool keyed) {
  finish_statement();
  std::string create = fmt::format("CREATE TABLE {} (", quoted(name));
  std::string insert = fmt::format("INSERT INTO {} VALUES (", quoted(name));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    // NUMERIC affinity: numbers stay numbers and texts texts, and a join or a comparison with an
    // INTEGER column (series.run) can use an index (a column without affinity cannot).
    create += (i ? ", " : "") + quoted(columns[i]) + (i == 0 && keyed ? " INTEGER PRIMARY KEY" : " NUMERIC");
    insert += i ? ", ?" : "?";
  }
  exec(create + ")");
  if (sqlite3_prepare_v2(db_, (insert + ")").c_str(), -1, &insert_, nullptr) != SQLITE_OK) {
    throw std::runtime_error(fmt::format("{}: {}", tmp_.string(), sqlite3_errmsg(db_)));
  }
  columns_ = columns.size();
}

void ResultsDb::row(const std::vector<std::string>& fields) {
  if (insert_ == nullptr || fields.size() != columns_) throw std::logic_error("ResultsDb::row: no table, or a row of another width");
  sqlite3_reset(insert_);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string& f = fields[i];
    const int at = static_cast<int>(i) + 1;
    long long integer = 0;
    double real = 0;
    const char* end = f.data() + f.size();
    if (f.empty()) {
      sqlite3_bind_null(insert_, at);
    } else if (auto r = std::from_chars(f.data(), end, integer); r.ec == std::errc() && r.ptr == end) {
      sqlite3_bind_int64(insert_, at, integer);
    } else if (auto d = std::from_chars(f.data(), end, real); d.ec == std::errc() && d.ptr == end) {
      sqlite3_bind_double(insert_, at, real);
    } else {
      sqlite3_bind_text(insert_, at, f.data(), static_cast<int>(f.size()), SQLITE_TRANSIENT);
    }
  }
  if (sqlite3_step(insert_) != SQLITE_DONE) throw std::runtime_error(fmt::format("{}: {}", tmp_.string(), sqlite3_errmsg(db_)));
}

void ResultsDb::series(std::size_t run, std::size_t point, std::size_t replication, std::string_view name,
                       const std::vector<SeriesPoint>& points) {
  if (series_ == nullptr) {
    exec("CREATE TABLE series (run INTEGER, point INTEGER, replication INTEGER, series TEXT, step INTEGER, day REAL, value REAL)");
    if (sqlite3_prepare_v2(db_, "INSERT INTO series VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &series_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("{}: {}", tmp_.string(), sqlite3_errmsg(db_)));
    }
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    sqlite3_reset(series_);
    sqlite3_bind_int64(series_, 1, static_cast<sqlite3_int64>(run));
    sqlite3_bind_int64(series_, 2, static_cast<sqlite3_int64>(point));
    sqlite3_bind_int64(series_, 3, static_cast<sqlite3_int64>(replication));
    sqlite3_bind_text(series_, 4, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
    sqlite3_bind_int64(series_, 5, static_cast<sqlite3_int64>(i));
    sqlite3_bind_double(series_, 6, points[i].day);
    sqlite3_bind_double(series_, 7, points[i].value);
    if (sqlite3_step(series_) != SQLITE_DONE) throw std::runtime_error(fmt::format("{}: {}", tmp_.string(), sqlite3_errmsg(db_)));
  }
}

void ResultsDb::index(const std::string& sql) { exec(sql); }

void ResultsDb::commit() {
  finish_statement();
  sqlite3_finalize(series_);
  series_ = nullptr;
  exec("COMMIT");
  if (sqlite3_close(db_) != SQLITE_OK) throw std::runtime_error(fmt::format("cannot close {}", tmp_.string()));
  db_ = nullptr;
  const int fd = ::open(tmp_.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) {
    std::remove(tmp_.c_str());
    throw std::runtime_error(fmt::format("cannot sync {}", tmp_.string()));
  }
  std::filesystem::rename(tmp_, path_);
}

}  // namespace gcmsim::experiments
