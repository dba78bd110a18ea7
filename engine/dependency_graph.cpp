#include "engine/dependency_graph.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <utility>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

namespace gcmsim {

namespace {

struct Activity {
  std::string id;
  std::int64_t duration = 0;
  std::optional<std::int64_t> earliest_start;
};

struct Need {
  std::int64_t lag = 0;
};

// Edges run from prerequisite to dependant, the direction of time. vecS keeps vertices numbered by
// insertion and each vertex's edges in insertion order, which is what makes traversals
// deterministic; bidirectionalS gives the backward pass its in-edges.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Activity, Need>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Remembers the first back edge met and the DFS tree, from which that edge's cycle is read off.
class BackEdgeRecorder : public boost::default_dfs_visitor {
 public:
  BackEdgeRecorder(std::vector<Vertex>& parent, std::optional<Edge>& back_edge)
      : parent_(&parent), back_edge_(&back_edge) {}

  void tree_edge(Edge e, const Graph& g) const { (*parent_)[boost::target(e, g)] = boost::source(e, g); }

  void back_edge(Edge e, const Graph&) const {
    if (!*back_edge_) *back_edge_ = e;
  }

 private:
  std::vector<Vertex>* parent_;
  std::optional<Edge>* back_edge_;
};

std::string describe_cycle(const std::vector<std::string>& cycle) {
  std::string text = "dependency cycle: ";
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    if (i > 0) text += " -> ";
    text += cycle[i];
  }
  return text;
}

}  // namespace

CycleError::CycleError(std::vector<std::string> cycle)
    : std::runtime_error(describe_cycle(cycle)), cycle_(std::move(cycle)) {}

struct DependencyGraph::Impl {
  Graph graph;
  // Ordered and transparent, so lookups by string_view need no temporary string.
  std::map<std::string, std::size_t, std::less<>> index_by_id;

  // Kahn's algorithm with the ready set ordered by index. Returns fewer than all vertices exactly
  // when some lie on, or downstream of, a cycle.
  std::vector<std::size_t> kahn_order() const {
    const std::size_t n = boost::num_vertices(graph);
    std::vector<std::size_t> waiting_on(n);
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t v = 0; v < n; ++v) {
      waiting_on[v] = boost::in_degree(v, graph);
      if (waiting_on[v] == 0) ready.push(v);
    }
    std::vector<std::size_t> order;
    order.reserve(n);
    while (!ready.empty()) {
      const std::size_t v = ready.top();
      ready.pop();
      order.push_back(v);
      for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph))) {
        const std::size_t w = boost::target(e, graph);
        if (--waiting_on[w] == 0) ready.push(w);
      }
    }
    return order;
  }

  std::vector<std::size_t> checked_order() const {
    std::vector<std::size_t> order = kahn_order();
    if (order.size() != boost::num_vertices(graph)) throw CycleError(*find_cycle());
    return order;
  }

  std::optional<std::vector<std::string>> find_cycle() const {
    const std::size_t n = boost::num_vertices(graph);
    std::vector<Vertex> parent(n);
    std::optional<Edge> back;
    boost::depth_first_search(graph, boost::visitor(BackEdgeRecorder(parent, back)));
    if (!back) return std::nullopt;

    // The back edge u -> v closes the tree path v -> ... -> u; walk it up from u.
    const Vertex u = boost::source(*back, graph);
    const Vertex v = boost::target(*back, graph);
    std::vector<Vertex> members{u};
    for (Vertex x = u; x != v;) {
      x = parent[x];
      members.push_back(x);
    }
    std::reverse(members.begin(), members.end());
    std::rotate(members.begin(), std::min_element(members.begin(), members.end()), members.end());

    std::vector<std::string> ids;
    ids.reserve(members.size() + 1);
    for (const Vertex x : members) ids.push_back(graph[x].id);
    ids.push_back(ids.front());
    return ids;
  }
};

DependencyGraph::DependencyGraph() : impl_(std::make_unique<Impl>()) {}
DependencyGraph::DependencyGraph(const DependencyGraph& other)
    : impl_(std::make_unique<Impl>(*other.impl_)) {}
