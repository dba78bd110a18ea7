// libFuzzer target: `--set` options on a small valid scenario. Each line of the input is one option,
// applied in order, as `gcmsim validate minimal.yaml --set LINE ...` would. A crash, a sanitizer
// report, an uncaught exception or a diagnostic from the loader's safety net is a defect.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "models/loader/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  gcmsim::loader::LoadRequest request;
  request.path = std::string(GCMSIM_SOURCE_DIR) + "/tests/models/loader/fixtures/minimal.yaml";
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    request.sets.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  gcmsim::fuzz::require_sound(gcmsim::loader::load_scenario(request));
  return 0;
}
