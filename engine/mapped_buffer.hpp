#pragma once
// A growable array of trivially copyable values in page-aligned memory that grows without copying.
//
// std::vector doubles by allocating a new block and copying: at the moment of the copy both blocks
// are resident, and the spare half of the new one is committed as soon as the allocator touches it.
// For a pending-event set of 16 million entries that is 8 to 16 bytes per event of pure overhead at
// peak. Here the array lives in its own anonymous mapping, grown on Linux with mremap, which moves
// page-table entries instead of bytes; pages the array has not yet reached are never touched, so the
// resident size follows the size, not the capacity. Elsewhere it falls back to allocate-and-copy.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <new>
#include <type_traits>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace gcmsim {

template <class T>
class MappedBuffer {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  MappedBuffer() = default;
  MappedBuffer(const MappedBuffer&) = delete;
  MappedBuffer& operator=(const MappedBuffer&) = delete;
  MappedBuffer(MappedBuffer&& o) noexcept { swap(o); }
  MappedBuffer& operator=(MappedBuffer&& o) noexcept {
    MappedBuffer(std::move(o)).swap(*this);
    return *this;
  }
  ~MappedBuffer() { release(data_, bytes_); }

  void swap(MappedBuffer& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
    std::swap(bytes_, o.bytes_);
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }

  void push_back(const T& v) {
    if (size_ == capacity_) grow(size_ + 1);
    data_[size_++] = v;
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  void resize(std::size_t n, const T& fill = T{}) {
    reserve(n);
    for (std::size_t i = size_; i < n; ++i) data_[i] = fill;
    size_ = n;
  }
  // Sets the size without writing the new elements (the caller is about to).
  void resize_for_overwrite(std::size_t n) {
    reserve(n);
    size_ = n;
  }
  void reserve(std::size_t n) {
    if (n > capacity_) grow(n);
  }
  template <class It>
  void append(It first, It last) {
    const auto n = static_cast<std::size_t>(std::distance(first, last));
    reserve(size_ + n);
    std::copy(first, last, data_ + size_);
    size_ += n;
  }

 private:
  static constexpr std::size_t kPage = 4096;

  void grow(std::size_t at_least) {
    std::size_t bytes = std::max<std::size_t>(bytes_ * 2, kPage);
    while (bytes < at_least * sizeof(T)) bytes *= 2;
    data_ = static_cast<T*>(remap(data_, bytes_, bytes));
    bytes_ = bytes;
    capacity_ = bytes / sizeof(T);
  }

#if defined(__linux__)
  static void* remap(void* old, std::size_t old_bytes, std::size_t bytes) {
    void* p = old == nullptr
                  ? ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                  : ::mremap(old, old_bytes, bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return p;
  }
  static void release(T* p, std::size_t bytes) {
    if (p != nullptr) ::munmap(p, bytes);
  }
#else
  static void* remap(void* old, std::size_t old_bytes, std::size_t bytes) {
    void* p = ::operator new(bytes, std::align_val_t{kPage});
    if (old != nullptr) {
      std::memcpy(p, old, old_bytes);
      ::operator delete(old, std::align_val_t{kPage});
    }
    return p;
  }
  static void release(T* p, std::size_t) {
    if (p != nullptr) ::operator delete(p, std::align_val_t{kPage});
  }
#endif

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::size_t bytes_ = 0;  // mapped, a power-of-two number of pages
};

}  // namespace gcmsim
