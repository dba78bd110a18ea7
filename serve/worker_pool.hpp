#pragma once
// A fixed set of threads taking tasks from one queue: where every simulation the server runs goes,
// so that however many clients ask, at most `threads` runs use the CPU at once. Tasks are small (one
// replication pair), so jobs of different clients interleave instead of waiting behind each other.
// Nothing in it knows what a task is: the studio's compares and the classroom's sessions share it.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gcmsim::serve {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();  // drops the tasks still queued, waits for the running ones
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> task);
  std::size_t queued() const;
  unsigned threads() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void work();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gcmsim::serve
