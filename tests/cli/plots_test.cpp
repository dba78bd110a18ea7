// `gcmsim run --plots`: the run's figures beside its CSVs, drawn by the built Python package, and a
// clear refusal before the run when Python cannot draw them.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;

namespace {

namespace fs = std::filesystem;

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes.at(at + i));
  return v;
}

// A PNG file: the signature, an IHDR chunk first, and the image's width and height from it.
struct Png {
  bool valid = false;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

Png read_png(const std::string& path) {
  const std::string bytes = read_text(path);
  Png png;
  if (bytes.size() < 33 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || bytes.compare(12, 4, "IHDR") != 0) return png;
  png.valid = bytes.compare(bytes.size() - 8, 4, "IEND") == 0;  // written whole
  png.width = big_endian(bytes, 16);
  png.height = big_endian(bytes, 20);
  return png;
}

}  // namespace

TEST_CASE("run --plots writes the Gantt, participation and trust fund charts beside the CSVs", "[cli][plots]") {
  const std::string dir = out_dir("plots");
  const auto r = run_gcmsim("run -r 2 -j 2 --plots -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* name : {"gantt.png", "participation.png", "trust_fund.png"}) {
    INFO(name);
    const Png png = read_png(dir + "/" + name);
    CHECK(png.valid);
    CHECK(png.width >= 800);   // 12 inches at 130 dpi
    CHECK(png.height >= 400);
    CHECK_THAT(r.out, Catch::Contains(name));
  }
  CHECK(fs::exists(dir + "/rep-0001/timeline.csv"));
  CHECK_FALSE(fs::exists(dir + "/.gantt.png.tmp"));
  // One row per activity: the Gantt chart of the baseline's 60-odd activities is a tall image.
  CHECK(read_png(dir + "/gantt.png").height > 1500);
}

TEST_CASE("run --plots without a Python that can draw stops before the run, with exit code 2", "[cli][plots]") {
  const std::string dir = out_dir("plots-no-python");
  ::setenv("GCMSIM_PYTHON", "/nonexistent/python3", 1);
  const auto missing = run_gcmsim("run --plots -o " + dir);
  ::setenv("GCMSIM_PYTHON", "/bin/false", 1);  // starts, cannot import the plotter
  const auto broken = run_gcmsim("run --plots -o " + dir);
  ::unsetenv("GCMSIM_PYTHON");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--plots: no Python interpreter at /nonexistent/python3"));
  CHECK_THAT(missing.err, Catch::Contains("python3-matplotlib"));
  CHECK(broken.exit_code == 2);
  CHECK_THAT(broken.err, Catch::Contains("cannot import gcmsim.plot"));
  CHECK_FALSE(fs::exists(dir + "/timeline.csv"));  // nothing was simulated
}

TEST_CASE("compare --plots draws the what-if over the baseline: dates, what moved, participation, the fund",
          "[cli][plots][compare]") {
  const std::string dir = out_dir("compare-plots");
  const auto r = run_gcmsim("compare --override scenarios/what-if/trust-fund-halved.yaml -r 3 -j 2 --plots -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* name : {"compare_gantt.png", "compare_differences.png", "compare_participation.png",
                           "compare_trust_fund.png"}) {
    INFO(name);
    const Png png = read_png(dir + "/" + name);
    CHECK(png.valid);
    CHECK(png.width >= 800);
    CHECK(png.height >= 300);
    CHECK_THAT(r.out, Catch::Contains(name));
  }
  CHECK(read_png(dir + "/compare_gantt.png").height > 1500);  // one row per activity
  // The figures' input went to a temporary folder: the compare's folder holds its outputs only.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) entries += e.path().filename().string()[0] != '.';
  CHECK(entries == 5);
  // A second compare into the same folder replaces its own figures.
  CHECK(run_gcmsim("compare --override scenarios/what-if/trust-fund-halved.yaml -r 2 -q --plots -o " + dir).exit_code == 0);
}
