#include "experiments/sweep_results.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <utility>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "engine/bounded_file.hpp"
#include "engine/file_calls.hpp"
#include "engine/statistics.hpp"
#include "experiments/morris.hpp"
#include "experiments/results_db.hpp"
#include "experiments/run_series.hpp"
#include "experiments/sobol_indices.hpp"
#include "models/run/simulate.hpp"
#include "experiments/sweep_plan.hpp"
#include "output/atomic_file.hpp"
#include "output/csv.hpp"
#include "output/replications.hpp"

namespace gcmsim::experiments {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;


sim::MetricKind kind_from(const std::string& s) {
  for (auto k : {sim::MetricKind::count, sim::MetricKind::share, sim::MetricKind::flag, sim::MetricKind::days,
                 sim::MetricKind::day, sim::MetricKind::amount}) {
    if (sim::to_string(k) == s) return k;
  }
  return sim::MetricKind::number;
}

// A table written line by line to a temporary file in the same folder, synced and renamed over
// the target when complete: readers see the old file or the whole new one, and memory does not
// grow with the number of rows.
class StreamedFile {
 public:
  explicit StreamedFile(fs::path path)
      : path_(std::move(path)), tmp_(path_.parent_path() / fmt::format(".{}.{}.tmp", path_.filename().string(), ::getpid())) {
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", tmp_.string(), std::generic_category().message(errno)));
  }
  ~StreamedFile() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(tmp_.c_str());
    }
  }
  StreamedFile(const StreamedFile&) = delete;
  StreamedFile& operator=(const StreamedFile&) = delete;
  void write(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kFlushBytes) flush();
  }
  void commit() {
    flush();
    if (const int error = sync_file(fd_); error != 0) fail(error);
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) {
      const int error = errno;
      ::unlink(tmp_.c_str());
      fail(error);
    }
    fs::rename(tmp_, path_);
  }

 private:
  // Lines gathered and written in pieces of this size: few system calls, memory bounded.
  static constexpr std::size_t kFlushBytes = 1u << 20;
  void flush() {
    if (const int error = write_fully(fd_, buffer_); error != 0) fail(error);
    buffer_.clear();
  }
  [[noreturn]] void fail(int error) const {
    throw std::runtime_error(fmt::format("cannot write {}: {}", tmp_.string(), std::generic_category().message(error)));
  }

  fs::path path_;
  fs::path tmp_;
  int fd_ = -1;
  std::string buffer_;
};

// A journal opened for reading single records where the index says they are (pread: no stream
// buffer refilled and thrown away at every seek, which is what the tables' order costs a stream).
class JournalFile {
 public:
  explicit JournalFile(const fs::path& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error(fmt::format("cannot read {}", path_.string()));
  }
  ~JournalFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  JournalFile(JournalFile&& o) noexcept : path_(std::move(o.path_)), fd_(std::exchange(o.fd_, -1)) {}
  JournalFile(const JournalFile&) = delete;
  JournalFile& operator=(const JournalFile&) = delete;
  JournalFile& operator=(JournalFile&&) = delete;

  void read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    out.resize(length);
    std::size_t done = 0;
    while (done < length) {
      const ssize_t n = ::pread(fd_, out.data() + done, length - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error(fmt::format("{}: cannot read the record at byte {}", path_.string(), offset));
      done += static_cast<std::size_t>(n);
    }
  }

 private:
  fs::path path_;
  int fd_;
};

