// A job's run folder as a zip (serve/folder_zip.hpp), read back with minizip's reader: every file
// the job's writer puts, under the folder's name, with its bytes (a large one in several chunks);
// none for a job without a result or without a folder; the private folder gone with its owner.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <minizip/unzip.h>

#include "serve/common/jobs.hpp"
#include "serve/folder_zip.hpp"
#include "serve/private_folder.hpp"

namespace sv = gcmsim::serve;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> read_zip(const fs::path& path) {
  std::map<std::string, std::string> files;
  unzFile zip = unzOpen64(path.c_str());
  REQUIRE(zip != nullptr);
  for (int at = unzGoToFirstFile(zip); at == UNZ_OK; at = unzGoToNextFile(zip)) {
    char name[512];
    unz_file_info64 info;
    REQUIRE(unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) == UNZ_OK);
    REQUIRE(unzOpenCurrentFile(zip) == UNZ_OK);
    std::string text(info.uncompressed_size, '\0');
    REQUIRE(unzReadCurrentFile(zip, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
    REQUIRE(unzCloseCurrentFile(zip) == UNZ_OK);  // checks the entry's CRC
    files[name] = text;
  }
  unzClose(zip);
  return files;
}

}  // namespace

TEST_CASE("a job's folder is zipped under its name, every file with its bytes", "[serve][zip]") {
  sv::Job job("0123", "client", "run", 1);
  std::string large(3 << 20, 'x');  // more than one write of the zip's chunk (1 MiB)
  for (std::size_t i = 0; i < large.size(); i += 4099) large[i] = static_cast<char>('a' + i % 26);
  job.set_folder("results", [&](const sv::Job&, const sv::Job::FilePut& put) {
    put("rep-0000/timeline.csv", "activity,start\nts1,2017-05-08\n");
    put("rep-0000/positions.csv", large);
    put("summary.csv", "");
  });
  sv::PrivateFolder folder;
  const fs::path zip = folder.path() / "folder.zip";
  CHECK_FALSE(sv::write_folder_zip(job, zip));  // no result yet: nothing to put
  job.finish({{"done", true}});
  fs::remove(zip);
  REQUIRE(sv::write_folder_zip(job, zip));
  const auto files = read_zip(zip);
  REQUIRE(files.size() == 3);
  CHECK(files.at("results/rep-0000/timeline.csv") == "activity,start\nts1,2017-05-08\n");
  CHECK(files.at("results/rep-0000/positions.csv") == large);
  CHECK(files.at("results/summary.csv").empty());
  // Deflated: a zip of repetitive CSV is far smaller than the files.
  CHECK(fs::file_size(zip) < large.size() / 4);
}

TEST_CASE("a job without a folder writes no entry, and a private folder goes with its owner", "[serve][zip]") {
  fs::path where;
  {
    sv::PrivateFolder folder;
    where = folder.path();
    CHECK((fs::status(where).permissions() & fs::perms::all) == fs::perms::owner_all);
    sv::Job job("4567", "client", "compare", 1);
    job.finish({{"done", true}});
    CHECK_FALSE(sv::write_folder_zip(job, where / "folder.zip"));
  }
  CHECK_FALSE(fs::exists(where));
}
