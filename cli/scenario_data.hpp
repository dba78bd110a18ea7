#pragma once
// Where the shipped scenarios live once gcmsim is installed, so `gcmsim run` works from any folder.
#include <filesystem>
#include <string>
#include <vector>

namespace gcmsim::cli {

// The data folders holding scenarios/, most specific first: $GCMSIM_DATA, then the folder installed
// beside the binary (<prefix>/share/gcmsim for <prefix>/bin/gcmsim, so an installed tree can be
// moved), then the install prefix compiled in. Folders that do not exist are left out.
std::vector<std::filesystem::path> data_dirs();

// `file` itself when it exists or is absolute; else the first data folder holding it; else `file`
// unchanged, so the loader reports it as unreadable with the name the user gave.
std::string resolve_scenario_file(const std::string& file);

}  // namespace gcmsim::cli
