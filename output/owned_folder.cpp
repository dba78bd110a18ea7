#include "output/owned_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/bounded_file.hpp"
#include "output/atomic_file.hpp"

namespace gcmsim::output {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLedger = ".gcmsim-outputs";
constexpr const char* kLock = ".gcmsim.lock";
constexpr const char* kLedgerMagic = "gcmsim-outputs 1";
constexpr std::size_t kLedgerMaxBytes = 16u << 20;  // docs/limits.md

std::string os_error(int error) { return std::generic_category().message(error); }

enum class Kind { missing, file, folder, other };

Kind kind_of(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return Kind::missing;
  if (S_ISREG(st.st_mode)) return Kind::file;
  if (S_ISDIR(st.st_mode)) return Kind::folder;
  return Kind::other;  // a symbolic link, a FIFO, a device: never gcmsim's
}

bool is_folder_entry(const std::string& entry) { return !entry.empty() && entry.back() == '/'; }
std::string bare(const std::string& entry) { return is_folder_entry(entry) ? entry.substr(0, entry.size() - 1) : entry; }

// flock on a folder's descriptor: the ledger is read, changed and written by one process at a
// time (shards of one sweep claim their journals side by side).
class LedgerLock {
 public:
  explicit LedgerLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) {
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~LedgerLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  LedgerLock(const LedgerLock&) = delete;
  LedgerLock& operator=(const LedgerLock&) = delete;

 private:
  int fd_;
};

// Checks every entry below `folder` without following links: throws naming the first one that
// `allowed` refuses or that is neither a regular file nor a real folder.
void check_inside(const fs::path& folder, const AllowedInside& allowed, const std::string& shown) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const Kind k = kind_of(it->path());
    const std::string where = shown + "/" + name;
    if (k == Kind::other || (allowed && !allowed(name, k == Kind::folder))) {
      throw FolderRefused(fmt::format("{}: gcmsim did not write it, so it removes neither it nor its folder; move it "
                                      "away, or choose another output folder",
                                      where));
    }
    if (k == Kind::folder) check_inside(it->path(), allowed, where);
  }
  if (ec) throw FolderRefused(fmt::format("{}: cannot list the folder: {}", shown, ec.message()));
}

}  // namespace

std::string temporary_target(const std::string& file) {
  // Non-greedy: in .timeline.csv.1234.7.tmp the target is timeline.csv, not timeline.csv.1234.
  static const std::regex pattern(R"(\.(.+?)\.[0-9]+(\.[0-9]+)?\.tmp)");
  std::smatch m;
  return std::regex_match(file, m, pattern) ? m[1].str() : std::string();
}

bool is_temporary_of(const std::string& file, const std::string& name) {
  return !name.empty() && temporary_target(file) == name;
}

OwnedFolder::OwnedFolder(fs::path dir, FolderLock lock, std::string option)
    : dir_(std::move(dir)), option_(std::move(option)) {
  if (dir_.empty()) throw FolderRefused(fmt::format("{}: the output folder is empty; give a folder", option_));
  const Kind k = kind_of(dir_);
  std::error_code ec;
  if (k == Kind::file || (k == Kind::other && !fs::is_directory(dir_, ec))) {
    throw FolderRefused(fmt::format("{}: is a file, not a folder", option_));
  }
  fs::create_directories(dir_, ec);
  if (ec) throw FolderRefused(fmt::format("{}: cannot create the folder: {}", option_, ec.message()));
  if (::access(dir_.c_str(), W_OK | X_OK) != 0) {
    throw FolderRefused(fmt::format("{}: cannot write into the folder: {}", option_, os_error(errno)));
  }
  const fs::path lock_path = dir_ / kLock;
  if (kind_of(lock_path) == Kind::other) {
    throw FolderRefused(fmt::format("{}: {} is not a regular file; gcmsim keeps its lock there", option_, lock_path.string()));
  }
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (lock_fd_ < 0) throw FolderRefused(fmt::format("{}: cannot create {}: {}", option_, lock_path.string(), os_error(errno)));
  const int how = (lock == FolderLock::exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  int rc = 0;
  while ((rc = ::flock(lock_fd_, how)) != 0 && errno == EINTR) {
  }
  if (rc != 0) {
    const int error = errno;
    const std::string holder = describe_holder(kLock);
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (error == EWOULDBLOCK) {
      throw FolderRefused(fmt::format("{}: another gcmsim is writing into this folder ({}); wait for it to finish, or "
                                      "choose another folder",
                                      option_, holder));
    }
    throw FolderRefused(fmt::format("{}: cannot lock {}: {}", option_, lock_path.string(), os_error(error)));
  }
  // Who holds the lock, for the message a refused writer prints (a shared holder overwrites it).
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(lock_fd_, 0) == 0) (void)!::pwrite(lock_fd_, pid.data(), pid.size(), 0);
  {
    const LedgerLock guard(dir_);
    read_ledger();
    remove_leftovers();
  }
}

