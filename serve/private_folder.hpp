#pragma once
// A folder of the server's own under the system's temporary folder: made with mkdtemp (mode 0700,
// a name nobody can guess), removed with everything in it when the object goes. What a client
// uploads and what the server writes for a download go there, never under a name a client chose.
#include <filesystem>

namespace gcmsim::serve {

class PrivateFolder {
 public:
  PrivateFolder();  // throws Refusal(500) when the folder cannot be made
  ~PrivateFolder();
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace gcmsim::serve
