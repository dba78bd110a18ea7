#include "experiments/run_sweep.hpp"

#include <atomic>
#include <charconv>
#include <limits>
#include <string_view>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "experiments/executors.hpp"
#include "output/atomic_file.hpp"

namespace gcmsim::experiments {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// "done/total runs, rate, ETA" on one line of stderr, redrawn at most four times a second.
class Progress {
 public:
  Progress(bool on, std::size_t total, std::size_t done) : on_(on), total_(total), done_(done), start_done_(done) {}
  void tick() {
    if (!on_) return;
    const std::lock_guard lock(mutex_);
    ++done_;
    const auto now = Clock::now();
    if (done_ < total_ && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double s = std::chrono::duration<double>(now - start_).count();
    const double rate = s > 0 ? static_cast<double>(done_ - start_done_) / s : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0.0;
    std::fprintf(stderr, "\rsweep: %zu/%zu runs  %.1f runs/s  ETA %d:%02d   ", done_, total_, rate,
                 static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    if (done_ == total_) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  bool on_;
  std::size_t total_, done_, start_done_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
  std::mutex mutex_;
};

}  // namespace

Shard parse_shard(const std::string& text) {
  // Digits only, read at their exact width: "-1" or 2^64 is an error, never a wrapped number.
  const auto number = [](std::string_view s, std::size_t& out) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  const std::size_t slash = text.find('/');
  std::size_t i = 0, k = 0;
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), i) ||
      !number(std::string_view(text).substr(slash + 1), k)) {
    throw SweepInvalid(fmt::format("--shard '{}': expected I/K with 0 <= I < K, each a whole number of at most {} "
                                   "(e.g. 0/4, the first of four shards)",
                                   text, std::numeric_limits<std::size_t>::max()));
  }
  if (k == 0 || i >= k) throw SweepInvalid(fmt::format("--shard '{}': expected 0 <= I < K", text));
  return {i, k};
}

std::optional<std::size_t> shard_count_in(const fs::path& dir) {
  static const std::regex name(R"(journal-(\d+)-of-(\d+)\.txt)");
  std::set<std::size_t> counts;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    const std::string file = entry.path().filename().string();
    if (std::regex_match(file, m, name) && std::stoul(m[2]) > 1) counts.insert(std::stoul(m[2]));
  }
  if (counts.empty()) return std::nullopt;
  if (counts.size() > 1) {
    throw SweepInvalid(fmt::format("{} holds journals of splits into {} shards: they cannot be merged; use another folder",
                                   dir.string(), fmt::join(counts, " and ")));
  }
  return *counts.begin();
}

std::optional<Shard> shard_from_environment(const fs::path& dir) {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr) return std::nullopt;
  const std::optional<std::size_t> split = shard_count_in(dir);
  const std::string k = split ? fmt::format("{}", *split) : std::string(count);
  try {
    return parse_shard(fmt::format("{}/{}", id, k));
  } catch (const SweepInvalid&) {
    if (split) {
      throw SweepInvalid(fmt::format("SLURM_ARRAY_TASK_ID={} is not a shard of the sweep in {}, which was split into {} shards at "
                                     "its first start (journal-I-of-{}.txt): rerun a task with --array=I, 0 <= I < {}",
                                     id, dir.string(), *split, *split, *split));
    }
    throw SweepInvalid(fmt::format("SLURM_ARRAY_TASK_ID={} and SLURM_ARRAY_TASK_COUNT={} do not make a shard: the array "
                                   "must be numbered 0 to COUNT-1 (sbatch --array=0-{})",
                                   id, count, count));
  }
}

SweepPlan plan_or_throw(const SweepSpec& spec, const SweepOptions& options, PointCheck check) {
  PlanResult planned = plan_sweep(spec, options.replications,
                                  options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads, check);
  if (!planned.ok()) throw SweepInvalid(planned.report);
  return std::move(*planned.plan);
}

SweepOutcome run_sweep(const SweepSpec& spec, const SweepOptions& options) { return run_plan(plan_or_throw(spec, options), options); }

