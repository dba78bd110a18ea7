#pragma once
// Run fingerprint: one 64-bit hash over the time, kind and target of every event, in firing order,
// as OMNeT++ fingerprints do. Two runs with equal fingerprints fired the same events in the same
// order; a change in the model's logic or in tie-breaking shows up as a different value.
#include <cstdint>
#include <iosfwd>
#include <string>

#include "engine/event_observer.hpp"

namespace gcmsim {

class Fingerprint final : public EventObserver {
 public:
  void on_event(SimTime time, EventTag tag) override;

  std::uint64_t value() const { return state_; }
  std::uint64_t events() const { return events_; }
  // Sixteen lowercase hex digits, as written in run manifests.
  std::string hex() const;

 private:
  std::uint64_t state_ = 0x6763'6d73'696d'2d31;  // an arbitrary non-zero start
  std::uint64_t events_ = 0;
};

// Writes one line per event: "<tick> <kind> <target>", for debugging a model's event sequence.
class EventTrace final : public EventObserver {
 public:
  explicit EventTrace(std::ostream& out) : out_(out) {}
  void on_event(SimTime time, EventTag tag) override;

 private:
  std::ostream& out_;
};

}  // namespace gcmsim
