#include "nginx.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "http_test_server.h"

extern char** environ;

namespace kiosk::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kBinary = "/usr/sbin/nginx";
constexpr const char* kBarrier = "/.nginx-test-barrier";
constexpr auto kStartLimit = 10s;
constexpr auto kStopLimit = 5s;
constexpr int kStartAttempts = 5;

std::runtime_error os_error(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

// A port on 127.0.0.1 free at the moment of asking.
int free_port() {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw os_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw os_error("bind 127.0.0.1:0");
  socklen_t len = sizeof addr;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) throw os_error("getsockname");
  return ntohs(addr.sin_port);
}

void pause_briefly() {
  const timespec ten_ms{0, 10'000'000};
  ::nanosleep(&ten_ms, nullptr);
}

std::string config_text(const fs::path& dir, int port, const NginxOptions& options) {
  const std::string d = dir.string();
  std::ostringstream c;
  c << "daemon off;\nmaster_process off;\n";
  if (::geteuid() == 0) c << "user root;\n";  // nginx would otherwise switch to nobody, who cannot enter the temp folder
  c << "pid " << d << "/nginx.pid;\n"
    << "error_log " << d << "/error.log info;\n"
    << "events { worker_connections 64; }\n"
    << "http {\n"
    << "  log_format kiosk '$request_method $uri $status $request_length $bytes_sent';\n"
    << "  access_log " << d << "/access.log kiosk;\n"
    << "  client_body_temp_path " << d << "/temp/body;\n"
    << "  proxy_temp_path " << d << "/temp/proxy;\n"
    << "  fastcgi_temp_path " << d << "/temp/fastcgi;\n"
    << "  uwsgi_temp_path " << d << "/temp/uwsgi;\n"
    << "  scgi_temp_path " << d << "/temp/scgi;\n"
    << "  types { application/json json; }\n"
    << "  default_type application/octet-stream;\n"
    << "  client_max_body_size 64m;\n"
    << options.http_config << "\n"
    << "  server {\n"
    << "    listen 127.0.0.1:" << port << ";\n"
    << "    root " << d << "/www;\n"
    << "    location = " << kBarrier << " { access_log off; return 204; }\n";
  if (!options.dav_location.empty()) {
    c << "    location " << options.dav_location << " {\n"
      << "      dav_methods PUT DELETE MKCOL;\n"
      << "      create_full_put_path on;\n"
      << "      dav_access user:rw group:r all:r;\n";
    if (options.user) {
      c << "      limit_except GET HEAD { auth_basic \"kiosk\"; auth_basic_user_file " << d << "/htpasswd; }\n";
    }
    c << "    }\n";
  }
  c << options.server_config << "\n  }\n}\n";
  return c.str();
}

}  // namespace

UniqueFd connect_loopback(int port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw os_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return UniqueFd();
  return fd;
}

Nginx::Nginx(NginxOptions options) {
  fs::create_directories(root());
  fs::create_directories(dir_.path() / "temp");
  if (options.user) write_file(dir_.path() / "htpasswd", *options.user + ":{PLAIN}" + options.password + "\n");
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    if (start(options)) return;
  }
  throw std::runtime_error("nginx did not start on a free port in " + std::to_string(kStartAttempts) + " attempts:\n" +
                           read_file(dir_.path() / "error.log"));
}

Nginx::~Nginx() { stop(); }

bool Nginx::start(const NginxOptions& options) {
  port_ = free_port();
  const fs::path conf = dir_.path() / "nginx.conf";
  write_file(conf, config_text(dir_.path(), port_, options));
  const std::string prefix = dir_.path().string() + "/";
  const std::string error_log = (dir_.path() / "error.log").string();
  // -e: nginx opens its default error log before it reads the config; this keeps it in the folder.
  std::vector<std::string> argv = {kBinary, "-p", prefix, "-e", error_log, "-c", conf.string()};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, (dir_.path() / "stdout.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, error_log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int spawned = posix_spawn(&pid_, kBinary, &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error(std::string("cannot start ") + kBinary + " (Debian package nginx): " + std::strerror(spawned));
  }
  const auto deadline = std::chrono::steady_clock::now() + kStartLimit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      const std::string log = read_file(error_log);
      if (log.find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("nginx exited at start:\n" + log);
    }
    if (connect_loopback(port_)) return true;
    pause_briefly();
  }
  stop();
  throw std::runtime_error("nginx did not listen on 127.0.0.1:" + std::to_string(port_) + " within 10 s:\n" + read_file(error_log));
}

void Nginx::stop() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGQUIT);  // graceful: finishes what it serves, writes its logs
  const auto deadline = std::chrono::steady_clock::now() + kStopLimit;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    pause_briefly();
  }
  pid_ = -1;
}

std::string Nginx::url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

std::vector<NginxRequest> Nginx::requests() const {
  // One process, one event loop: a request answered before the barrier was accepted has had its log
  // line written by the time the barrier is answered.
  if (UniqueFd fd = connect_loopback(port_)) {
    const std::string request = std::string("GET ") + kBarrier + " HTTP/1.0\r\n\r\n";
    if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      char buffer[512];
      while (::recv(fd.get(), buffer, sizeof buffer, 0) > 0) {
      }
    }
  }
  std::istringstream lines(read_file(dir_.path() / "access.log"));
  std::vector<NginxRequest> out;
  std::string line;
  for (std::size_t n = 0; std::getline(lines, line); ++n) {
    if (n < skip_lines_) continue;
    NginxRequest r;
    std::istringstream fields(line);
    fields >> r.method >> r.uri >> r.status >> r.request_bytes >> r.response_bytes;
    out.push_back(r);
  }
  return out;
}

void Nginx::clear_requests() {
  skip_lines_ = 0;
  skip_lines_ = requests().size();
}

}  // namespace kiosk::testing
