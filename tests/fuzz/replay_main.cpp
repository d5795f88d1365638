// Runs a fuzz target over every file in its corpus folders: how ctest replays tests/fuzz/corpus on
// every run, with any compiler. libFuzzer builds (KIOSK_FUZZ=ON) use libFuzzer's own main instead.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/files.h"

// Corpus inputs are kilobytes; the largest a fuzz target is given is 4 MiB (a feed manifest).
constexpr std::size_t kMaxInputBytes = 16u << 20;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t runs = 0;
  for (int i = 1; i < argc; ++i) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e : std::filesystem::directory_iterator(argv[i])) files.push_back(e.path());
    } else {
      files.emplace_back(argv[i]);
    }
    for (const auto& f : files) {
      const auto bytes = kiosk::read_file(f, kMaxInputBytes, "fuzz input");
      if (!bytes) {
        std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
        return 1;
      }
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size());
      ++runs;
    }
  }
  std::printf("replayed %zu inputs\n", runs);
  return runs > 0 ? 0 : 1;
}