std::string row(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += output::csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

std::string stat(double x) { return std::isfinite(x) ? fmt::format("{:.10g}", x) : std::string(); }

// Where each run's record lies, checked: every run once, from the shard that owns it.
struct RunIndex {
  std::vector<std::int32_t> journal;  // -1: not found
  std::vector<std::uint64_t> offset;
  std::vector<std::uint32_t> length;
};

RunIndex index_runs(const SweepInfo& info, const std::vector<JournalContents>& journals, const fs::path& dir) {
  RunIndex idx;
  idx.journal.assign(info.runs(), -1);
  idx.offset.assign(info.runs(), 0);
  idx.length.assign(info.runs(), 0);
  std::size_t count = 0;
  for (const JournalContents& j : journals) count = std::max(count, j.header.shard.count);
  for (std::size_t n = 0; n < journals.size(); ++n) {
    const JournalContents& j = journals[n];
    if (j.header.shard.count != count) {
      throw std::runtime_error(fmt::format("{} belongs to a split into {} shards, {} to one into {}: they cannot be merged",
                                           j.path.string(), j.header.shard.count, journals[0].path.string(), count));
    }
    for (const auto& [run, offset, length] : j.records) {
      if (run >= info.runs()) throw std::runtime_error(fmt::format("{}: run {} is beyond the sweep's {} runs", j.path.string(), run, info.runs()));
      if (idx.journal[run] >= 0) {
        throw std::runtime_error(fmt::format("run {} is recorded twice (in {} and {}): the journals overlap", run,
                                             journals[static_cast<std::size_t>(idx.journal[run])].path.string(), j.path.string()));
      }
      idx.journal[run] = static_cast<std::int32_t>(n);
      idx.offset[run] = offset;
      idx.length[run] = length;
    }
  }
  if (count == 0) throw std::runtime_error(fmt::format("{} holds no journal: nothing has run yet", dir.string()));
  std::vector<bool> present(count, false);
  for (const JournalContents& j : journals) present[j.header.shard.index] = true;
  std::string problems;
  for (std::size_t s = 0; s < count; ++s) {
    const Shard shard{s, count};
    if (!present[s]) {
      problems += fmt::format("shard {} is missing: no {}\n", shard.label(), journal_path(dir, shard).string());
      continue;
    }
    std::size_t missing = 0;
    std::size_t first = 0;
    for (std::size_t r = s; r < info.runs(); r += count) {
      if (idx.journal[r] < 0 && missing++ == 0) first = r;
    }
    if (missing > 0) {
      problems += fmt::format("shard {} is incomplete: {} of its runs are missing (the first is run {}: point {}, replication {}); "
                              "run it again with --shard {} to finish it\n",
                              shard.label(), missing, first, first % info.design.size(), first / info.design.size(), shard.label());
    }
  }
  if (!problems.empty()) {
    for (const JournalContents& j : journals) {
      for (const std::string& skipped : j.skipped) problems += skipped + "\n";
    }
    throw std::runtime_error(fmt::format("{}the tables were not written", problems));
  }
  return idx;
}


// "S1 wide, ST ranked otherwise on the first half": what keeps an index from being trusted.
std::string flags_of(const IndexEstimate& s1, const IndexEstimate& st) {
  std::vector<std::string> flags;
  if (s1.wide) flags.emplace_back("S1 wide");
  if (s1.rank_changed) flags.emplace_back("S1 rank changes on half");
  if (st.wide) flags.emplace_back("ST wide");
  if (st.rank_changed) flags.emplace_back("ST rank changes on half");
  return fmt::format("{}", fmt::join(flags, "; "));
}

// sensitivity.csv (and sensitivity2.csv with second order) from each point's means; returns the
// warnings a reader must see.
std::vector<std::string> write_sensitivity(const fs::path& dir, const SweepInfo& info, const std::vector<std::vector<double>>& means,
                                           ResultsDb& db) {
  const std::size_t k = info.design.parameters.size();
  const std::size_t P = info.design.size();
  const SobolOptions options{info.bootstrap, info.design_seed, info.second_order, info.max_width, 0.05};
  const std::size_t n = P / SaltelliLayout{k, info.second_order}.stride();
  StreamedFile sens(dir / "sensitivity.csv");
  const std::vector<std::string> columns{"metric", "parameter", "S1", "S1_low", "S1_high", "S1_half", "ST", "ST_low", "ST_high",
                                         "ST_half", "rows", "converged", "flags", "constant"};
  const std::vector<std::string> columns2{"metric", "parameter", "other", "S2", "S2_low", "S2_high", "rows"};
  sens.write(row(columns));
  std::optional<StreamedFile> sens2;
  if (info.second_order) {
    sens2.emplace(dir / "sensitivity2.csv");
    sens2->write(row(columns2));
  }
  std::vector<std::vector<std::string>> rows1, rows2;  // for the database, after the CSVs' rows
  std::vector<std::string> warnings;
  std::vector<std::string> constant, unconverged;
  std::size_t flagged = 0;
  std::vector<double> y(P);
  for (std::size_t m = 0; m < info.metrics.size(); ++m) {
    for (std::size_t p = 0; p < P; ++p) y[p] = means[p][m];
    const SobolIndices s = sobol_indices(y, k, options);
    const std::string key = info.metrics[m].key();
    if (s.constant) constant.push_back(fmt::format("{} = {}", key, *s.constant));
    for (std::size_t i = 0; i < k; ++i) {
      const IndexEstimate& s1 = s.first[i];
      const IndexEstimate& st = s.total[i];
      const bool ok = !s.constant && s1.converged() && st.converged();
      if (!s.constant) flagged += !s1.converged() + !st.converged();
      rows1.push_back({key, info.design.parameters[i], stat(s1.value), stat(s1.low), stat(s1.high), stat(s1.half), stat(st.value),
                       stat(st.low), stat(st.high), stat(st.half), fmt::format("{}", s.rows), ok ? "true" : "false",
                       s.constant ? "constant" : s.rows == 0 ? "no values" : flags_of(s1, st),
                       s.constant ? stat(*s.constant) : std::string()});
      sens.write(row(rows1.back()));
      for (std::size_t l = i + 1; sens2 && l < k; ++l) {
        const IndexEstimate& s2 = s.second[i][l];
        rows2.push_back({key, info.design.parameters[i], info.design.parameters[l], stat(s2.value), stat(s2.low), stat(s2.high),
                         fmt::format("{}", s.rows)});
        sens2->write(row(rows2.back()));
      }
    }
    if (!s.constant && !s.converged()) unconverged.push_back(key);
  }
  sens.commit();
  if (sens2) sens2->commit();
  db.table("sensitivity", columns);
  for (const auto& r : rows1) db.row(r);
  if (sens2) {
    db.table("sensitivity2", columns2);
    for (const auto& r : rows2) db.row(r);
  }
  if (!constant.empty()) {
    warnings.push_back(fmt::format("sensitivity.csv: {} the same in every run ({}): no index can be estimated for {}",
                                   constant.size() == 1 ? "one metric is" : fmt::format("{} metrics are", constant.size()),
                                   fmt::join(constant, ", "), constant.size() == 1 ? "it" : "them"));
  }
  if (!unconverged.empty()) {
    warnings.push_back(fmt::format(
        "sensitivity.csv: {} indices of {} have not converged at N = {} (interval wider than {} or a ranking that changes on the "
        "first half of the sample; see its 'flags' column): rerun with a larger design.samples (N = {} would halve the "
        "intervals' width)",
        flagged, fmt::join(unconverged, ", "), n, info.max_width, 4 * n));
  }
  return warnings;
}

// The sweep's identity and layout in the database: manifest, parameters, metrics, design, series_info.
void describe_sweep(ResultsDb& db, const SweepInfo& info) {
  const std::string kind = info.sobol ? "sobol" : info.morris ? "morris" : "";
  db.table("manifest", {"key", "value"});
  db.row({"name", info.name});
  db.row({"hash", info.hash});
  db.row({"file", info.file});
  if (!kind.empty()) db.row({"design", kind});
  db.row({"points", fmt::format("{}", info.design.size())});
  db.row({"replications", fmt::format("{}", info.replications)});
  db.row({"runs", fmt::format("{}", info.runs())});
  db.row({"seed", fmt::format("{}", info.seed)});
  db.row({"gcmsim_version", sim::version()});
  db.row({"sweep_json", info.to_json().dump()});
  db.table("parameters", {"position", "name"});
  for (std::size_t i = 0; i < info.design.parameters.size(); ++i) db.row({fmt::format("{}", i), info.design.parameters[i]});
  db.table("metrics", {"position", "key", "name", "grp", "kind", "unit"});
  for (std::size_t i = 0; i < info.metrics.size(); ++i) {
    const sim::MetricInfo& m = info.metrics[i];
    db.row({fmt::format("{}", i), m.key(), m.name, m.group, std::string(sim::to_string(m.kind)), m.unit});
  }
  std::vector<std::string> cols{"point"};
  cols.insert(cols.end(), info.design.parameters.begin(), info.design.parameters.end());
  db.table("design", cols, true);
  for (std::size_t p = 0; p < info.design.size(); ++p) {
    std::vector<std::string> fields{fmt::format("{}", p)};
    fields.insert(fields.end(), info.design.points[p].begin(), info.design.points[p].end());
    db.row(fields);
  }
  if (!info.series.empty()) {
    db.table("series_info", {"name", "step", "unit", "description"});
    for (const std::string& name : info.series) {
      const auto kind_of = series_named(name);
      if (!kind_of) throw std::runtime_error(fmt::format("sweep.json names an unknown series '{}'", name));
      const SeriesInfo& s = series_info(*kind_of);
      db.row({name, std::string(s.step), std::string(s.unit), std::string(s.description)});
    }
  }
}

// morris.csv (and its table) from each point's means, the trajectories regenerated from the seed.
void write_morris(const fs::path& dir, const SweepInfo& info, const std::vector<std::vector<double>>& means, ResultsDb& db) {
  const std::size_t k = info.design.parameters.size();
  const UnitSample sample = morris_sample(info.trajectories, k, info.grid_levels, info.design_seed);
  if (sample.size() != info.design.size()) throw std::runtime_error("the Morris trajectories do not match the design");
  const std::vector<std::string> columns{"metric", "parameter", "mu", "mu_star", "mu_star_low", "mu_star_high", "sigma", "effects"};
  StreamedFile file(dir / "morris.csv");
  file.write(row(columns));
  std::vector<std::vector<std::string>> rows;
  std::vector<double> y(sample.size());
  for (std::size_t m = 0; m < info.metrics.size(); ++m) {
    for (std::size_t p = 0; p < y.size(); ++p) y[p] = means[p][m];
    const std::vector<MorrisIndex> indices = morris_indices(sample, y, k, info.bootstrap, info.design_seed);
    for (std::size_t i = 0; i < k; ++i) {
      const MorrisIndex& e = indices[i];
      rows.push_back({info.metrics[m].key(), info.design.parameters[i], stat(e.mu), stat(e.mu_star), stat(e.mu_star_low),
                      stat(e.mu_star_high), stat(e.sigma), fmt::format("{}", e.effects)});
      file.write(row(rows.back()));
    }
  }
  file.commit();
  db.table("morris", columns);
  for (const auto& r : rows) db.row(r);
}

}  // namespace

