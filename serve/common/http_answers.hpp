#pragma once
// How the server answers: JSON bodies (invalid UTF-8 in a scenario's text replaced, never sent
// raw) and errors as {error, status}. Include after everything that reaches Eigen: httplib.h
// includes <resolv.h>, whose `_res` macro breaks it.
#include <string>

#include <nlohmann/json.hpp>

#include <httplib.h>

namespace gcmsim::serve {

inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// With its charset named, which also keeps Debian's httplib 0.11 from brotli-compressing the body
// at its slowest setting (it compresses "application/json" exactly, and any "text/..."): 250 ms
// for the 54 KB scenario description on this machine, most of the studio's first load, to save
// bytes that loopback does not need.
inline void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json; charset=utf-8");
}

inline void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

}  // namespace gcmsim::serve
