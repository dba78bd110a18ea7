#pragma once
// A job's run folder as one zip file (GET /api/jobs/ID/folder.zip): the files `gcmsim` writes for
// the job's command line, each under FOLDER/ (the folder that command line writes by default).
// Written with zlib's minizip, which deflates one entry at a time straight to the file: a folder
// of 200 replications (about 4 MB each) never sits in memory, only the file being added.
#include <filesystem>

#include "serve/common/jobs.hpp"

namespace gcmsim::serve {

// Writes the zip at `zip_path` (a new file); false when the job has no folder or no result yet.
// Throws std::runtime_error when the file cannot be written.
bool write_folder_zip(const Job& job, const std::filesystem::path& zip_path);

}  // namespace gcmsim::serve
