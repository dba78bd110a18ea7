#pragma once
// The output folder of run and compare, checked before anything is simulated (a typo in --out is
// reported in a second, not after the run), and the files a run owns in it.
#include <filesystem>
#include <string>

namespace gcmsim::cli {

// Rejects an empty path and a path that is a file; creates the folder and checks it is writable.
// Throws InvalidInput naming the folder and the reason.
std::filesystem::path checked_out_dir(const std::string& out);

}  // namespace gcmsim::cli