nlohmann::ordered_json SweepInfo::to_json() const {
  nlohmann::ordered_json j;
  j["format"] = "gcmsim-sweep 1";
  j["hash"] = hash;
  j["name"] = name;
  j["file"] = file;
  j["replications"] = replications;
  j["seed"] = seed;
  j["sobol"] = sobol;
  j["bootstrap"] = bootstrap;
  j["second_order"] = second_order;
  j["max_interval_width"] = max_width;
  if (morris) j["morris"] = {{"trajectories", trajectories}, {"grid_levels", grid_levels}};
  if (!series.empty()) j["series"] = series;
  j["design_seed"] = design_seed;
  j["parameters"] = design.parameters;
  j["metrics"] = nlohmann::ordered_json::array();
  for (const sim::MetricInfo& m : metrics) {
    j["metrics"].push_back({{"name", m.name}, {"group", m.group}, {"kind", sim::to_string(m.kind)}, {"unit", m.unit}});
  }
  j["points"] = design.points;
  return j;
}

SweepInfo SweepInfo::from_json(const json& j) {
  SweepInfo s;
  s.hash = j.at("hash");
  s.name = j.at("name");
  s.file = j.at("file");
  s.replications = j.at("replications");
  s.seed = j.at("seed");
  s.sobol = j.at("sobol");
  s.bootstrap = j.at("bootstrap");
  s.second_order = j.value("second_order", false);  // absent from folders written before it existed
  s.max_width = j.value("max_interval_width", 0.2);
  if (j.contains("morris")) {
    s.morris = true;
    s.trajectories = j["morris"].at("trajectories");
    s.grid_levels = j["morris"].at("grid_levels");
  }
  if (j.contains("series")) s.series = j["series"].get<std::vector<std::string>>();
  s.design_seed = j.at("design_seed");
  s.design.parameters = j.at("parameters").get<std::vector<std::string>>();
  for (const json& m : j.at("metrics")) {
    sim::MetricInfo info;
    info.name = m.at("name");
    info.group = m.at("group");
    info.unit = m.at("unit");
    info.kind = kind_from(m.at("kind"));
    s.metrics.push_back(std::move(info));
  }
  s.design.points = j.at("points").get<std::vector<std::vector<std::string>>>();
  return s;
}

