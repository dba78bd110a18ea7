#pragma once
// What every fuzz target asserts about a load, beyond "no crash": the loader's safety net caught
// nothing (that would be an exception from a library, i.e. a defect), a failed load says why, and
// its report can be formatted.
#include <cstdlib>
#include <string_view>

#include "models/loader/loader.hpp"

namespace gcmsim::fuzz {

inline void require_sound(const loader::LoadResult& result) {
  for (const loader::Diagnostic& d : result.diagnostics.list()) {
    if (std::string_view(d.message).starts_with(loader::kInternalErrorPrefix)) std::abort();
  }
  if (!result.ok() && result.diagnostics.empty()) std::abort();  // a refusal without a reason
  if (!result.ok() && result.error_report().empty()) std::abort();
}

}  // namespace gcmsim::fuzz
