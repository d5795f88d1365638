// A private X server (Xvfb) for one test or benchmark: it picks a free display number itself
// (-displayfd), listens on its local socket only (-nolisten tcp) and is stopped with the object (or
// with the process that started it).
// Xvfb's GLX and Mesa's EGL draw with llvmpipe, so SDL's opengles2 renderer runs in it.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace kiosk::testing {

class Xvfb {
 public:
  // Starts `Xvfb` with one screen of `w` x `h` x 24 and waits until it accepts clients (it writes its
  // display number when ready). display() is empty when it could not start.
  Xvfb(int w, int h) {
    int ready[2];
    if (pipe(ready) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // stops with a test that is killed, too
      ::close(ready[0]);
      const std::string fd = std::to_string(ready[1]);
      const std::string screen = std::to_string(w) + "x" + std::to_string(h) + "x24";
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-nolisten", "tcp", "-screen", "0", screen.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    ::close(ready[1]);
    std::string number;
    char c = 0;
    while (::read(ready[0], &c, 1) == 1 && c != '\n') number += c;
    ::close(ready[0]);
    if (!number.empty()) display_ = ":" + number;
  }
  ~Xvfb() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

}  // namespace kiosk::testing
