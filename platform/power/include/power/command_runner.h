// Running a helper program (cec-ctl) with a time limit, behind an interface so that the display
// power code is tested with a fake that records the commands and answers as told.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "platform/result.h"

namespace kiosk::power {

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Runs argv (argv[0] is looked up in PATH) and returns its exit status. An error if it could
  // not be started, was killed by a signal, or ran longer than `timeout` (it is then killed).
  virtual Result<int> run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) = 0;
  // Whether `program` can be found in PATH.
  virtual bool available(const std::string& program) = 0;
};

// The real runner: posix_spawnp; the child's output goes where the kiosk's goes (the journal).
class SpawnRunner final : public CommandRunner {
 public:
  Result<int> run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) override;
  bool available(const std::string& program) override;
};

}  // namespace kiosk::power
