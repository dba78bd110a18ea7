#pragma once
// Writing an output file so that a reader never sees half of it: the content goes to a temporary
// file in the same folder (same file system, so the rename is atomic), and is then renamed over the
// target. An interrupted or failed write leaves the previous file intact.
//
// Two promises, two costs. The rename alone survives a killed process (kill -9): the kernel keeps
// what was written. Surviving a power loss or a crash of the system also needs the bytes on disk
// before the rename, and the rename on disk after it: two fsyncs per file. Writers of many files
// (a run's ten, R replications' 10 R) defer that and make a whole batch durable at once
// (sync_file_system), at a durability point they document.
#include <filesystem>
#include <string_view>

namespace gcmsim::output {

enum class Durability {
  synced,    // on disk when the call returns: the file's bytes before the rename, the rename after
  deferred,  // atomic against a killed process; on disk at the caller's next sync_file_system
};

// Creates missing parent folders. Throws std::runtime_error naming `path` and the OS error; on
// failure no temporary file is left behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           Durability durability = Durability::synced);

// Puts everything written on the file system that holds `folder` on disk, data and names (one
// syncfs(2) instead of an fsync per file and folder). Throws std::runtime_error on failure.
void sync_file_system(const std::filesystem::path& folder);

// Puts the names in `folder` (files created, renamed or removed in it) on disk. Best effort: some
// file systems refuse fsync on a folder.
void sync_folder(const std::filesystem::path& folder);

}  // namespace gcmsim::output