OwnedFolder::~OwnedFolder() {
  for (const int fd : file_locks_) ::close(fd);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string OwnedFolder::describe_holder(const std::string& lock_name) const {
  // /proc/locks names every holder of a flock by pid and inode; the lock file's own content is
  // the fallback when /proc is not mounted.
  struct stat st {};
  const fs::path path = dir_ / lock_name;
  if (::stat(path.c_str(), &st) == 0) {
    std::ifstream locks("/proc/locks");
    std::string line;
    std::vector<std::string> pids;
    const std::string inode = fmt::format(":{} ", static_cast<unsigned long long>(st.st_ino));
    while (std::getline(locks, line)) {
      std::istringstream in(line);
      std::string number, type, advisory, mode, pid, device;
      in >> number >> type;
      if (type == "->") in >> type;
      in >> advisory >> mode >> pid >> device;
      if (type == "FLOCK" && (device + " ").find(inode) != std::string::npos && pid != std::to_string(::getpid())) {
        pids.push_back(pid);
      }
    }
    if (!pids.empty()) return fmt::format("held by pid {}", fmt::join(pids, ", "));
  }
  if (lock_name == kLock) {
    std::ifstream in(path);
    std::string pid;
    if (in >> pid) return fmt::format("held by pid {}", pid);
  }
  return "held by another process";
}

void OwnedFolder::read_ledger() {
  ledger_.clear();
  const fs::path path = dir_ / kLedger;
  const Kind k = kind_of(path);
  if (k == Kind::missing) return;
  const BoundedRead read = read_bounded_file(path.string(), kLedgerMaxBytes, "gcmsim's list of the outputs it wrote");
  if (k != Kind::file || !read.ok()) {
    throw FolderRefused(fmt::format("{}: {} is not gcmsim's list of the outputs it wrote ({}); remove it if you made it", option_,
                                    path.string(), k != Kind::file ? "not a regular file" : read.error));
  }
  std::istringstream in(read.content);
  std::string line;
  if (!std::getline(in, line) || line != kLedgerMagic) {
    throw FolderRefused(fmt::format("{}:1: not gcmsim's list of the outputs it wrote (expected '{}'); remove it if you made it",
                                    path.string(), kLedgerMagic));
  }
  while (std::getline(in, line)) {
    // Only plain names of this folder: a ledger never reaches outside it.
    if (line.empty() || line.find('/') < line.size() - 1 || bare(line) == "." || bare(line) == "..") continue;
    ledger_.insert(line);
  }
}

void OwnedFolder::write_ledger() const {
  std::string text = std::string(kLedgerMagic) + "\n";
  for (const std::string& entry : ledger_) text += entry + "\n";
  write_file_atomically(dir_ / kLedger, text, Durability::synced);
}

bool OwnedFolder::owns(const std::string& name) const {
  if (ledger_.count(name) != 0) return kind_of(dir_ / name) == Kind::file;
  if (ledger_.count(name + "/") != 0) return kind_of(dir_ / name) == Kind::folder;
  return false;
}

std::vector<std::string> OwnedFolder::owned() const {
  std::vector<std::string> out;
  for (const std::string& entry : ledger_) {
    if (owns(bare(entry))) out.push_back(bare(entry));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> OwnedFolder::foreign() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name == kLedger || name == kLock || owns(name)) continue;
    out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void OwnedFolder::remove_leftovers() {
  std::error_code ec;
  std::vector<fs::path> gone;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::string target = temporary_target(name);
    if (!target.empty() && (target == kLedger || ledger_.count(target) != 0) && kind_of(it->path()) == Kind::file) {
      gone.push_back(it->path());
    }
    static const std::regex partial(R"(\.(.+)\.partial)");
    std::smatch m;
    if (std::regex_match(name, m, partial) && ledger_.count(m[1].str() + "/") != 0 && kind_of(it->path()) == Kind::folder) {
      gone.push_back(it->path());
    }
  }
  for (const fs::path& p : gone) {
    // A partial folder holds what its writer put there: regular files and folders, no links.
    if (kind_of(p) == Kind::folder) check_inside(p, {}, p.string());
    fs::remove_all(p, ec);
  }
}

void OwnedFolder::claim(const std::vector<std::string>& names, const std::vector<std::string>& also_in_way) {
  const LedgerLock guard(dir_);
  read_ledger();  // a shard of the same sweep may have claimed names meanwhile
  std::vector<std::string> in_way = also_in_way;
  for (const std::string& entry : names) {
    const std::string name = bare(entry);
    if (kind_of(dir_ / name) != Kind::missing && !owns(name)) in_way.push_back(name);
  }
  std::sort(in_way.begin(), in_way.end());
  in_way.erase(std::unique(in_way.begin(), in_way.end()), in_way.end());
  if (!in_way.empty()) {
    const std::size_t shown = std::min<std::size_t>(in_way.size(), 10);
    throw FolderRefused(fmt::format(
        "{}: the folder holds files gcmsim did not write where its outputs go: {}{}; gcmsim never removes or replaces "
        "them: move them away, or choose another folder",
        option_, fmt::join(in_way.begin(), in_way.begin() + static_cast<std::ptrdiff_t>(shown), ", "),
        in_way.size() > shown ? fmt::format(" and {} more", in_way.size() - shown) : std::string()));
  }
  bool changed = false;
  for (const std::string& entry : names) changed = ledger_.insert(entry).second || changed;
  if (changed) write_ledger();
}

void OwnedFolder::check_removable(const std::string& name, const AllowedInside& allowed) const {
  const fs::path p = dir_ / name;
  const Kind k = kind_of(p);
  if (k == Kind::missing) return;
  if (!owns(name)) throw FolderRefused(fmt::format("{}/{}: gcmsim did not write it and does not remove it", dir_.string(), name));
  if (k == Kind::folder) check_inside(p, allowed, p.string());
}

void OwnedFolder::remove(const std::string& name, const AllowedInside& allowed) {
  const fs::path p = dir_ / name;
  const Kind k = kind_of(p);
  if (k == Kind::missing) return;
  check_removable(name, allowed);
  std::error_code ec;
  if (k == Kind::folder) {
    fs::remove_all(p, ec);
  } else {
    fs::remove(p, ec);
  }
  if (ec) throw std::runtime_error(fmt::format("cannot remove {}: {}", p.string(), ec.message()));
}

void OwnedFolder::lock_file(const std::string& name) {
  const fs::path p = dir_ / name;
  const int fd = ::open(p.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw FolderRefused(fmt::format("{}: cannot open {}: {}", option_, p.string(), os_error(errno)));
  int rc = 0;
  while ((rc = ::flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
  }
  if (rc != 0) {
    const int error = errno;
    const std::string holder = describe_holder(name);
    ::close(fd);
    if (error == EWOULDBLOCK) {
      throw FolderRefused(fmt::format("{}: another gcmsim is writing {} ({}); wait for it to finish", option_, p.string(), holder));
    }
    throw FolderRefused(fmt::format("{}: cannot lock {}: {}", option_, p.string(), os_error(error)));
  }
  file_locks_.push_back(fd);
}

}  // namespace gcmsim::output
