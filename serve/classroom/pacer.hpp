#pragma once
// The teacher's hand on the simulation's pace. The simulation thread calls after_event() after each
// event the class sees; it returns at once, or after the pace's delay, or when the teacher resumes a
// paused session. The class cannot read a negotiation that runs in milliseconds: a small delay per
// narrated event lets the projector tell it. Skipping runs at full speed to the end of the current
// round; ending runs at full speed to the end. Nothing here knows what an event is.
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gcmsim::serve::classroom {

class Pacer {
 public:
  enum class State { lobby, running, paused, ended };

  explicit Pacer(std::chrono::milliseconds pace) : pace_(pace) {}

  // The teacher's commands (any thread). Each returns false when it does not apply now.
  bool start();
  bool pause();
  bool resume();
  bool skip_round();  // full speed until the next round's end
  void end();         // full speed to the end; no more pauses

  State state() const;
  bool skipping() const;

  // The simulation's side. wait_start() blocks until start() or end(); after_event() waits out
  // the pace (cut short by any command) and any pause.
  void wait_start();
  void after_event(bool round_ended);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  const std::chrono::milliseconds pace_;
  State state_ = State::lobby;
  bool skipping_ = false;
  unsigned commands_ = 0;  // grows at every command: a pace delay ends early when it moves
};

const char* to_string(Pacer::State state);

}  // namespace gcmsim::serve::classroom
