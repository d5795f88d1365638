// browser_bench: the kiosk against what people use instead, a browser showing a web page (Screenly,
// Xibo and PiSignage all draw with a browser). The same default content, the status slide's facts
// as a static HTML page in the same font, shown by Debian's headless Chromium, against
// `kiosk --screenshot` at the same size. Side by side, alternating, several runs; medians and the
// ratio. Not a test: it prints figures (docs/performance.md has a run).
//
//   memory   the peak, over the whole process tree, of the summed proportional set size (PSS:
//            shared pages divided among the processes sharing them), sampled every 5 ms; and of
//            the summed resident set size (RSS), which counts shared pages once per process
//   time     from exec to the first finished picture: the PNG file written (its size stable)
//
// Usage: browser_bench [runs] [WxH] [DIR]; DIR receives both pictures to look at. Needs
// /usr/bin/chromium (package chromium).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "content_gen.h"
#include "fleet/output.h"
#include "test_support.h"

using namespace kiosk;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

// The page escapes text as the fleet page does.
std::string escape(const std::string& s) { return fleet::html_escaped(s); }

// The status slide's content as a page a signage player would show: the area, the national counts
// of each list as a bar chart (inline SVG), the criteria; Noto Sans from the kiosk's own assets.
std::string status_page(const model::Feed& feed, int w, int h) {
  const auto& c = feed.content;
  // The area the kiosk shows by default.
  const auto it = std::find_if(c.areas.begin(), c.areas.end(), [](const model::Area& a) { return a.id == "vollsmose"; });
  const auto& area = it != c.areas.end() ? *it : c.areas.front();
  std::ostringstream p;
  p << "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><style>"
    << "@font-face{font-family:Noto;src:url('file://" << testing::source_path("assets/fonts/NotoSans-Regular.ttf") << "');}"
    << "@font-face{font-family:Noto;font-weight:bold;src:url('file://" << testing::source_path("assets/fonts/NotoSans-Bold.ttf")
    << "');}"
    << "html,body{margin:0;width:" << w << "px;height:" << h << "px;background:#0b1a2b;color:#fff;font-family:Noto;}"
    << "main{display:grid;grid-template-columns:1fr 1fr;gap:40px;padding:48px;box-sizing:border-box;height:100%;}"
    << "h1{font-size:" << h / 12 << "px;margin:0}h2{font-size:" << h / 24 << "px;color:#c8d6e5}"
    << "p,li{font-size:" << h / 28 << "px;line-height:1.3}footer{position:fixed;bottom:0;left:0;right:0;padding:12px 48px;"
    << "background:#13263d;font-size:" << h / 28 << "px}</style></head><body><main><section><h2>Status</h2><h1>"
    << escape(area.name) << "</h1><p>" << escape(area.kommune) << "</p><ul>";
  for (const auto& k : c.criteria) p << "<li><b>" << escape(k.title) << "</b>: " << escape(k.summary) << "</li>";
  p << "</ul></section><section><h2>Udsatte boligområder pr. 1. december</h2><svg width=\"800\" height=\"500\">";
  int max = 1;
  for (const auto& n : c.national_counts) max = std::max(max, n.udsatte);
  for (std::size_t i = 0; i < c.national_counts.size(); ++i) {
    const auto& n = c.national_counts[i];
    const int bar = n.udsatte * 400 / max;
    p << "<rect x=\"" << 20 + i * 110 << "\" y=\"" << 440 - bar << "\" width=\"80\" height=\"" << bar
      << "\" fill=\"#f5c542\"/><text x=\"" << 30 + i * 110 << "\" y=\"480\" fill=\"#fff\" font-size=\"28\">" << n.date.year
      << "</text><text x=\"" << 40 + i * 110 << "\" y=\"" << 430 - bar << "\" fill=\"#fff\" font-size=\"28\">" << n.udsatte
      << "</text>";
  }
  p << "</svg></section></main><footer>" << escape(area.name) << " · Opdateret</footer></body></html>";
  return p.str();
}

// Every process whose ancestry leads to `root`, root included.
std::vector<pid_t> tree(pid_t root) {
  std::map<pid_t, pid_t> parent;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    parent[std::stoi(name)] = ppid;
  }
  std::vector<pid_t> out;
  for (const auto& [pid, ppid] : parent) {
    for (pid_t p = pid; p > 1; p = parent.count(p) ? parent[p] : 0) {
      if (p == root) {
        out.push_back(pid);
        break;
      }
    }
  }
  return out;
}

