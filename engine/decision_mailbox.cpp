#include "engine/decision_mailbox.hpp"

#include <algorithm>

namespace gcmsim {

std::optional<int> DecisionMailbox::decide(const ExternalQuestion& question) {
  std::unique_lock lock(mutex_);
  if (closed_) return std::nullopt;
  pending_ = Pending{++asked_, question};
  answer_.reset();
  changed_.notify_all();
  deadline_at_ = std::chrono::steady_clock::now() + deadline_;
  for (;;) {
    if (answer_ || closed_) break;
    if (held_) {
      // The clock is stopped: the time left is kept for when it runs again.
      left_when_held_ = deadline_at_ - std::chrono::steady_clock::now();
      changed_.wait(lock, [&] { return !held_ || answer_ || closed_; });
      deadline_at_ = std::chrono::steady_clock::now() + left_when_held_;
      continue;
    }
    if (changed_.wait_until(lock, deadline_at_) == std::cv_status::timeout && !answer_ && !held_) {
      ++timed_out_;
      break;
    }
  }
  const std::optional<int> out = answer_;
  pending_.reset();
  answer_.reset();
  changed_.notify_all();
  return out;
}

std::optional<DecisionMailbox::Pending> DecisionMailbox::pending() const {
  std::lock_guard lock(mutex_);
  return pending_;
}

std::optional<DecisionMailbox::Pending> DecisionMailbox::wait_for_question(std::uint64_t after,
                                                                           std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || (pending_ && pending_->number > after); });
  if (pending_ && pending_->number > after) return pending_;
  return std::nullopt;
}

bool DecisionMailbox::answer(std::uint64_t number, int choice) {
  std::lock_guard lock(mutex_);
  if (!pending_ || pending_->number != number || answer_) return false;
  if (choice < 0 || choice >= pending_->question.options) return false;
  answer_ = choice;
  changed_.notify_all();
  return true;
}

void DecisionMailbox::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

void DecisionMailbox::hold(bool on) {
  std::lock_guard lock(mutex_);
  held_ = on;
  changed_.notify_all();
}

std::chrono::milliseconds DecisionMailbox::time_left() const {
  std::lock_guard lock(mutex_);
  if (!pending_) return std::chrono::milliseconds(0);
  const auto left = held_ ? left_when_held_ : deadline_at_ - std::chrono::steady_clock::now();
  return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(left));
}

std::uint64_t DecisionMailbox::asked() const {
  std::lock_guard lock(mutex_);
  return asked_;
}

std::uint64_t DecisionMailbox::timed_out() const {
  std::lock_guard lock(mutex_);
  return timed_out_;
}

}  // namespace gcmsim
