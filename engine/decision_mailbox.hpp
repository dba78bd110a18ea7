#pragma once
// A decider answered from another thread, within a wall-clock deadline: the simulation thread posts
// its question and waits; another thread (a server handling a player's click, a test) reads the
// question and answers. When the deadline passes, or the mailbox is closed, the simulation goes on
// with the model's choice. One question at a time: the simulation asks in its own order.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

#include "engine/external_decision.hpp"

namespace gcmsim {

class DecisionMailbox : public ExternalDecider {
 public:
  explicit DecisionMailbox(std::chrono::milliseconds deadline) : deadline_(deadline) {}

  // The simulation's side: waits for answer() up to the deadline (not at all once closed).
  std::optional<int> decide(const ExternalQuestion& question) override;

  // The player's side. The question waiting now, with its number (1, 2, ... in the order asked).
  struct Pending {
    std::uint64_t number = 0;
    ExternalQuestion question;
  };
  std::optional<Pending> pending() const;
  // Waits up to `timeout` for a question numbered above `after` (a client's long poll).
  std::optional<Pending> wait_for_question(std::uint64_t after, std::chrono::milliseconds timeout) const;
  // Answers question `number`: false when it is no longer waiting (answered, timed out) or the
  // choice is not one of its options.
  bool answer(std::uint64_t number, int choice);
  // From now on every question gets the model's choice at once (the player left, the session ends).
  void close();
  // Pause: while held, a pending question waits without a deadline (the teacher stopped the clock).
  void hold(bool on);

  // Wall-clock time the pending question has left (what a player's countdown shows); zero when
  // nothing is pending. While held, the time left stands still.
  std::chrono::milliseconds time_left() const;

  std::uint64_t asked() const;
  std::uint64_t timed_out() const;

 private:
  const std::chrono::milliseconds deadline_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::optional<Pending> pending_;
  std::optional<int> answer_;
  std::chrono::steady_clock::time_point deadline_at_{};   // of the pending question, while the clock runs
  std::chrono::steady_clock::duration left_when_held_{};  // while held
  std::uint64_t asked_ = 0;
  std::uint64_t timed_out_ = 0;
  bool closed_ = false;
  bool held_ = false;
};

}  // namespace gcmsim
