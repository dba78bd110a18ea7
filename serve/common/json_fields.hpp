#pragma once
// Reading a client's JSON request: a field the client left out is null, so each caller says itself
// whether that means its default or a refusal (the classroom's open and its actions both read
// requests this way).
#include <nlohmann/json.hpp>

namespace gcmsim::serve {

// The member `name` of the object `request`, or null when it has none.
inline const nlohmann::json& field(const nlohmann::json& request, const char* name) {
  static const nlohmann::json none;
  const auto it = request.find(name);
  return it == request.end() ? none : *it;
}

}  // namespace gcmsim::serve
