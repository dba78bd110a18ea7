#pragma once
// Jobs: work a client asked for, split into steps that run on the worker pool, with progress a
// client can wait on (the event stream), a cancel flag, and a result kept until a bounded number
// of newer jobs push it out. A job knows nothing of what it computes: the studio's compare makes
// one (compare_job.hpp); the classroom can make its own kinds.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "serve/common/limits.hpp"

namespace gcmsim::serve {

enum class JobState { queued, running, done, failed, cancelled };
const char* to_string(JobState state);

// A request the server refuses, with the HTTP status that says why (docs/serve.md lists them).
struct Refusal : std::runtime_error {
  int status;
  Refusal(int s, const std::string& message) : std::runtime_error(message), status(s) {}
};

class Job {
 public:
  Job(std::string id, std::string owner, std::string kind, std::size_t steps);

  const std::string& id() const { return id_; }
  const std::string& owner() const { return owner_; }
  const std::string& kind() const { return kind_; }

  // What a client sees: {id, kind, state, done, total, error?}; the result separately.
  struct Status {
    JobState state;
    std::size_t done;
    std::size_t total;
    std::string error;
    std::uint64_t version;  // grows at every change: a waiter sleeps until it moves
  };
  Status status() const;
  nlohmann::json status_json() const;
  std::shared_ptr<const nlohmann::json> result() const;  // null until done
  bool active() const;  // queued or running

  // Waits until the version passes `seen` or `timeout` elapses; returns the status then.
  Status wait_change(std::uint64_t seen, std::chrono::milliseconds timeout) const;

  void request_cancel() { cancel_requested_ = true; }
  bool cancel_requested() const { return cancel_requested_; }

  // The run folder: the files `gcmsim` writes for the job's command line, written on demand (the
  // folder.zip download) by the job's maker, one file at a time to `put` (path in the folder, text),
  // so that a download holds one file in memory and a kept job holds none. `folder_name` is the
  // folder the command line writes by default ("results", "results-compare").
  using FilePut = std::function<void(const std::string& path, const std::string& text)>;
  using FolderWriter = std::function<void(const Job& job, const FilePut& put)>;
  void set_folder(std::string folder_name, FolderWriter writer);
  const std::string& folder_name() const { return folder_name_; }
  // Writes the folder through `put`; false when the job has none (or no result yet).
  bool write_folder(const FilePut& put) const;

  // For the job's own steps.
  void step_done();
  void finish(nlohmann::json result);
  void fail(const std::string& error);
  void cancelled();

 private:
  void changed();  // under mutex_

  std::string id_, owner_, kind_;
  std::atomic<bool> cancel_requested_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  JobState state_ = JobState::queued;
  std::size_t done_ = 0;
  std::size_t total_;
  std::string error_;
  std::uint64_t version_ = 0;
  std::shared_ptr<const nlohmann::json> result_;
  std::string folder_name_;  // set once, before the job's id is handed out
  FolderWriter folder_writer_;
};

class JobRegistry {
 public:
  explicit JobRegistry(const Limits& limits) : limits_(limits) {}

  // A new job for `owner` (a client's address), or a Refusal: 429 past the per-client limit of
  // active jobs, 503 past the total.
  std::shared_ptr<Job> create(const std::string& owner, const std::string& kind, std::size_t steps);
  std::shared_ptr<Job> find(const std::string& id) const;  // null when unknown or pushed out
  std::size_t size() const;

 private:
  std::size_t forget_oldest_finished();  // under mutex_; how many it forgot

  Limits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::string> order_;  // creation order
};

// 32 hex digits from the system's random device: a job id cannot be guessed from another.
std::string random_id();

}  // namespace gcmsim::serve