SweepOutcome run_plan(const SweepPlan& plan, const SweepOptions& options) {
  const auto start = Clock::now();
  const fs::path dir(options.out);
  SweepOutcome out;
  out.info = sweep_info(plan);
  const std::size_t metrics = plan.metrics().size();
  const std::string keep = options.keep_runs ? (dir / "runs").string() : std::string();
  // Kept runs are written without a sync of their own: the journal's batch sync puts them on disk
  // (one syncfs) before the records that say they are done.
  const auto stopping = [&] { return options.stop != nullptr && options.stop->load(std::memory_order_relaxed); };
  // A stopped sweep skips the runs not yet started: an empty result, which the sink does not journal.
  const RunFunction run = [&](std::size_t r) {
    return stopping() ? RunValues{} : plan.run(r, keep, output::Durability::deferred);
  };

  const Shard shard = options.shard.value_or(Shard{});
  if (shard.count > std::max<std::size_t>(1, plan.runs())) {
    throw SweepInvalid(fmt::format("--shard {}: the sweep has {} runs, so at most {} shards (each shard needs a run)", shard.label(),
                                   plan.runs(), plan.runs()));
  }
  // One writer per folder (output/owned_folder.hpp): the shards of one array share the folder,
  // each holding its own journal; anything else holds the folder alone.
  output::OwnedFolder folder(dir, shard.count > 1 ? output::FolderLock::shared : output::FolderLock::exclusive,
                             "-o " + dir.string());
  if (options.resume && !folder.owns("sweep.json")) {
    throw SweepInvalid(fmt::format("--resume: {} holds no sweep to resume", dir.string()));
  }
  try {
    claim_results_dir(folder, out.info);
  } catch (const output::FolderRefused&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw SweepInvalid(e.what());
  }
  const fs::path jpath = journal_path(dir, shard);
  folder.claim({jpath.filename().string()});
  if (options.keep_runs) folder.claim({"runs/"});
  folder.lock_file(jpath.filename().string());
  std::optional<JournalContents> existing;
  if (fs::file_size(jpath) > 0) {
    try {
      existing = read_journal(jpath);
    } catch (const std::invalid_argument& e) {
      throw SweepInvalid(e.what());
    }
    out.skipped = existing->skipped;
    const JournalHeader& h = existing->header;
    if (h.shard.count != 0 && (h.hash != out.info.hash || h.metrics != metrics || h.series != plan.series().size() || h.shard.index != shard.index ||
                               h.shard.count != shard.count)) {
      throw SweepInvalid(fmt::format("{} belongs to another sweep or shard (hash {}, shard {})", jpath.string(), h.hash, h.shard.label()));
    }
  }
  std::vector<bool> done(plan.runs(), false);
  if (existing) {
    for (const auto& located : existing->records) {
      if (located.run < done.size()) done[located.run] = true;
    }
  }
  std::vector<std::size_t> pending;
  for (std::size_t r = 0; r < plan.runs(); ++r) {
    if (!shard.owns(r)) continue;
    ++out.shard_runs;
    if (done[r]) {
      ++out.already;
    } else {
      pending.push_back(r);
    }
  }
  done = {};
  JournalWriter::BeforeSync before_sync;
  if (options.keep_runs && !options.mpi) {  // MPI workers sync their kept runs themselves
    fs::create_directories(keep);
    before_sync = [keep] { output::sync_file_system(keep); };
  }
  std::atomic<std::int64_t> journal_ns{0};
  {
    JournalWriter journal(jpath, {out.info.hash, shard, plan.runs(), metrics, plan.series().size()}, existing ? &*existing : nullptr,
                          options.journal_batch, std::move(before_sync));
    existing.reset();
    Progress progress(options.progress, out.shard_runs, out.already);
    const RunSink sink = [&](std::size_t r, RunValues values) {
      if (values.size() < metrics) return;  // skipped by a stop
      const auto t0 = Clock::now();
      const RunCoordinates at = plan.coordinates(r);
      // Past the metrics, the run's series (run_series.hpp), always present when kept.
      std::vector<double> series;
      for (std::size_t i = metrics; i < values.size(); ++i) series.push_back(values[i].value_or(0.0));
      values.resize(std::min(values.size(), metrics));
      journal.append({r, at.point, at.replication, plan.seed(at.point), std::move(values), std::move(series)});
      journal_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
      progress.tick();
    };
    if (options.mpi) {
      mpi_manager(pending, metrics, sink);
    } else {
      run_on_threads(pending, options.threads, run, sink);
    }
    const auto t0 = Clock::now();
    journal.sync();
    journal_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
  }
  out.ran = pending.size();
  out.journal_seconds = static_cast<double>(journal_ns.load()) * 1e-9;
  if (stopping()) {
    out.stopped = true;
    const JournalContents now = read_journal(jpath);
    out.ran = now.records.size() - out.already;
  } else if (shard.count == 1) {
    const auto t0 = Clock::now();
    try {
      out.warnings = write_tables(dir, out.info, read_journals(folder, out.info)).warnings;
    } catch (const output::FolderRefused&) {
      throw;
    } catch (const std::invalid_argument& e) {
      throw SweepInvalid(e.what());
    }
    out.tables = true;
    out.tables_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

void serve_as_mpi_worker(const SweepPlan& plan, const SweepOptions& options) {
  const std::string keep = options.keep_runs ? (fs::path(options.out) / "runs").string() : std::string();
  mpi_worker(plan.metrics().size(), [&](std::size_t r) { return plan.run(r, keep); });
}

TableFiles merge_sweep(const std::string& dir) {
  // Alone in the folder: a shard still running holds it shared, and merging is refused until it ends.
  output::OwnedFolder folder(dir, output::FolderLock::exclusive, "sweep merge " + dir);
  if (!folder.owns("sweep.json")) {
    throw SweepInvalid(fmt::format("{} has no sweep.json written by gcmsim: not a sweep's results folder", dir));
  }
  const SweepInfo info = read_sweep_info(dir);
  folder.claim(sweep_output_names(info));
  try {
    return write_tables(dir, info, read_journals(folder, info));
  } catch (const output::FolderRefused&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw SweepInvalid(e.what());
  }
}

}  // namespace gcmsim::experiments
