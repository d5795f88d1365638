// What the two minisign files share: the text and base64 helpers, libsodium's start-up, and wiping
// secrets. Private to kiosk_feed (minisign.cpp: keys and signatures; minisign_secret_key.cpp: the
// secret key files).
#pragma once

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "feed/minisign.h"

namespace kiosk::feed::minisign::detail {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
inline constexpr std::string_view kTrustedPrefix = "trusted comment: ";
inline constexpr std::string_view kSecretKeyComment = "kiosk-feed secret key - keep it secret";
inline constexpr std::array<std::uint8_t, kAlgorithmBytes> kLegacyAlgorithm = {'E', 'd'};     // also keys
inline constexpr std::array<std::uint8_t, kAlgorithmBytes> kPrehashedAlgorithm = {'E', 'D'};
inline constexpr std::array<std::uint8_t, kAlgorithmBytes> kSecretKeyAlgorithm = {'K', 'd'};

// sodium_init() is idempotent and thread-safe, but runs here once. False only if the system offers no
// randomness, in which case libsodium is unusable.
inline bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

inline void require_sodium() {
  if (!sodium_ready()) throw std::runtime_error("libsodium could not be initialised (sodium_init failed)");
}

// Zeroes a buffer that held secret material when the scope ends, however it ends.
class WipeOnExit {
 public:
  WipeOnExit(void* data, std::size_t size) : data_(data), size_(size) {}
  ~WipeOnExit() { sodium_memzero(data_, size_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  void* data_;
  std::size_t size_;
};

inline std::string to_base64(const std::uint8_t* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// The bytes `text` encodes, or nothing if it is not padded standard base64 with nothing else in it.
inline std::optional<Bytes> from_base64(std::string_view text) {
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t size = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

// Lines without their "\n" or "\r\n"; a final newline does not start another line.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

inline std::string_view trim_whitespace(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

inline bool starts_with(const Bytes& bytes, const std::array<std::uint8_t, kAlgorithmBytes>& prefix) {
  return bytes.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

// "\"Ed\"" when printable, else the bytes in hex: for errors about the algorithm bytes at `offset`.
inline std::string describe_algorithm(const Bytes& bytes, std::size_t offset = 0) {
  const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(offset);
  const bool printable =
      std::all_of(first, first + kAlgorithmBytes, [](std::uint8_t b) { return b >= 0x21 && b <= 0x7e; });
  if (printable) return "\"" + std::string(first, first + kAlgorithmBytes) + "\"";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "bytes 0x";
  for (auto b = first; b != first + kAlgorithmBytes; ++b) (out += kHex[*b >> 4]) += kHex[*b & 15];
  return out;
}

// Why `text` cannot be a comment of at most `max_bytes`, or nothing if it can.
inline std::optional<std::string> comment_problem(std::string_view text, std::size_t max_bytes) {
  if (text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    return "it contains a carriage return, line feed or NUL byte";
  }
  if (text.size() > max_bytes) {
    return "it is " + std::to_string(text.size()) + " bytes, more than the " + std::to_string(max_bytes) +
           " minisign allows";
  }
  return std::nullopt;
}

template <std::size_t N>
inline void copy_from(std::array<std::uint8_t, N>& to, const Bytes& from, std::size_t offset) {
  std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(offset), N, to.begin());
}

inline std::string two_lines(std::string_view comment, const std::string& base64) {
  return std::string(kUntrustedPrefix) + std::string(comment) + "\n" + base64 + "\n";
}


}  // namespace kiosk::feed::minisign::detail
