// ReservedArray: the handler slots' storage. Committing more never moves what is there, new elements
// start value-initialised, and the array never grows past the size reserved for it.
#include "engine/reserved_array.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace gcmsim;

namespace {
struct Record {
  std::uint64_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t c = 7;  // a default that is not zero: committed elements are constructed, not just mapped
};
}  // namespace

TEST_CASE("committing more keeps every element where it was and as it was", "[reserved_array]") {
  ReservedArray<Record> array(1'000'000);
  REQUIRE(array.committed() == 0);
  array.commit(1, 100);
  REQUIRE(array.committed() >= 100);
  Record* first = &array[0];
  for (std::size_t i = 0; i < array.committed(); ++i) array[i].a = i;
  const std::size_t before = array.committed();
  array.commit(500'000, 100);
  REQUIRE(array.committed() >= 500'000);
  REQUIRE(&array[0] == first);
  for (std::size_t i = 0; i < before; ++i) REQUIRE(array[i].a == i);
  for (std::size_t i = before; i < array.committed(); i += 997) {
    REQUIRE(array[i].a == 0);
    REQUIRE(array[i].c == 7);
  }
}

TEST_CASE("a reserved array commits whole pages, at least a step, never past its size", "[reserved_array]") {
  ReservedArray<Record> array(1000);  // 16,000 bytes: four pages
  array.commit(1, 10);
  REQUIRE(array.committed() == 4096 / sizeof(Record));  // one page's worth, more than the step
  array.commit(5000, 10);
  REQUIRE(array.committed() == 1000);  // capped at the reserved size
  array[999].b = 3;
  REQUIRE(array[999].b == 3);
  array.commit(10, 10);  // asking for less than is committed changes nothing
  REQUIRE(array.committed() == 1000);
}
