#pragma once
// The classroom's sessions: opened by the teacher (who holds the teacher token printed at start),
// joined by students with a short code. The code is the students' only key, so wrong codes are
// counted per address and refused past a limit: it cannot be found by trying.
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "serve/classroom/session.hpp"
#include "serve/common/catalog.hpp"
#include "serve/common/limits.hpp"

namespace gcmsim::serve::classroom {

class Classroom {
 public:
  Classroom(Catalog& catalog, const Limits& limits);

  const std::string& teacher_token() const { return teacher_token_; }
  bool is_teacher(const std::string& token) const;

  // Opens a session; Refusal 400 (seats, numbers), 404 (scenario), 422 (no negotiation), 429 (full).
  std::shared_ptr<Session> open(const nlohmann::json& request);
  std::shared_ptr<Session> find(const std::string& id) const;
  // The session a join code opens, or Refusal 404 (wrong code; 429 past the failed-attempts limit).
  std::shared_ptr<Session> by_code(const std::string& code, const std::string& address);
  std::vector<std::shared_ptr<Session>> sessions() const;

  // The shipped scenarios with a negotiation, and their delegations, for the teacher's form.
  nlohmann::json scenarios();

 private:
  Catalog& catalog_;
  const Limits limits_;
  const std::string teacher_token_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<Session>> sessions_;  // opening order
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> failed_joins_;  // by address
};

// Six characters without 0/O, 1/I/L: easy to read off a projector and to type on a phone.
std::string join_code();

}  // namespace gcmsim::serve::classroom
