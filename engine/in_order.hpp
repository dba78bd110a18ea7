#pragma once
// Results of numbered tasks that finish in any order, on any thread, handed on in number order:
// the one reducer behind `gcmsim run -r` (the replication summary), `gcmsim compare` and `serve`
// (the paired comparison) and the Python module. Floating-point sums then do not depend on which
// thread finished first, so a summary is the same bytes for any thread count. Only the results
// that finished ahead of a slower one wait here: memory stays flat in the number of tasks.
#include <cstddef>
#include <map>
#include <mutex>
#include <utility>

namespace gcmsim {

// Sink: callable as sink(std::size_t index, T&& value), called under the reducer's lock, one index
// at a time from `first` up, so it needs no locking of its own.
template <class T, class Sink>
class InOrder {
 public:
  explicit InOrder(Sink sink, std::size_t first = 0) : sink_(std::move(sink)), next_(first) {}

  // Thread-safe; each index once. Hands on this value and every waiting one that now follows.
  void add(std::size_t index, T value) {
    const std::lock_guard lock(mutex_);
    waiting_.emplace(index, std::move(value));
    for (auto it = waiting_.find(next_); it != waiting_.end(); it = waiting_.find(next_)) {
      sink_(next_, std::move(it->second));
      waiting_.erase(it);
      ++next_;
    }
  }

  // The next index to hand on: every index below it has been.
  std::size_t next() const {
    const std::lock_guard lock(mutex_);
    return next_;
  }

 private:
  Sink sink_;
  mutable std::mutex mutex_;
  std::map<std::size_t, T> waiting_;
  std::size_t next_;
};

}  // namespace gcmsim
