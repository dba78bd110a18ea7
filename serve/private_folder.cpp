#include "serve/private_folder.hpp"

#include <cstdlib>
#include <string>

#include "serve/common/jobs.hpp"

namespace gcmsim::serve {

namespace fs = std::filesystem;

PrivateFolder::PrivateFolder() {
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "gcmsim-serve-XXXXXX").string();
  if (ec || mkdtemp(pattern.data()) == nullptr) throw Refusal(500, "cannot make a private temporary folder");
  path_ = pattern;
}

PrivateFolder::~PrivateFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);  // nothing to tell anyone if it fails: the folder is the server's own
}

}  // namespace gcmsim::serve