SweepInfo sweep_info(const SweepPlan& plan) {
  SweepInfo s;
  s.hash = plan.hash();
  s.name = plan.spec().name;
  s.file = plan.spec().path;
  s.design = plan.design();
  s.metrics = plan.metrics();
  s.replications = plan.replications();
  s.seed = plan.spec().seed;
  s.sobol = plan.spec().design.kind == DesignKind::sobol;
  s.bootstrap = plan.spec().design.bootstrap;
  s.second_order = plan.spec().design.second_order;
  s.max_width = plan.spec().design.max_width;
  s.morris = plan.spec().design.kind == DesignKind::morris;
  s.trajectories = plan.spec().design.trajectories;
  s.grid_levels = plan.spec().design.grid_levels;
  s.series = plan.spec().series;
  s.design_seed = plan.spec().design.seed;
  return s;
}

SweepInfo read_sweep_info(const fs::path& dir) {
  const fs::path path = dir / "sweep.json";
  // engine/bounded_file.hpp; sweep.json lists every point of the design (docs/limits.md).
  const BoundedRead read = read_bounded_file(path.string(), std::size_t{512} << 20, "a sweep's sweep.json");
  if (!read.ok()) throw std::runtime_error(fmt::format("{}: not a sweep's results folder: {}", dir.string(), read.error));
  try {
    return SweepInfo::from_json(json::parse(read.content));
  } catch (const json::exception& e) {
    throw std::runtime_error(fmt::format("{}: unreadable ({})", path.string(), e.what()));
  }
}