// kB of "Pss:" and "Rss:" in /proc/<pid>/smaps_rollup.
std::pair<long, long> pss_rss(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string key;
  long value = 0, pss = 0, rss = 0;
  std::string unit;
  while (in >> key) {
    if (key == "Rss:" && in >> value >> unit) rss = value;
    else if (key == "Pss:" && in >> value >> unit) pss = value;
    else in.ignore(1 << 20, '\n');
  }
  return {pss, rss};
}

struct Measured {
  double ms = 0;       // exec to the PNG written
  long peak_pss = 0;   // kB
  long peak_rss = 0;   // kB
};

// Runs argv, samples its process tree until `png` exists with a stable size, then stops it.
Measured measure(const std::vector<std::string>& argv, const fs::path& png) {
  std::error_code ec;
  fs::remove(png, ec);
  const auto start = Clock::now();
  const pid_t pid = testing::spawn_quiet(argv);
  Measured m;
  std::uintmax_t last_size = 0;
  int stable = 0;
  bool exited = false;
  while (true) {
    long pss = 0, rss = 0;
    for (pid_t p : tree(pid)) {
      const auto [a, b] = pss_rss(p);
      pss += a;
      rss += b;
    }
    m.peak_pss = std::max(m.peak_pss, pss);
    m.peak_rss = std::max(m.peak_rss, rss);
    const auto size = fs::exists(png, ec) ? fs::file_size(png, ec) : 0;
    if (size > 0 && size == last_size && ++stable >= 2) break;
    if (size > 0 && m.ms == 0) m.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (size != last_size) stable = 0;
    last_size = size;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!exited) {
    ::kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
  }
  if (m.ms == 0) m.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return m;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::string size = argc > 2 ? argv[2] : "1920x1080";
  const int w = std::atoi(size.c_str()), h = std::atoi(size.c_str() + size.find('x') + 1);
  if (!fs::exists(kChromium)) {
    std::fprintf(stderr, "browser_bench: %s not found (Debian package chromium)\n", kChromium);
    return 1;
  }
  testing::TempDir dir;
  const fs::path page = dir.path() / "status.html";
  std::ofstream(page) << status_page(testing::default_feed(), w, h);
  testing::write_file(dir.path() / "kiosk.toml", "[cache]\ndatabase = \"" + dir.file("none/content.db") + "\"\n");

  const std::vector<std::string> kiosk = {KIOSK_BINARY_PATH, "--config", dir.file("kiosk.toml"), "--screenshot",
                                          dir.file("kiosk"), "--size", size};
  const std::vector<std::string> chromium = {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                             "--no-first-run", "--disable-background-networking",
                                             "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                                             "--user-data-dir=" + dir.file("profile"),
                                             "--window-size=" + std::to_string(w) + "," + std::to_string(h),
                                             "--screenshot=" + dir.file("chromium.png"), "file://" + page.string()};
  std::vector<double> k_ms, k_pss, k_rss, c_ms, c_pss, c_rss;
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  for (int i = 0; i < runs; ++i) {
    // Alternating, so that both see the same machine.
    const auto k = measure(kiosk, dir.path() / "kiosk" / "01-status.png");
    const auto c = measure(chromium, dir.path() / "chromium.png");
    std::printf("run %d: kiosk %.0f ms, PSS %ld kB, RSS %ld kB | chromium %.0f ms, PSS %ld kB, RSS %ld kB\n", i + 1, k.ms,
                k.peak_pss, k.peak_rss, c.ms, c.peak_pss, c.peak_rss);
    k_ms.push_back(k.ms), k_pss.push_back(k.peak_pss), k_rss.push_back(k.peak_rss);
    c_ms.push_back(c.ms), c_pss.push_back(c.peak_pss), c_rss.push_back(c.peak_rss);
  }
  if (argc > 3) {
    fs::create_directories(argv[3]);
    fs::copy_file(dir.path() / "kiosk" / "01-status.png", fs::path(argv[3]) / "kiosk.png", fs::copy_options::overwrite_existing);
    fs::copy_file(dir.path() / "chromium.png", fs::path(argv[3]) / "chromium.png", fs::copy_options::overwrite_existing);
  }
  std::printf("\nmedians of %d runs at %s    kiosk    chromium    chromium / kiosk\n", runs, size.c_str());
  std::printf("peak PSS of the process tree   %6.1f MB  %7.1f MB   %5.1fx\n", median(k_pss) / 1024, median(c_pss) / 1024,
              median(c_pss) / median(k_pss));
  std::printf("peak RSS summed over the tree  %6.1f MB  %7.1f MB   %5.1fx\n", median(k_rss) / 1024, median(c_rss) / 1024,
              median(c_rss) / median(k_rss));
  std::printf("exec to first finished frame   %6.0f ms  %7.0f ms   %5.1fx\n", median(k_ms), median(c_ms),
              median(c_ms) / median(k_ms));
  return 0;
}
