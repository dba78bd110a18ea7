#include "serve/folder_zip.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <stdexcept>

#include <fmt/core.h>
#include <minizip/zip.h>  // zlib's minizip (libminizip-dev)

namespace gcmsim::serve {

namespace {

// Owns the open archive: closed (and so finished, or at least released) on every path out.
class ZipWriter {
 public:
  explicit ZipWriter(const std::filesystem::path& path) : zip_(zipOpen64(path.c_str(), APPEND_STATUS_CREATE)) {
    if (zip_ == nullptr) throw std::runtime_error(fmt::format("cannot create {}", path.string()));
    // Every entry dated now (UTC), as `gcmsim` would have written the files.
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    info_.tmz_date = {static_cast<uInt>(utc.tm_sec), static_cast<uInt>(utc.tm_min), static_cast<uInt>(utc.tm_hour),
                      static_cast<uInt>(utc.tm_mday), static_cast<uInt>(utc.tm_mon),
                      static_cast<uInt>(utc.tm_year + 1900)};
  }
  ~ZipWriter() {
    if (zip_ != nullptr) zipClose(zip_, nullptr);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void add(const std::string& name, const std::string& text) {
    // CSV deflates about tenfold even at the fastest level, which is several times faster than the
    // default: a download of a large run waits for the CPU, not for the bytes.
    const int zip64 = text.size() >= 0xffffffffULL ? 1 : 0;
    if (zipOpenNewFileInZip64(zip_, name.c_str(), &info_, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_BEST_SPEED,
                              zip64) != ZIP_OK) {
      throw std::runtime_error(fmt::format("cannot add {} to the zip", name));
    }
    for (std::size_t at = 0; at < text.size();) {
      const auto chunk = static_cast<unsigned>(std::min<std::size_t>(text.size() - at, 1u << 20));
      if (zipWriteInFileInZip(zip_, text.data() + at, chunk) != ZIP_OK) {
        throw std::runtime_error(fmt::format("cannot write {} into the zip (disk full?)", name));
      }
      at += chunk;
    }
    if (zipCloseFileInZip(zip_) != ZIP_OK) throw std::runtime_error(fmt::format("cannot finish {} in the zip", name));
  }

  void close() {
    const int status = zipClose(zip_, nullptr);
    zip_ = nullptr;
    if (status != ZIP_OK) throw std::runtime_error("cannot finish the zip (disk full?)");
  }

 private:
  zipFile zip_;
  zip_fileinfo info_{};
};

}  // namespace

bool write_folder_zip(const Job& job, const std::filesystem::path& zip_path) {
  ZipWriter zip(zip_path);
  const std::string top = job.folder_name().empty() ? std::string("results") : job.folder_name();
  const bool written = job.write_folder([&](const std::string& path, const std::string& text) { zip.add(top + "/" + path, text); });
  zip.close();
  return written;
}

}  // namespace gcmsim::serve