std::vector<std::string> sweep_output_names(const SweepInfo& info) {
  // Every file the tables write: a name missing here is neither replaced safely nor are the
  // temporary files of a killed writer cleaned by the next command (issue 25's kill -9 test of
  // `sweep merge` found results.sqlite's left behind).
  std::vector<std::string> names{"sweep.json", "design.csv", "runs.csv", "points.csv", "results.sqlite"};
  if (info.sobol) names.emplace_back("sensitivity.csv");
  if (info.morris) names.emplace_back("morris.csv");
  return names;
}

void claim_results_dir(output::OwnedFolder& folder, const SweepInfo& info) {
  const fs::path& dir = folder.path();
  if (folder.owns("sweep.json")) {
    const SweepInfo there = read_sweep_info(dir);
    if (there.hash != info.hash) {
      throw std::invalid_argument(fmt::format("{} holds the results of another sweep ('{}' from {}, hash {}; this one is '{}' "
                                              "from {}, hash {}); choose another folder with -o",
                                              dir.string(), there.name, there.file, there.hash, info.name, info.file, info.hash));
    }
    folder.claim(sweep_output_names(info));
    return;
  }
  // Not a sweep folder gcmsim wrote: every file a sweep writes must be free (a user's design.csv
  // is never replaced), and so must every journal name.
  std::vector<std::string> journals;
  static const std::regex journal_name(R"(journal-\d+-of-\d+\.txt)");
  for (const std::string& name : folder.foreign()) {
    if (std::regex_match(name, journal_name) || name == "runs") journals.push_back(name);
  }
  folder.claim(sweep_output_names(info), journals);
  output::CsvTable design([&] {
    std::vector<std::string> cols{"point"};
    cols.insert(cols.end(), info.design.parameters.begin(), info.design.parameters.end());
    return cols;
  }());
  for (std::size_t p = 0; p < info.design.size(); ++p) {
    std::vector<std::string> fields{fmt::format("{}", p)};
    fields.insert(fields.end(), info.design.points[p].begin(), info.design.points[p].end());
    design.add_row(std::move(fields));
  }
  output::write_file_atomically(dir / "design.csv", design.str());
  // sweep.json last: its presence says the folder is claimed and complete.
  output::write_file_atomically(dir / "sweep.json", info.to_json().dump(2) + "\n");
}

