#pragma once
// Writes an override (a partial scenario) into the test build's temporary folder.
#include <fstream>
#include <string>

namespace gcmsim::testing {

inline std::string override_file(const std::string& name, const std::string& text) {
  const std::string path = std::string(GCMSIM_TEST_TMP) + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

}  // namespace gcmsim::testing
