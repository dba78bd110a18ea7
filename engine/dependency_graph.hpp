#pragma once
// Activities that need one another, and the critical path method over them.
//
// An activity has a string id and a duration in a unit the caller chooses (the scenario layer uses
// working days). "a needs b" means a cannot start before b has finished, plus an optional lag.
// Every query is deterministic: ties are broken by insertion index, never by hash or pointer order.
//
// Cost, for V activities and E needs: add_activity O(log V), add_need O(log V) by id and O(1) by
// index, topological_order and critical_path O((V + E) log V), find_cycle O(V + E).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gcmsim {

// Thrown when an ordering is asked of a graph whose needs go round in a circle.
// cycle() is closed and follows time's arrow, each id a prerequisite of the next:
// {"b", "c", "d", "b"} means c needs b, d needs c and b needs d. It starts at the member that was
// added first. what() reads "dependency cycle: b -> c -> d -> b".
class CycleError : public std::runtime_error {
 public:
  explicit CycleError(std::vector<std::string> cycle);
  const std::vector<std::string>& cycle() const noexcept { return cycle_; }

 private:
  std::vector<std::string> cycle_;
};

// One activity's window. Every activity is placed as early as it can be (earliest_start); slack
// says how far it may slip. Times are on the caller's axis: 0 is the project start, and no
// activity starts before it.
struct ActivityTimes {
  std::int64_t earliest_start = 0;
  std::int64_t earliest_finish = 0;
  std::int64_t latest_start = 0;
  std::int64_t latest_finish = 0;
  // How far the activity may slip without moving the project end.
  std::int64_t total_slack = 0;
  // How far it may slip without moving any dependant's earliest start (nor the project end).
  std::int64_t free_slack = 0;
  // total_slack <= 0. Without a deadline no slack is negative, so this is total_slack == 0.
  bool critical = false;
};

struct Schedule {
  // Indexed by activity index.
  std::vector<ActivityTimes> times;
  // The latest earliest finish, or the deadline when one was given (0 for an empty graph).
  std::int64_t project_end = 0;
  // Every critical activity, in topological order. When several chains tie they all appear here.
  std::vector<std::size_t> critical_activities;
  // One connected chain, first to last: it ends at the last-finishing activity and walks back
  // through the prerequisite that sets each one's earliest start (its finish plus lag equals the
  // dependant's start), until an activity whose start is set by time 0 or by a fixed earliest
  // start. Where several last finishers or several prerequisites tie, the one later in
  // topological order is taken, so a zero-duration milestone at either end stays on the chain.
  // Empty when the last finisher is not critical (a deadline later than the earliest end).
  std::vector<std::size_t> critical_path;
};

class DependencyGraph {
 public:
  DependencyGraph();
  DependencyGraph(const DependencyGraph& other);
  DependencyGraph(DependencyGraph&& other) noexcept;
  DependencyGraph& operator=(const DependencyGraph& other);
  DependencyGraph& operator=(DependencyGraph&& other) noexcept;
  ~DependencyGraph();

  // Returns the new activity's index: 0, 1, 2, ... in the order of the calls.
  // Throws std::invalid_argument for an empty or duplicate id, or a negative duration.
  std::size_t add_activity(std::string id, std::int64_t duration);

  // `activity` cannot start before `prerequisite` has finished plus `lag` (a negative lag is a
  // lead: the activity may start that long before the prerequisite finishes). Needing the same
  // prerequisite twice is allowed; the largest lag binds. Unknown ids throw
  // std::invalid_argument naming them; out-of-range indices throw std::out_of_range.
  void add_need(std::size_t activity, std::size_t prerequisite, std::int64_t lag = 0);
  void add_need(std::string_view activity, std::string_view prerequisite, std::int64_t lag = 0);

  // A planned date: the activity cannot start before `time`, whatever its prerequisites.
  // A second call replaces the first. A date before 0 has no effect: nothing starts before 0.
  void set_earliest_start(std::size_t activity, std::int64_t time);
  void set_earliest_start(std::string_view activity, std::int64_t time);

  std::size_t size() const noexcept;
  // The activity's index, or nullopt if no activity has that id.
  std::optional<std::size_t> find(std::string_view id) const;
  // As find, but throws std::invalid_argument naming the id.
  std::size_t index_of(std::string_view id) const;
  const std::string& id(std::size_t activity) const;
  std::int64_t duration(std::size_t activity) const;

  // Every activity after all it needs. Among activities that are ready at the same point, the one
  // added first comes first, so independent activities keep their insertion order.
  // Throws CycleError.
  std::vector<std::size_t> topological_order() const;

  // The ids on one cycle, closed and in the order described at CycleError; nullopt if acyclic.
  // Which cycle is reported, when there are several, is fixed by insertion order.
  std::optional<std::vector<std::string>> find_cycle() const;

  // Forward pass for earliest times, backward pass from the project end for latest times.
  // A deadline replaces the earliest project end; one earlier than it gives negative slack on the
  // activities that would make it late, and those count as critical. Throws CycleError.
  Schedule critical_path(std::optional<std::int64_t> deadline = std::nullopt) const;

 private:
  struct Impl;
  std::size_t checked(std::size_t activity) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gcmsim