std::vector<JournalContents> read_journals(const output::OwnedFolder& folder, const SweepInfo& info) {
  static const std::regex name(R"(journal-(\d+)-of-(\d+)\.txt)");
  std::vector<fs::path> paths;
  for (const std::string& owned : folder.owned()) {
    if (std::regex_match(owned, name)) paths.push_back(folder.path() / owned);
  }
  std::sort(paths.begin(), paths.end());
  std::vector<JournalContents> out;
  for (const fs::path& p : paths) {
    JournalContents j = read_journal(p);
    const JournalHeader& h = j.header;
    if (h.shard.count == 0) continue;  // created and killed before its header was written
    if (h.hash != info.hash) {
      throw std::runtime_error(fmt::format("{} belongs to another sweep (hash {}, expected {})", p.string(), h.hash, info.hash));
    }
    // The header must agree with the journal's name and with sweep.json: a shard beyond the
    // count, or a count beyond the runs, would index past the end of the merge's tables.
    if (p.filename() != journal_path(folder.path(), h.shard).filename() || h.shard.count > std::max<std::size_t>(1, info.runs()) ||
        h.runs != info.runs() || h.metrics != info.metrics.size()) {
      throw std::invalid_argument(fmt::format("{}:1: the header says shard {} of {}, {} runs, {} metrics; expected its own "
                                              "shard (the file's name), at most {} shards, {} runs and {} metrics (sweep.json)",
                                              p.string(), h.shard.index, h.shard.count, h.runs, h.metrics, info.runs(), info.runs(),
                                              info.metrics.size()));
    }
    out.push_back(std::move(j));
  }
  return out;
}

