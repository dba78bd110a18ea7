// The server's jobs and worker pool, without HTTP: the limits a client meets (429 per client, 503
// in all), finished results pushed out beyond the kept limit, and every task of the pool run once.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>

#include "serve/common/jobs.hpp"
#include "serve/worker_pool.hpp"

namespace sv = gcmsim::serve;

TEST_CASE("active jobs are bounded per client and in all", "[serve][jobs]") {
  sv::Limits limits;
  limits.max_active_per_client = 2;
  limits.max_active_total = 3;
  sv::JobRegistry jobs(limits);
  auto a1 = jobs.create("a", "compare", 1);
  auto a2 = jobs.create("a", "compare", 1);
  try {
    jobs.create("a", "compare", 1);
    FAIL("a third job of one client was accepted");
  } catch (const sv::Refusal& r) {
    CHECK(r.status == 429);
  }
  auto b1 = jobs.create("b", "compare", 1);
  try {
    jobs.create("c", "compare", 1);
    FAIL("a fourth job in all was accepted");
  } catch (const sv::Refusal& r) {
    CHECK(r.status == 503);
  }
  a1->finish({{"x", 1}});  // a finished job no longer counts
  CHECK(jobs.create("a", "compare", 1) != nullptr);
  CHECK(jobs.find(a1->id()) == a1);
  CHECK(a1->id().size() == 32);
  CHECK(a1->id() != a2->id());
}

TEST_CASE("finished results beyond the kept limit go, the oldest first", "[serve][jobs]") {
  sv::Limits limits;
  limits.max_kept_results = 2;
  sv::JobRegistry jobs(limits);
  std::vector<std::shared_ptr<sv::Job>> made;
  for (int i = 0; i < 4; ++i) {
    made.push_back(jobs.create("a", "compare", 1));
    made.back()->finish({});
  }
  jobs.create("a", "compare", 1);  // pushes out beyond the limit
  CHECK(jobs.find(made[0]->id()) == nullptr);
  CHECK(jobs.find(made[1]->id()) == nullptr);
  CHECK(jobs.find(made[3]->id()) != nullptr);
}

TEST_CASE("a waiter wakes when a job changes", "[serve][jobs]") {
  sv::Job job("id", "a", "compare", 2);
  const auto seen = job.status().version;
  auto waiter = std::async(std::launch::async, [&] { return job.wait_change(seen, std::chrono::seconds(10)); });
  job.step_done();
  const sv::Job::Status s = waiter.get();
  CHECK(s.done == 1);
  CHECK(s.state == sv::JobState::running);
  CHECK(job.status_json()["state"] == "running");
}

TEST_CASE("the pool runs every task once", "[serve][pool]") {
  std::atomic<int> ran{0};
  std::promise<void> all;
  {
    sv::WorkerPool pool(3);
    for (int i = 0; i < 200; ++i) {
      pool.submit([&] {
        if (++ran == 200) all.set_value();
      });
    }
    CHECK(all.get_future().wait_for(std::chrono::seconds(30)) == std::future_status::ready);
  }
  CHECK(ran == 200);
}