DependencyGraph::DependencyGraph(DependencyGraph&& other) noexcept = default;
DependencyGraph& DependencyGraph::operator=(const DependencyGraph& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
DependencyGraph& DependencyGraph::operator=(DependencyGraph&& other) noexcept = default;
DependencyGraph::~DependencyGraph() = default;

std::size_t DependencyGraph::add_activity(std::string id, std::int64_t duration) {
  if (id.empty()) throw std::invalid_argument("activity id must not be empty");
  if (duration < 0) {
    throw std::invalid_argument("activity '" + id + "' has negative duration " +
                                std::to_string(duration));
  }
  if (impl_->index_by_id.count(id) != 0) {
    throw std::invalid_argument("duplicate activity id '" + id + "'");
  }
  // add_vertex(property, graph) goes through Boost's named-graph lookup, which trips GCC's
  // maybe-uninitialized warning under sanitizers; a bare vertex filled in afterwards does not.
  const std::size_t index = boost::add_vertex(impl_->graph);
  impl_->graph[index] = Activity{id, duration, std::nullopt};
  impl_->index_by_id.emplace(std::move(id), index);
  return index;
}

std::size_t DependencyGraph::checked(std::size_t activity) const {
  if (activity >= size()) {
    throw std::out_of_range("activity index " + std::to_string(activity) + " out of range (" +
                            std::to_string(size()) + " activities)");
  }
  return activity;
}

void DependencyGraph::add_need(std::size_t activity, std::size_t prerequisite, std::int64_t lag) {
  boost::add_edge(checked(prerequisite), checked(activity), Need{lag}, impl_->graph);
}

void DependencyGraph::add_need(std::string_view activity, std::string_view prerequisite,
                               std::int64_t lag) {
  const std::optional<std::size_t> a = find(activity);
  const std::optional<std::size_t> p = find(prerequisite);
  if (!a) {
    throw std::invalid_argument("unknown activity '" + std::string(activity) +
                                "' (said to need '" + std::string(prerequisite) + "')");
  }
  if (!p) {
    throw std::invalid_argument("unknown activity '" + std::string(prerequisite) +
                                "' (needed by '" + std::string(activity) + "')");
  }
  add_need(*a, *p, lag);
}

void DependencyGraph::set_earliest_start(std::size_t activity, std::int64_t time) {
  impl_->graph[checked(activity)].earliest_start = time;
}

void DependencyGraph::set_earliest_start(std::string_view activity, std::int64_t time) {
  set_earliest_start(index_of(activity), time);
}

std::size_t DependencyGraph::size() const noexcept { return boost::num_vertices(impl_->graph); }

std::optional<std::size_t> DependencyGraph::find(std::string_view id) const {
  const auto it = impl_->index_by_id.find(id);
  if (it == impl_->index_by_id.end()) return std::nullopt;
  return it->second;
}

std::size_t DependencyGraph::index_of(std::string_view id) const {
  const std::optional<std::size_t> index = find(id);
  if (!index) throw std::invalid_argument("unknown activity '" + std::string(id) + "'");
  return *index;
}

const std::string& DependencyGraph::id(std::size_t activity) const {
  return impl_->graph[checked(activity)].id;
}

std::int64_t DependencyGraph::duration(std::size_t activity) const {
  return impl_->graph[checked(activity)].duration;
}

std::vector<std::size_t> DependencyGraph::topological_order() const {
  return impl_->checked_order();
}

std::optional<std::vector<std::string>> DependencyGraph::find_cycle() const {
  return impl_->find_cycle();
}

Schedule DependencyGraph::critical_path(std::optional<std::int64_t> deadline) const {
  const Graph& g = impl_->graph;
  const std::vector<std::size_t> order = impl_->checked_order();
  const std::size_t n = order.size();

  Schedule schedule;
  std::vector<ActivityTimes>& times = schedule.times;
  times.resize(n);

  // Forward pass: start when the last prerequisite (plus lag) and any planned date allow.
  std::int64_t earliest_end = 0;
  for (const std::size_t v : order) {
    std::int64_t start = std::max<std::int64_t>(0, g[v].earliest_start.value_or(0));
    for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g))) {
      start = std::max(start, times[boost::source(e, g)].earliest_finish + g[e].lag);
    }
    times[v].earliest_start = start;
    times[v].earliest_finish = start + g[v].duration;
    earliest_end = std::max(earliest_end, times[v].earliest_finish);
  }
  schedule.project_end = deadline.value_or(earliest_end);

  // Backward pass. Every activity is bounded by the project end, not only those without
  // dependants: with a lead (negative lag) a dependant's bound alone could fall after the end.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t v = *it;
    ActivityTimes& t = times[v];
    std::int64_t finish = schedule.project_end;
    std::int64_t free_finish = schedule.project_end;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const ActivityTimes& next = times[boost::target(e, g)];
      finish = std::min(finish, next.latest_start - g[e].lag);
      free_finish = std::min(free_finish, next.earliest_start - g[e].lag);
    }
    t.latest_finish = finish;
    t.latest_start = finish - g[v].duration;
    t.total_slack = t.latest_start - t.earliest_start;
    t.free_slack = free_finish - t.earliest_finish;
    t.critical = t.total_slack <= 0;
  }

  // position[v] is v's place in the order, for the "later in topological order" tie-breaks.
  std::vector<std::size_t> position(n);
  for (std::size_t i = 0; i < n; ++i) {
    position[order[i]] = i;
    if (times[order[i]].critical) schedule.critical_activities.push_back(order[i]);
  }

  // Walk back from the last finisher along driving prerequisites.
  std::optional<std::size_t> current;
  for (const std::size_t v : order) {
    if (!current || times[v].earliest_finish >= times[*current].earliest_finish) current = v;
  }
  if (!current || !times[*current].critical) return schedule;
  while (current) {
    schedule.critical_path.push_back(*current);
    std::optional<std::size_t> driver;
    for (const Edge e : boost::make_iterator_range(boost::in_edges(*current, g))) {
      const std::size_t u = boost::source(e, g);
      const bool drives = times[u].earliest_finish + g[e].lag == times[*current].earliest_start;
      if (drives && (!driver || position[u] > position[*driver])) driver = u;
    }
    current = driver;
  }
  std::reverse(schedule.critical_path.begin(), schedule.critical_path.end());
  return schedule;
}

}  // namespace gcmsim