TableFiles write_tables(const fs::path& dir, const SweepInfo& info, const std::vector<JournalContents>& journals) {
  const RunIndex idx = index_runs(info, journals, dir);
  std::vector<JournalFile> files;
  files.reserve(journals.size());
  for (const JournalContents& j : journals) files.emplace_back(j.path);
  const std::size_t P = info.design.size();
  const std::size_t M = info.metrics.size();
  const sim::MetricCatalog catalog(info.metrics);

  std::vector<std::string> run_cols{"point", "replication", "seed"};
  std::vector<std::string> point_cols{"point"};
  run_cols.insert(run_cols.end(), info.design.parameters.begin(), info.design.parameters.end());
  point_cols.insert(point_cols.end(), info.design.parameters.begin(), info.design.parameters.end());
  for (const sim::MetricInfo& m : info.metrics) {
    run_cols.push_back(m.key());
    for (const char* s : {"_mean", "_sd", "_ci95_low", "_ci95_high", "_n"}) point_cols.push_back(m.key() + s);
  }
  StreamedFile runs(dir / "runs.csv");
  StreamedFile points(dir / "points.csv");
  runs.write(row(run_cols));
  points.write(row(point_cols));
  ResultsDb db(dir);
  describe_sweep(db, info);
  std::vector<std::string> run_fields;  // the database's row of a run: runs.csv's fields
  std::vector<std::vector<std::string>> point_rows;  // points go in after the runs
  db.table("runs", [&] {
    std::vector<std::string> cols{"run"};
    cols.insert(cols.end(), run_cols.begin(), run_cols.end());
    return cols;
  }(), true);
  std::vector<std::vector<double>> means;  // Sobol and Morris only: per point, per metric
  if (info.sobol || info.morris) means.assign(P, std::vector<double>(M, kNaN));
  struct PendingSeries {
    std::size_t run, point, replication;
    std::vector<std::vector<SeriesPoint>> series;
  };
  std::vector<PendingSeries> pending_series;

  std::string record_line;
  std::string line;  // one row of runs.csv, built in place: a run has hundreds of values
  std::vector<std::string_view> texts;
  for (std::size_t p = 0; p < P; ++p) {
    output::ReplicationSummary summary(catalog);
    std::vector<RunningStats> spread(M);
    std::string parameters;  // ",v1,v2" of the point, quoted as CSV needs
    for (const std::string& v : info.design.points[p]) {
      parameters += ',';
      parameters += output::csv_field(v);
    }
    for (std::size_t k = 0; k < info.replications; ++k) {
      const std::size_t r = k * P + p;
      const auto j = static_cast<std::size_t>(idx.journal[r]);
      files[j].read(idx.offset[r], idx.length[r], record_line);
      auto record = parse_record(record_line, M, &texts, !info.series.empty());
      if (!record || record->run != r || record->point != p || record->replication != k) {
        throw std::runtime_error(fmt::format("{}: the record of run {} changed since it was read", journals[j].path.string(), r));
      }
      line.clear();
      fmt::format_to(std::back_inserter(line), FMT_COMPILE("{},{},{}"), p, k, record->seed);
      line += parameters;
      for (std::size_t m = 0; m < M; ++m) {
        line += ',';
        // The journal holds each value as fmt's "{}" writes it (the shortest text that reads back
        // as the same double, a number that needs no quoting): copied, not converted twice.
        if (record->values[m]) {
          line += texts[m];
          spread[m].add(*record->values[m]);
        }
      }
      line += '\n';
      runs.write(line);
      run_fields.assign({fmt::format("{}", r), fmt::format("{}", p), fmt::format("{}", k), fmt::format("{}", record->seed)});
      run_fields.insert(run_fields.end(), info.design.points[p].begin(), info.design.points[p].end());
      for (std::size_t m = 0; m < M; ++m) run_fields.emplace_back(record->values[m] ? texts[m] : std::string_view());
      db.row(run_fields);
      if (!info.series.empty()) {
        const auto series = split_series(record->series, info.series.size());
        if (!series) throw std::runtime_error(fmt::format("{}: the series of run {} do not match the sweep's {}", journals[j].path.string(), r, info.series.size()));
        pending_series.push_back({r, p, k, std::move(*series)});
      }
      summary.add(sim::RunMetrics{std::move(record->values)});
    }
    std::vector<std::string> fields{fmt::format("{}", p)};
    fields.insert(fields.end(), info.design.points[p].begin(), info.design.points[p].end());
    for (std::size_t m = 0; m < M; ++m) {
      const ConfidenceInterval ci = summary.interval(m);
      const bool known = ci.n >= 2 || (info.metrics[m].kind == sim::MetricKind::flag && ci.n >= 1);
      fields.push_back(ci.n > 0 ? stat(ci.mean) : std::string());
      fields.push_back(ci.n >= 2 ? stat(spread[m].stddev()) : std::string());
      fields.push_back(known ? stat(ci.lower) : std::string());
      fields.push_back(known ? stat(ci.upper) : std::string());
      fields.push_back(fmt::format("{}", ci.n));
      if ((info.sobol || info.morris) && ci.n > 0) means[p][m] = ci.mean;
    }
    points.write(row(fields));
    point_rows.push_back(std::move(fields));
    // A point's series go in once its runs are read: memory holds one point's, not the sweep's.
    for (const PendingSeries& ps : pending_series) {
      for (std::size_t s = 0; s < info.series.size(); ++s) db.series(ps.run, ps.point, ps.replication, info.series[s], ps.series[s]);
    }
    pending_series.clear();
  }
  runs.commit();
  points.commit();

  db.table("points", point_cols, true);
  for (const auto& f : point_rows) db.row(f);
  TableFiles out{info.runs(), false, false, {}};
  if (info.sobol) {
    out.warnings = write_sensitivity(dir, info, means, db);
    out.sensitivity = true;
  }
  if (info.morris) {
    write_morris(dir, info, means, db);
    out.morris = true;
  }
  db.index("CREATE INDEX runs_by_point ON runs (point, replication)");
  db.index("ANALYZE");  // statistics for the query planner
  if (!info.series.empty()) db.index("CREATE INDEX series_by_name ON series (series, point, run)");
  db.commit();
  return out;
}

}  // namespace gcmsim::experiments
