#pragma once
// Comparing a token a client sent with the server's: constant time for equal lengths, so the
// answer's timing does not tell how much of a guess was right. The studio's token and the
// classroom's teacher token both go through it.
#include <cstddef>
#include <string>

namespace gcmsim::serve {

inline bool same_token(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace gcmsim::serve
