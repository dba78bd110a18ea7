#pragma once
// Runs f(0) ... f(n-1) on up to `threads` threads. Each index is done exactly once, by whichever
// thread takes it next; results must be stored by index so that the outcome does not depend on
// the number of threads or on scheduling. The first exception is rethrown after all threads stop.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace gcmsim {

template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < n && !failed; i = next++) {
      try {
        f(i);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }
  if (error) std::rethrow_exception(error);
}

inline unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace gcmsim
