// engine/in_order.hpp: results added in any order, from any thread, reach the sink in index order,
// each once; the next index to hand on counts those handed on.
#include <algorithm>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/in_order.hpp"

namespace {

struct Seen {
  std::vector<std::size_t> indices;
  std::vector<int> values;
};

}  // namespace

TEST_CASE("results added out of order reach the sink in index order, and wait only until their turn") {
  Seen seen;
  auto sink = [&seen](std::size_t i, int&& v) {
    seen.indices.push_back(i);
    seen.values.push_back(v);
  };
  gcmsim::InOrder<int, decltype(sink)> in_order(sink);
  in_order.add(2, 20);
  in_order.add(1, 10);
  CHECK(seen.indices.empty());  // 0 has not come: 1 and 2 wait
  CHECK(in_order.next() == 0);
  in_order.add(0, 0);
  CHECK(seen.indices == std::vector<std::size_t>{0, 1, 2});
  CHECK(seen.values == std::vector<int>{0, 10, 20});
  CHECK(in_order.next() == 3);
  in_order.add(3, 30);  // in turn: handed on at once
  CHECK(seen.values.back() == 30);
}

TEST_CASE("a reducer may start at another index than 0") {
  std::vector<std::size_t> seen;
  auto sink = [&seen](std::size_t i, int&&) { seen.push_back(i); };
  gcmsim::InOrder<int, decltype(sink)> in_order(sink, 5);
  in_order.add(6, 0);
  in_order.add(5, 0);
  CHECK(seen == std::vector<std::size_t>{5, 6});
}

TEST_CASE("four threads adding 10,000 results in shuffled order give the sink every index once, in order") {
  constexpr std::size_t n = 10000;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
  std::vector<std::size_t> seen;  // written only by the sink, under the reducer's lock
  double sum = 0.0;
  auto sink = [&](std::size_t i, double&& v) {
    seen.push_back(i);
    sum += v;  // a floating-point sum in a fixed order: the reason for the reducer
  };
  gcmsim::InOrder<double, decltype(sink)> in_order(sink);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t j = t; j < n; j += 4) in_order.add(order[j], 1.0 / static_cast<double>(order[j] + 1));
    });
  }
  for (std::thread& th : threads) th.join();
  std::vector<std::size_t> expected(n);
  std::iota(expected.begin(), expected.end(), std::size_t{0});
  CHECK(seen == expected);
  CHECK(in_order.next() == n);
  double in_index_order = 0.0;
  for (std::size_t i = 0; i < n; ++i) in_index_order += 1.0 / static_cast<double>(i + 1);
  CHECK(sum == in_index_order);  // bit for bit
}
