#include "serve/classroom/pacer.hpp"

namespace gcmsim::serve::classroom {

const char* to_string(Pacer::State state) {
  switch (state) {
    case Pacer::State::lobby: return "lobby";
    case Pacer::State::running: return "running";
    case Pacer::State::paused: return "paused";
    case Pacer::State::ended: return "ended";
  }
  return "?";
}

bool Pacer::start() {
  std::lock_guard lock(mutex_);
  if (state_ != State::lobby) return false;
  state_ = State::running;
  ++commands_;
  changed_.notify_all();
  return true;
}

bool Pacer::pause() {
  std::lock_guard lock(mutex_);
  if (state_ != State::running) return false;
  state_ = State::paused;
  ++commands_;
  changed_.notify_all();
  return true;
}

bool Pacer::resume() {
  std::lock_guard lock(mutex_);
  if (state_ != State::paused) return false;
  state_ = State::running;
  ++commands_;
  changed_.notify_all();
  return true;
}

bool Pacer::skip_round() {
  std::lock_guard lock(mutex_);
  if (state_ != State::running && state_ != State::paused) return false;
  state_ = State::running;
  skipping_ = true;
  ++commands_;
  changed_.notify_all();
  return true;
}

void Pacer::end() {
  std::lock_guard lock(mutex_);
  state_ = State::ended;
  ++commands_;
  changed_.notify_all();
}

Pacer::State Pacer::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool Pacer::skipping() const {
  std::lock_guard lock(mutex_);
  return skipping_;
}

void Pacer::wait_start() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return state_ != State::lobby; });
}

void Pacer::after_event(bool round_ended) {
  std::unique_lock lock(mutex_);
  if (round_ended && skipping_) {
    skipping_ = false;
    return;  // the round the teacher skipped to has ended: show it before going on
  }
  if (state_ == State::ended || skipping_) return;
  if (state_ == State::running && pace_.count() > 0) {
    const unsigned seen = commands_;
    changed_.wait_for(lock, pace_, [&] { return commands_ != seen; });
  }
  changed_.wait(lock, [&] { return state_ != State::paused; });
}

}  // namespace gcmsim::serve::classroom
