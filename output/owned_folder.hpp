#pragma once
// An output folder as a command holds it for writing: what in it gcmsim can prove it wrote, and
// the lock that keeps a second writer out.
//
// Proof of ownership. DIR/.gcmsim-outputs (the folder's ledger) names every file and folder a
// command of gcmsim wrote in DIR; a name is added, and the ledger synced, before the file is
// created. A name is owned when the ledger lists it and it is still what was written: a regular
// file, or a real folder (lstat: a symbolic link is never owned, never followed). Only owned names
// are replaced or removed, and an owned folder only when everything in it is a regular file or a
// folder of the names its writer allows. Anything else is the user's: a command whose outputs
// would replace it refuses, naming it (FolderRefused, exit 2).
//
// One writer. DIR/.gcmsim.lock is locked with flock(2) for as long as the command runs: exclusive
// for run, compare, calibrate, sweep merge and a sweep that is not split into shards; shared for
// the shards of one Slurm array, which write their own journals side by side (each shard locks its
// journal exclusively). A refused writer is told the pid of the holder. The kernel drops the lock
// when its holder dies, kill -9 included, so no stale lock ever needs removing.
//
// Leftovers. Opening the folder removes what an interrupted writer left behind: the temporary
// files (.NAME.PID.N.tmp, .NAME.PID.tmp) and partial folders (.NAME.partial) of owned names.
#include <filesystem>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace gcmsim::output {

// The folder cannot be written as asked (not a folder, locked by another writer, holding the
// user's files where the outputs go); what() says why and lists what is in the way.
struct FolderRefused : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

enum class FolderLock { exclusive, shared };

// Whether a file name may be found inside an owned folder (a replication's files, say).
using AllowedInside = std::function<bool(const std::string& name, bool is_folder)>;

class OwnedFolder {
 public:
  // Creates `dir` when missing (refuses a path that exists and is not a folder, or cannot be
  // written), takes its lock, reads its ledger and removes the leftovers of owned names.
  // `option` names the option the folder came from in messages ("--out results").
  OwnedFolder(std::filesystem::path dir, FolderLock lock, std::string option);
  ~OwnedFolder();
  OwnedFolder(const OwnedFolder&) = delete;
  OwnedFolder& operator=(const OwnedFolder&) = delete;

  const std::filesystem::path& path() const { return dir_; }

  // Listed in the ledger and still a regular file (or a real folder when listed as one).
  bool owns(const std::string& name) const;
  // The owned names present in the folder, sorted.
  std::vector<std::string> owned() const;

  // Records `names` (a trailing '/' marks a folder) in the ledger before they are written. A name
  // present in the folder and not owned is in the way: throws FolderRefused listing every one
  // of them, together with `also_in_way` (foreign entries the caller found in the way itself).
  void claim(const std::vector<std::string>& names, const std::vector<std::string>& also_in_way = {});

  // Removes an owned name: a file, or a folder whose every entry `allowed` accepts (throws
  // FolderRefused naming the first it does not). Never follows a symbolic link. Removing a
  // name that is not owned is refused.
  void remove(const std::string& name, const AllowedInside& allowed = {});
  // Throws what remove() would, removing nothing: check every name first, then remove them all.
  void check_removable(const std::string& name, const AllowedInside& allowed = {}) const;

  // Entries present that are not owned (the lock and the ledger aside), sorted.
  std::vector<std::string> foreign() const;

  // Takes an exclusive flock on a file of the folder (a shard's journal); FolderRefused naming
  // the holder's pid when another process has it. Held until the folder is closed.
  void lock_file(const std::string& name);

 private:
  void read_ledger();
  void write_ledger() const;
  void remove_leftovers();
  std::string describe_holder(const std::string& lock_name) const;

  std::filesystem::path dir_;
  std::string option_;
  int lock_fd_ = -1;
  std::vector<int> file_locks_;
  std::set<std::string> ledger_;  // names, folders with a trailing '/'
};

// The names an interrupted atomic or streamed write of `name` leaves: .NAME.PID.N.tmp, .NAME.PID.tmp.
bool is_temporary_of(const std::string& file, const std::string& name);
// A temporary file's target name (".runs.csv.12.tmp" -> "runs.csv"), or "" when not one.
std::string temporary_target(const std::string& file);

}  // namespace gcmsim::output
