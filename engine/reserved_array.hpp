#pragma once
// An array whose largest size is known up front and whose elements never move: its address range is
// reserved once, without memory, and committed a chunk at a time as it grows.
//
// The handler slots need both properties: the simulator knows its limit of pending events (at most
// 2^24), and reaching a slot must cost one load from one base pointer (a table of chunks costs a
// second, dependent load on every access). Reserving 2^24 slots of 24 bytes takes 384 MB of address
// space but no memory: the reservation is PROT_NONE, so it is not even counted against the system's
// commit limit. Memory is committed (and its elements constructed) a chunk at a time as the array
// fills. Without mmap the whole array is allocated at construction.
#include <algorithm>
#include <cstddef>
#include <new>
#include <type_traits>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define GCMSIM_RESERVED_ARRAY_MMAP 1
#endif

namespace gcmsim {

template <class T>
class ReservedArray {
  static_assert(std::is_trivially_destructible_v<T>);

 public:
  explicit ReservedArray(std::size_t max_size)
      : max_size_(max_size), bytes_(round_up(std::max<std::size_t>(max_size, 1) * sizeof(T))) {
#if GCMSIM_RESERVED_ARRAY_MMAP
    void* p = ::mmap(nullptr, bytes_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<T*>(p);
#else
    data_ = static_cast<T*>(::operator new(bytes_, std::align_val_t{kPage}));
#endif
  }
  ReservedArray(const ReservedArray&) = delete;
  ReservedArray& operator=(const ReservedArray&) = delete;
  ~ReservedArray() {
#if GCMSIM_RESERVED_ARRAY_MMAP
    ::munmap(data_, bytes_);
#else
    ::operator delete(data_, std::align_val_t{kPage});
#endif
  }

  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

  // Elements usable now (value-initialised), and the most there can ever be.
  std::size_t committed() const { return committed_; }
  std::size_t max_size() const { return max_size_; }

  // Makes at least n elements (n <= max_size) usable: whole pages, at least `step` elements more.
  void commit(std::size_t n, std::size_t step) {
    if (n <= committed_) return;
    const std::size_t want = std::min(max_size_, std::max(n, committed_ + step));
    const std::size_t from = round_up(committed_ * sizeof(T));
    const std::size_t to = std::min(bytes_, round_up(want * sizeof(T)));
#if GCMSIM_RESERVED_ARRAY_MMAP
    if (to > from && ::mprotect(reinterpret_cast<std::byte*>(data_) + from, to - from, PROT_READ | PROT_WRITE) != 0) {
      throw std::bad_alloc();
    }
#endif
    const std::size_t count = std::min(max_size_, to / sizeof(T));
    for (std::size_t i = committed_; i < count; ++i) ::new (static_cast<void*>(data_ + i)) T{};
    committed_ = count;
  }

 private:
  static constexpr std::size_t kPage = 4096;
  static std::size_t round_up(std::size_t bytes) { return (bytes + kPage - 1) / kPage * kPage; }

  T* data_ = nullptr;
  std::size_t max_size_;
  std::size_t bytes_;          // reserved
  std::size_t committed_ = 0;  // elements
};

}  // namespace gcmsim
