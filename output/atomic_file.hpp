#pragma once
// Writing an output file so that a reader never sees half of it: the content goes to a temporary
// file in the same folder (same file system, so the rename is atomic), is flushed to disk, and is
// then renamed over the target. An interrupted or failed write leaves the previous file intact.
#include <filesystem>
#include <string_view>

namespace gcmsim::output {

// Creates missing parent folders. Throws std::runtime_error naming `path` and the OS error; on
// failure no temporary file is left behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace gcmsim::output
