#include "cli/stepped_narration.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <variant>

#include <fmt/core.h>

#include "output/narration.hpp"

namespace gcmsim::cli {

bool answerable(std::FILE* file) {
  const int fd = ::fileno(file);
  if (fd < 0) return false;
  if (::isatty(fd) == 1) return true;
  struct stat info {};
  if (::fstat(fd, &info) != 0) return false;  // closed
  return S_ISFIFO(info.st_mode) || S_ISREG(info.st_mode);
}

SteppedNarration::SteppedNarration(const model::Scenario& scenario, const Calendar& calendar, bool step, std::FILE* in,
                                   std::FILE* out)
    : scenario_(scenario), calendar_(calendar), in_(in), out_(out),
      echo_newline_(::isatty(::fileno(in)) != 1),
      pace_(step && answerable(in) ? Pace::every_line : Pace::free) {}

void SteppedNarration::on_event(SimTime when, const model::ProcessEvent& event) {
  fmt::print(out_, "{}  {}\n", calendar_.date_string(when), output::narrate(scenario_, calendar_, when, event));
  std::fflush(out_);
  if (pace_ == Pace::to_round_end && std::holds_alternative<model::RoundEnded>(event)) pace_ = Pace::every_line;
  if (pace_ == Pace::every_line) ask();
}

void SteppedNarration::ask() {
  for (;;) {
    fmt::print(out_, "[Enter: next line, r: to the end of the round, q: quit] ");
    std::fflush(out_);
    std::string answer;
    int c = 0;
    while ((c = std::fgetc(in_)) != EOF && c != '\n') answer.push_back(static_cast<char>(c));
    if (echo_newline_) fmt::print(out_, "\n");
    if (c == EOF && answer.empty()) {
      pace_ = Pace::free;  // input ended: run on
      return;
    }
    while (!answer.empty() && (answer.back() == '\r' || answer.back() == ' ')) answer.pop_back();
    if (answer.empty()) return;
    if (answer == "r") {
      pace_ = Pace::to_round_end;
      return;
    }
    if (answer == "q") throw StepQuit();
  }
}

}  // namespace gcmsim::cli
