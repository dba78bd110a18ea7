#include "serve/common/jobs.hpp"

#include <malloc.h>

#include <algorithm>
#include <random>

#include <fmt/core.h>

namespace gcmsim::serve {

const char* to_string(JobState state) {
  switch (state) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::done: return "done";
    case JobState::failed: return "failed";
    case JobState::cancelled: return "cancelled";
  }
  return "?";
}

std::string random_id() {
  std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", device());
  return out;
}

Job::Job(std::string id, std::string owner, std::string kind, std::size_t steps)
    : id_(std::move(id)), owner_(std::move(owner)), kind_(std::move(kind)), total_(steps) {}

Job::Status Job::status() const {
  const std::lock_guard lock(mutex_);
  return {state_, done_, total_, error_, version_};
}

nlohmann::json Job::status_json() const {
  const Status s = status();
  nlohmann::json j = {{"id", id_}, {"kind", kind_}, {"state", to_string(s.state)}, {"done", s.done}, {"total", s.total}};
  if (!s.error.empty()) j["error"] = s.error;
  return j;
}

std::shared_ptr<const nlohmann::json> Job::result() const {
  const std::lock_guard lock(mutex_);
  return result_;
}

bool Job::active() const {
  const std::lock_guard lock(mutex_);
  return state_ == JobState::queued || state_ == JobState::running;
}

Job::Status Job::wait_change(std::uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return version_ != seen; });
  return {state_, done_, total_, error_, version_};
}

void Job::set_folder(std::string folder_name, FolderWriter writer) {
  folder_name_ = std::move(folder_name);
  folder_writer_ = std::move(writer);
}

bool Job::write_folder(const FilePut& put) const {
  if (!folder_writer_ || !result()) return false;
  folder_writer_(*this, put);
  return true;
}

void Job::changed() {
  ++version_;
  cv_.notify_all();
}

void Job::step_done() {
  const std::lock_guard lock(mutex_);
  if (state_ == JobState::queued) state_ = JobState::running;
  ++done_;
  changed();
}

void Job::finish(nlohmann::json result) {
  const std::lock_guard lock(mutex_);
  result_ = std::make_shared<const nlohmann::json>(std::move(result));
  state_ = JobState::done;
  changed();
}

void Job::fail(const std::string& error) {
  const std::lock_guard lock(mutex_);
  error_ = error;
  state_ = JobState::failed;
  changed();
}

void Job::cancelled() {
  const std::lock_guard lock(mutex_);
  state_ = JobState::cancelled;
  changed();
}

std::shared_ptr<Job> JobRegistry::create(const std::string& owner, const std::string& kind, std::size_t steps) {
  const std::lock_guard lock(mutex_);
  std::size_t mine = 0, all = 0;
  for (const auto& [id, job] : jobs_) {
    if (!job->active()) continue;
    ++all;
    mine += job->owner() == owner;
  }
  if (mine >= limits_.max_active_per_client) {
    throw Refusal(429, fmt::format("this client already has {} runs queued or running (at most {}); wait for one to "
                                   "finish or cancel it",
                                   mine, limits_.max_active_per_client));
  }
  if (all >= limits_.max_active_total) {
    throw Refusal(503, fmt::format("the server is running {} jobs already (at most {}); try again shortly", all,
                                   limits_.max_active_total));
  }
  auto job = std::make_shared<Job>(random_id(), owner, kind, steps);
  jobs_.emplace(job->id(), job);
  order_.push_back(job->id());
  if (forget_oldest_finished() > 0) malloc_trim(0);
  return job;
}

std::size_t JobRegistry::forget_oldest_finished() {
  // Active jobs are never forgotten; they count toward the limit only once finished.
  std::size_t finished = 0, forgotten = 0;
  for (const auto& [id, job] : jobs_) finished += !job->active();
  for (auto it = order_.begin(); it != order_.end() && finished > limits_.max_kept_results;) {
    const auto job = jobs_.find(*it);
    if (job != jobs_.end() && !job->second->active()) {
      jobs_.erase(job);
      it = order_.erase(it);
      --finished;
      ++forgotten;
    } else {
      ++it;
    }
  }
  return forgotten;
}

std::shared_ptr<Job> JobRegistry::find(const std::string& id) const {
  const std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : it->second;
}

std::size_t JobRegistry::size() const {
  const std::lock_guard lock(mutex_);
  return jobs_.size();
}

}  // namespace gcmsim::serve
