// feed/minisign.h against itself and against the stock `minisign` tool (Debian package `minisign`),
// which these tests run from a temporary directory. A missing tool is a failure, not a skip: without
// it nothing proves the format is minisign's.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "feed/minisign.h"
#include "test_support.h"

namespace ms = kiosk::feed::minisign;
namespace fs = std::filesystem;

namespace {

const fs::path kMinisign = "/usr/bin/minisign";

// A fresh directory under the system temp dir, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("kiosk-minisign-test-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  REQUIRE(out.good());
}

using kiosk::testing::read_file;

std::string quoted(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void require_minisign() {
  if (!fs::exists(kMinisign)) {
    FAIL(kMinisign.string() + " is missing: install the Debian package `minisign` (apt-get install minisign)");
  }
}

// Runs `minisign <args>` with `input` as stdin; its output goes to `output` when given. Returns the exit
// code. minisign 0.11 reads a password as one line from stdin when stdin is not a terminal.
int run_minisign_with_input(const std::string& args, const fs::path& input, const fs::path& output = "/dev/null") {
  require_minisign();
  const std::string command = quoted(kMinisign) + " " + args + " <" + quoted(input) + " >" + quoted(output) + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(command);
  REQUIRE(status != -1);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

// Runs `minisign <args>` with no stdin, as run_minisign_with_input().
int run_minisign(const std::string& args, const fs::path& output = "/dev/null") {
  return run_minisign_with_input(args, "/dev/null", output);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

// `text` with line `index` (0-based) replaced.
std::string with_line(const std::string& text, std::size_t index, const std::string& line) {
  auto lines = lines_of(text);
  REQUIRE(index < lines.size());
  lines[index] = line;
  return join_lines(lines);
}

// A base64 line with the character at `pos` swapped for another valid one: same length, other bits.
std::string tweak(std::string line, std::size_t pos) {
  REQUIRE(pos < line.size());
  line[pos] = line[pos] == 'A' ? 'B' : 'A';
  return line;
}

// A key id's value: minisign 0.11 prints ids without leading zeros, key_id_hex() always with 16 digits.
std::uint64_t id_value(const std::string& hex) {
  REQUIRE(!hex.empty());
  REQUIRE(hex.size() <= 16);
  REQUIRE(hex.find_first_not_of("0123456789ABCDEF") == std::string::npos);
  return std::stoull(hex, nullptr, 16);
}

std::string error_of(const kiosk::Result<ms::Verified>& result) {
  return result.ok() ? std::string("ok") : result.error().message;
}

// Bytes a text tool would mangle: NUL, CR, high bytes, no final newline.
using namespace std::string_literals;
const std::string kMessage = "Vollsmose Kulturhus: åbent 9-21\r\n\0\x01\xff"s + "feed.json v1";

// For the tests with the stock tool: a fresh key pair, its .pub file as `pub_name` and the message
// as "msg" in `dir`.
ms::KeyPair key_and_message_in(const TempDir& dir, const std::string& pub_name) {
  auto pair = ms::generate_key_pair();
  write_file(dir / pub_name, ms::format_public_key(pair.public_key));
  write_file(dir / "msg", kMessage);
  return pair;
}

}  // namespace

TEST_CASE("the stock minisign signs and verify accepts its prehashed and legacy signatures", "[minisign][stock]") {
  require_minisign();
  TempDir dir;
  const fs::path generated = dir / "generate.out";
  REQUIRE(run_minisign("-G -f -W -p " + quoted(dir / "k.pub") + " -s " + quoted(dir / "k.sec"), generated) == 0);

  const std::string pub_text = read_file(dir / "k.pub");
  const auto key = ms::parse_public_key(pub_text);
  REQUIRE(key.ok());
  const std::string id = ms::key_id_hex(key->key_id);
  // minisign names the key id in the .pub comment and prints the base64 line for -P.
  const std::string prefix = "untrusted comment: minisign public key ";
  const std::string comment = lines_of(pub_text).at(0);
  REQUIRE(comment.rfind(prefix, 0) == 0);
  const std::string stock_id = comment.substr(prefix.size());
  CHECK(id_value(stock_id) == id_value(id));
  CHECK(read_file(generated).find("-P " + ms::public_key_line(*key) + "\n") != std::string::npos);
  CHECK(lines_of(ms::format_public_key(*key)) == std::vector<std::string>{prefix + id, lines_of(pub_text).at(1)});

  write_file(dir / "msg", kMessage);
  const std::string sign_args = "-S -s " + quoted(dir / "k.sec") + " -m " + quoted(dir / "msg") + " -t 'trusted text'";
  REQUIRE(run_minisign(sign_args + " -x " + quoted(dir / "prehashed.minisig")) == 0);
  REQUIRE(run_minisign(sign_args + " -l -x " + quoted(dir / "legacy.minisig")) == 0);

  const auto prehashed = ms::verify(kMessage, read_file(dir / "prehashed.minisig"), {*key});
  REQUIRE(error_of(prehashed) == "ok");
  CHECK(prehashed->trusted_comment == "trusted text");
  CHECK(prehashed->prehashed);
  CHECK(prehashed->key_id == id);
  CHECK(id_value(prehashed->key_id) == id_value(stock_id));

  const auto legacy = ms::verify(kMessage, read_file(dir / "legacy.minisig"), {*key});
  REQUIRE(error_of(legacy) == "ok");
  CHECK(legacy->trusted_comment == "trusted text");
  CHECK_FALSE(legacy->prehashed);
  CHECK(legacy->key_id == id);

  CHECK(error_of(ms::verify(kMessage + "!", read_file(dir / "prehashed.minisig"), {*key})) ==
        "the signature does not match the content");
}

TEST_CASE("the stock minisign verifies our signatures in both hashing modes", "[minisign][stock]") {
  require_minisign();
  TempDir dir;
  const auto pair = key_and_message_in(dir, "ours.pub");
  write_file(dir / "altered", std::string(kMessage).replace(3, 1, "X"));
  const std::string comment = "timestamp:1795737600\tfile:feed.json\tVollsmose æøå";

  for (const auto hashing : {ms::Hashing::kPrehashed, ms::Hashing::kLegacy}) {
    const bool prehashed = hashing == ms::Hashing::kPrehashed;
    INFO((prehashed ? "prehashed" : "legacy"));
    write_file(dir / "ours.minisig", ms::sign(kMessage, pair.secret_key, comment, hashing));
    const std::string sig = " -x " + quoted(dir / "ours.minisig");

    // -Q prints only the trusted comment, after checking both signatures.
    const fs::path out = dir / "verify.out";
    REQUIRE(run_minisign("-V -Q -m " + quoted(dir / "msg") + " -p " + quoted(dir / "ours.pub") + sig, out) == 0);
    CHECK(read_file(out) == comment + "\n");
    CHECK(run_minisign("-V -m " + quoted(dir / "msg") + " -P " + ms::public_key_line(pair.public_key) + sig) == 0);
    // -H accepts only prehashed ("ED") signatures: proves which kind we wrote.
    CHECK(run_minisign("-V -H -m " + quoted(dir / "msg") + " -p " + quoted(dir / "ours.pub") + sig) ==
          (prehashed ? 0 : 1));

    CHECK(run_minisign("-V -m " + quoted(dir / "altered") + " -p " + quoted(dir / "ours.pub") + sig) != 0);
  }

  // minisign names both key ids when they differ; they must read as key_id_hex() writes them.
  const auto other = ms::generate_key_pair();
  write_file(dir / "other.pub", ms::format_public_key(other.public_key));
  const fs::path out = dir / "mismatch.out";
  CHECK(run_minisign("-V -m " + quoted(dir / "msg") + " -p " + quoted(dir / "other.pub") + " -x " +
                         quoted(dir / "ours.minisig"),
                     out) != 0);
  const std::string printed = read_file(out);
  std::smatch ids;
  const std::regex pattern("key id in .* is ([0-9A-F]+)\nbut the key id in the public key is ([0-9A-F]+)\n");
  INFO(printed);
  REQUIRE(std::regex_search(printed, ids, pattern));
  CHECK(id_value(ids[1]) == id_value(ms::key_id_hex(pair.public_key.key_id)));
  CHECK(id_value(ids[2]) == id_value(ms::key_id_hex(other.public_key.key_id)));
}

TEST_CASE("verify rejects each tampered part of a signature with its own error", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const std::vector<ms::PublicKey> keys = {pair.public_key};
  const std::string good = ms::sign(kMessage, pair.secret_key, "trusted text");
  REQUIRE(error_of(ms::verify(kMessage, good, keys)) == "ok");
  const auto lines = lines_of(good);

  SECTION("a flipped byte in the message") {
    std::string message = kMessage;
    message[5] ^= 0x01;
    CHECK(error_of(ms::verify(message, good, keys)) == "the signature does not match the content");
  }
  SECTION("an altered signature") {
    CHECK(error_of(ms::verify(kMessage, with_line(good, 1, tweak(lines[1], 50)), keys)) ==
          "the signature does not match the content");
  }
  SECTION("a prehashed signature relabelled as legacy") {
    REQUIRE(lines[1].substr(0, 2) == "RU");  // base64 of "ED..."
    CHECK(error_of(ms::verify(kMessage, with_line(good, 1, "RW" + lines[1].substr(2)), keys)) ==
          "the signature does not match the content");
  }
  SECTION("an altered trusted comment") {
    CHECK(error_of(ms::verify(kMessage, with_line(good, 2, "trusted comment: trusted text!"), keys)) ==
          "the trusted comment has been altered");
  }
  SECTION("an altered global signature") {
    CHECK(error_of(ms::verify(kMessage, with_line(good, 3, tweak(lines[3], 20)), keys)) ==
          "the trusted comment has been altered");
  }
  SECTION("the untrusted comment is not protected") {
    CHECK(error_of(ms::verify(kMessage, with_line(good, 0, "untrusted comment: anything"), keys)) == "ok");
  }
  SECTION("a signature by a key that is not trusted names both ids") {
    const auto stranger = ms::generate_key_pair();
    const auto second = ms::generate_key_pair();
    const std::string theirs = ms::sign(kMessage, stranger.secret_key, "trusted text");
    CHECK(error_of(ms::verify(kMessage, theirs, {pair.public_key, second.public_key})) ==
          "signed by key " + ms::key_id_hex(stranger.public_key.key_id) + ", which is not among the trusted keys (" +
              ms::key_id_hex(pair.public_key.key_id) + ", " + ms::key_id_hex(second.public_key.key_id) + ")");
    CHECK(error_of(ms::verify(kMessage, theirs, {})) ==
          "signed by key " + ms::key_id_hex(stranger.public_key.key_id) +
              ", which is not among the trusted keys (none are configured)");
  }
  SECTION("a key with a trusted id but other key bytes") {
    ms::PublicKey impostor = ms::generate_key_pair().public_key;
    impostor.key_id = pair.public_key.key_id;
    CHECK(error_of(ms::verify(kMessage, good, {impostor})) == "the signature does not match the content");
  }
  SECTION("key rotation: the second trusted key matches") {
    const auto next = ms::generate_key_pair();
    const std::vector<ms::PublicKey> rotated = {pair.public_key, next.public_key};
    const auto verified = ms::verify(kMessage, ms::sign(kMessage, next.secret_key, "after rotation"), rotated);
    REQUIRE(error_of(verified) == "ok");
    CHECK(verified->key_id == ms::key_id_hex(next.public_key.key_id));
    CHECK(verified->trusted_comment == "after rotation");
    CHECK(error_of(ms::verify(kMessage, good, rotated)) == "ok");
  }
}

TEST_CASE("verify gives a clear error for malformed signature files", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const std::vector<ms::PublicKey> keys = {pair.public_key};
  const std::string good = ms::sign(kMessage, pair.secret_key, "trusted text");
  const auto lines = lines_of(good);
  const auto malformed = [&](const std::string& minisig) {
    const std::string error = error_of(ms::verify(kMessage, minisig, keys));
    INFO(error);
    CHECK(error.rfind("the signature file is malformed: ", 0) == 0);
    return error;
  };
  using Catch::Matchers::Contains;

  CHECK_THAT(malformed(""), Contains("it is empty"));
  CHECK_THAT(malformed(lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n"), Contains("ends after line 3"));
  CHECK_THAT(malformed(good + "\n"), Contains("line 5 is extra"));
  CHECK_THAT(malformed(good + "more\n"), Contains("line 5 is extra"));
  CHECK_THAT(malformed(with_line(good, 0, "comment: x")), Contains("line 1 should start with \"untrusted comment: \""));
  CHECK_THAT(malformed(with_line(good, 1, "not base64!")), Contains("line 2 (the signature) is not base64"));
  CHECK_THAT(malformed(with_line(good, 1, lines[1] + " ")), Contains("line 2 (the signature) is not base64"));
  CHECK_THAT(malformed(with_line(good, 1, ms::public_key_line(pair.public_key))),
             Contains("line 2 (the signature) decodes to 42 bytes, a minisign signature has 74"));
  // "QU" + rest: the algorithm bytes become "AD".
  CHECK_THAT(malformed(with_line(good, 1, "QU" + lines[1].substr(2))), Contains("names algorithm \"AD\""));
  CHECK_THAT(malformed(with_line(good, 2, "trusted text")),
             Contains("line 3 should start with \"trusted comment: \""));
  CHECK_THAT(malformed(with_line(good, 2, "trusted comment: " + std::string(ms::kMaxTrustedCommentBytes + 1, 'x'))),
             Contains("line 3 (the trusted comment): it is 8174 bytes, more than the 8173"));
  CHECK_THAT(malformed(with_line(good, 2, "trusted comment: a\rb")), Contains("carriage return"));
  CHECK_THAT(malformed(with_line(good, 2, std::string("trusted comment: a\0b", 20))), Contains("NUL"));
  CHECK_THAT(malformed(with_line(good, 3, "%%%%")), Contains("line 4 (the global signature) is not base64"));
  CHECK_THAT(malformed(with_line(good, 3, lines[3].substr(0, 44))),
             Contains("line 4 (the global signature) decodes to 33 bytes"));
  CHECK_THAT(malformed(good + std::string(ms::kMaxSignatureFileBytes, '\n')), Contains("more than the 16384"));

  SECTION("CRLF line ends and a missing final newline are fine") {
    std::string crlf;
    for (const auto& line : lines) crlf += line + "\r\n";
    CHECK(error_of(ms::verify(kMessage, crlf, keys)) == "ok");
    CHECK(error_of(ms::verify(kMessage, good.substr(0, good.size() - 1), keys)) == "ok");
  }
  SECTION("random bytes never crash and are malformed") {
    std::mt19937 random(20261127);
    for (int i = 0; i < 200; ++i) {
      std::string junk(random() % 400, '\0');
      for (auto& c : junk) c = static_cast<char>(random() % 4 == 0 ? '\n' : random());
      malformed(junk);
    }
  }
  SECTION("sign refuses a comment minisign could not read back") {
    CHECK_FALSE(ms::check_trusted_comment("two\nlines").ok());
    CHECK_FALSE(ms::check_trusted_comment(std::string(ms::kMaxTrustedCommentBytes + 1, 'x')).ok());
    CHECK(ms::check_trusted_comment(std::string(ms::kMaxTrustedCommentBytes, 'x')).ok());
    CHECK_THROWS_AS(ms::sign(kMessage, pair.secret_key, "two\nlines"), std::invalid_argument);
    CHECK_THROWS_AS(ms::sign(kMessage, pair.secret_key, "ok", ms::Hashing::kPrehashed, "a\rb"),
                    std::invalid_argument);
  }
}

TEST_CASE("public keys parse from the config line or a pub file alike", "[minisign]") {
  // Made by `minisign -G -W` (0.11); its .pub comment said "minisign public key C3AF80DF000D6029".
  const std::string stock_line = "RWQpYA0A34CvwzwX60XwQDirGgrHKo0RYuJSVOprcaKI9q+HsbPUN1Pc";
  const auto stock = ms::parse_public_key(stock_line);
  REQUIRE(stock.ok());
  CHECK(ms::key_id_hex(stock->key_id) == "C3AF80DF000D6029");
  CHECK(ms::format_public_key(*stock) == "untrusted comment: minisign public key C3AF80DF000D6029\n" + stock_line + "\n");
  // Another from minisign 0.11, which wrote "minisign public key F38593011EE4A29": we keep the zero.
  const auto leading_zero = ms::parse_public_key("RWQpSu4RMFk4D7n91iE6Wgmh3okgGntWBsy6NUFRoBuVl7/ozvIsQDeR");
  REQUIRE(leading_zero.ok());
  CHECK(ms::key_id_hex(leading_zero->key_id) == "0F38593011EE4A29");
  CHECK(ms::key_id_hex({0x01, 0, 0, 0, 0, 0, 0, 0}) == "0000000000000001");

  const auto pair = ms::generate_key_pair();
  const std::string line = ms::public_key_line(pair.public_key);
  const std::string file = ms::format_public_key(pair.public_key);
  for (const std::string& text : {line, "  " + line + "\n", file, with_line(file, 0, "untrusted comment: x"),
                                  lines_of(file)[0] + "\r\n" + lines_of(file)[1] + "\r\n"}) {
    INFO(text);
    const auto parsed = ms::parse_public_key(text);
    REQUIRE(parsed.ok());
    CHECK(*parsed == pair.public_key);
  }

  const auto error = [](std::string_view text) {
    const auto parsed = ms::parse_public_key(text);
    return parsed.ok() ? std::string("ok") : parsed.error().message;
  };
  CHECK(error(line.substr(0, line.size() - 4)) == "the public key decodes to 39 bytes, a minisign public key has 42");
  CHECK(error(line + "AAAA") == "the public key decodes to 45 bytes, a minisign public key has 42");
  CHECK(error("RW*notbase64") == "the public key is not base64");
  CHECK_THAT(error("RU" + line.substr(2)), Catch::Matchers::StartsWith("the public key's algorithm is not Ed25519"));
  CHECK(error("") == "the public key is empty");
  CHECK_THAT(error("comment\n" + line), Catch::Matchers::Contains("line 1 should start with"));
  CHECK_THAT(error(file + line + "\n"), Catch::Matchers::Contains("has 3 lines"));
}

TEST_CASE("secret keys round-trip through the kiosk-feed secret key file", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const std::string text = ms::format_secret_key(pair.secret_key);
  const auto lines = lines_of(text);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "untrusted comment: kiosk-feed secret key - keep it secret");

  const auto parsed = ms::parse_secret_key(text);
  REQUIRE(parsed.ok());
  CHECK(parsed->key_id == pair.secret_key.key_id);
  CHECK(parsed->key == pair.secret_key.key);
  CHECK(ms::public_key_of(*parsed) == pair.public_key);
  CHECK(error_of(ms::verify(kMessage, ms::sign(kMessage, *parsed, "x"), {pair.public_key})) == "ok");

  const auto error = [](const std::string& text) {
    const auto key = ms::parse_secret_key(text);
    return key.ok() ? std::string("ok") : key.error().message;
  };
  CHECK(error(lines[0] + "\r\n" + lines[1] + "\r\n") == "ok");
  CHECK(error(lines[1]) == "the secret key file should have 2 lines, it has 1");
  CHECK_THAT(error("comment\n" + lines[1]), Catch::Matchers::Contains("line 1 should start with"));
  CHECK(error(lines[0] + "\n!!\n") == "the secret key file's line 2 is not base64");
  CHECK(error(lines[0] + "\n" + lines[1].substr(0, 96) + "\n") ==
        "the secret key decodes to 72 bytes, a kiosk-feed secret key has 74");
  CHECK(error(lines[0] + "\n" + "R" + lines[1].substr(1) + "\n") ==
        "the secret key names algorithm \"Gd\", expected \"Kd\"");
  // Seed (bytes 10..41) or public half (42..73) changed: they no longer belong together.
  CHECK(error(lines[0] + "\n" + tweak(lines[1], 30) + "\n") ==
        "the secret key is corrupt: its public half does not match its seed");
  CHECK(error(lines[0] + "\n" + tweak(lines[1], 80) + "\n") ==
        "the secret key is corrupt: its public half does not match its seed");
}

TEST_CASE("a stock minisign secret key file is recognised and refused", "[minisign][stock]") {
  require_minisign();
  TempDir dir;
  REQUIRE(run_minisign("-G -f -W -p " + quoted(dir / "k.pub") + " -s " + quoted(dir / "k.sec")) == 0);
  const auto key = ms::parse_secret_key(read_file(dir / "k.sec"));
  REQUIRE_FALSE(key.ok());
  CHECK_THAT(key.error().message, Catch::Matchers::StartsWith("this is a minisign secret key file"));
}

// minisign's own secret key file (format_minisign_secret_key, parse_minisign_secret_key, read_secret_key).
namespace {

// Standard padded base64, to take key files apart here (the module keeps libsodium to itself).
constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encode_base64(const std::string& bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) group = group << 8 | (j < n ? std::uint8_t(bytes[i + j]) : 0u);
    for (std::size_t j = 0; j < 4; ++j) out += j <= n ? kBase64Alphabet[group >> (18 - 6 * j) & 63] : '=';
  }
  return out;
}

std::string decode_base64(const std::string& text) {
  REQUIRE(text.size() % 4 == 0);
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t group = 0;
    std::size_t padding = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      const std::size_t value = c == '=' ? 0 : kBase64Alphabet.find(c);
      REQUIRE(value != std::string_view::npos);
      padding += c == '=';
      group = group << 6 | static_cast<std::uint32_t>(value);
    }
    for (std::size_t j = 0; j < 3 - padding; ++j) out += static_cast<char>(group >> (16 - 8 * j) & 0xff);
  }
  return out;
}

// Where the fields of minisign's decoded secret key start (see feed/minisign.h).
constexpr std::size_t kKdfAlgorithmAt = 2;
constexpr std::size_t kChecksumAlgorithmAt = 4;
constexpr std::size_t kOpslimitAt = 38;
constexpr std::size_t kMemlimitAt = 46;
constexpr std::size_t kSecretKeyAt = 62;
constexpr std::size_t kPublicHalfAt = kSecretKeyAt + 32;
constexpr std::size_t kChecksumAt = 126;

// The 2-line secret key file `text` with its decoded second line changed by `change`.
template <class Change>
std::string with_blob(const std::string& text, Change change) {
  const auto lines = lines_of(text);
  REQUIRE(lines.size() == 2);
  std::string blob = decode_base64(lines[1]);
  change(blob);
  return lines[0] + "\n" + encode_base64(blob) + "\n";
}

void store_le64(std::string& blob, std::size_t at, std::uint64_t value) {
  for (std::size_t i = 0; i < 8; ++i) blob[at + i] = static_cast<char>(value >> (8 * i));
}

template <class T>
std::string error_of(const kiosk::Result<T>& result) {
  return result.ok() ? std::string("ok") : result.error().message;
}

bool same_key(const ms::SecretKey& a, const ms::SecretKey& b) { return a.key_id == b.key_id && a.key == b.key; }

// Spaces and non-ASCII: a password is bytes, as minisign reads it.
const std::string kPassword = "correct horse – batterí staple";

using Password = std::optional<std::string_view>;

// format_minisign_secret_key() that must succeed.
std::string minisign_key_file(const ms::SecretKey& key, Password password,
                              std::string_view comment = ms::kMinisignSecretKeyComment) {
  auto text = ms::format_minisign_secret_key(key, password, ms::kKdfLimitsFast, comment);
  INFO(error_of(text));
  REQUIRE(text.ok());
  return *text;
}

}  // namespace

TEST_CASE("minisign secret keys round-trip with and without a password", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const auto signs_for_pair = [&](const ms::SecretKey& key) {
    return error_of(ms::verify(kMessage, ms::sign(kMessage, key, "round trip"), {pair.public_key}));
  };

  SECTION("encrypted") {
    const std::string text = minisign_key_file(pair.secret_key, kPassword, "kiosk-feed test key");
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "untrusted comment: kiosk-feed test key");
    CHECK(lines[1].substr(0, 8) == "RWRTY0Iy");  // base64 of "Ed" "Sc" "B2"
    CHECK(text.back() == '\n');
    CHECK(ms::secret_key_is_encrypted(text));

    const auto key = ms::parse_minisign_secret_key(text, kPassword);
    REQUIRE(error_of(key) == "ok");
    CHECK(same_key(*key, pair.secret_key));
    CHECK(signs_for_pair(*key) == "ok");
    const auto read = ms::read_secret_key(lines[0] + "\r\n" + lines[1] + "\r\n", kPassword);
    REQUIRE(error_of(read) == "ok");
    CHECK(same_key(*read, pair.secret_key));
    // A fresh salt each time: the same key and password never give the same file.
    CHECK(minisign_key_file(pair.secret_key, kPassword) != minisign_key_file(pair.secret_key, kPassword));
  }
  SECTION("unencrypted") {
    const std::string text = minisign_key_file(pair.secret_key, std::nullopt);
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "untrusted comment: minisign encrypted secret key");  // what minisign -G -W writes too
    CHECK(lines[1].substr(0, 8) == "RWQAAEIy");                             // "Ed", two zero bytes, "B2"
    CHECK_FALSE(ms::secret_key_is_encrypted(text));
    // Salt and limits zero, as minisign -W leaves them.
    const std::string blob = decode_base64(lines[1]);
    CHECK(blob.substr(6, 48) == std::string(48, '\0'));

    for (const Password password : {Password(), Password("ignored")}) {
      const auto key = ms::parse_minisign_secret_key(text, password);
      REQUIRE(error_of(key) == "ok");
      CHECK(same_key(*key, pair.secret_key));
      CHECK(signs_for_pair(*key) == "ok");
    }
    const auto read = ms::read_secret_key(text, std::nullopt);
    REQUIRE(error_of(read) == "ok");
    CHECK(same_key(*read, pair.secret_key));
  }
  SECTION("an empty password is a password") {
    const std::string text = minisign_key_file(pair.secret_key, "");
    CHECK(ms::secret_key_is_encrypted(text));
    const auto key = ms::parse_minisign_secret_key(text, "");
    REQUIRE(error_of(key) == "ok");
    CHECK(same_key(*key, pair.secret_key));
    CHECK(error_of(ms::parse_minisign_secret_key(text, std::nullopt)) ==
          "the secret key is protected by a password; none was given");
  }
  SECTION("read_secret_key also reads the kiosk-feed format and parse_secret_key still refuses minisign's") {
    const std::string kiosk = ms::format_secret_key(pair.secret_key);
    CHECK_FALSE(ms::secret_key_is_encrypted(kiosk));
    const auto read = ms::read_secret_key(kiosk, std::nullopt);
    REQUIRE(error_of(read) == "ok");
    CHECK(same_key(*read, pair.secret_key));
    CHECK(error_of(ms::read_secret_key(kiosk, "ignored")) == "ok");
    CHECK(error_of(ms::parse_secret_key(minisign_key_file(pair.secret_key, std::nullopt))) ==
          "this is a minisign secret key file, not a kiosk-feed one; read_secret_key() reads both");
  }
}

TEST_CASE("a minisign secret key with a wrong or missing password is refused", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const std::string text = minisign_key_file(pair.secret_key, kPassword);
  const std::string wrong = "wrong password: the key's checksum does not match";

  CHECK(error_of(ms::parse_minisign_secret_key(text, "correct horse")) == wrong);
  CHECK(error_of(ms::parse_minisign_secret_key(text, kPassword + "\n")) == wrong);
  CHECK(error_of(ms::parse_minisign_secret_key(text, "")) == wrong);
  CHECK(error_of(ms::read_secret_key(text, "Correct horse – batterí staple")) == wrong);

  const std::string missing = "the secret key is protected by a password; none was given";
  CHECK(error_of(ms::parse_minisign_secret_key(text, std::nullopt)) == missing);
  CHECK(error_of(ms::read_secret_key(text, std::nullopt)) == missing);

  // The encrypted part damaged: indistinguishable from a wrong password, and said as such.
  CHECK(error_of(ms::parse_minisign_secret_key(with_blob(text, [](std::string& b) { b[kSecretKeyAt] ^= 1; }),
                                               kPassword)) == wrong);
}

TEST_CASE("malformed minisign secret key files give errors that name the problem", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const std::string plain = minisign_key_file(pair.secret_key, std::nullopt);
  const std::string encrypted = minisign_key_file(pair.secret_key, kPassword);
  const auto lines = lines_of(plain);
  const auto error = [](const std::string& text) {
    CHECK_FALSE(ms::secret_key_is_encrypted(text));
    return error_of(ms::parse_minisign_secret_key(text, kPassword));
  };
  using Catch::Matchers::Contains;

  CHECK(error("") == "the secret key file should have 2 lines, it has 0");
  CHECK(error(lines[1]) == "the secret key file should have 2 lines, it has 1");
  CHECK(error(plain + "\n") == "the secret key file should have 2 lines, it has 3");
  CHECK_THAT(error("comment\n" + lines[1] + "\n"), Contains("line 1 should start with \"untrusted comment: \""));
  CHECK_THAT(error("untrusted comment: " + std::string(ms::kMaxUntrustedCommentBytes + 1, 'x') + "\n" + lines[1]),
             Contains("line 1 (the untrusted comment): it is 1004 bytes, more than the 1003"));
  CHECK(error(lines[0] + "\n" + lines[1] + "%\n") == "the secret key file's line 2 is not base64");
  CHECK(error(lines[0] + "\n" + lines[1].substr(0, lines[1].size() - 4) + "\n") ==
        "the secret key decodes to 156 bytes, a minisign secret key has 158");
  CHECK(error(with_blob(plain, [](std::string& b) { b += "xyz"; })) ==
        "the secret key decodes to 161 bytes, a minisign secret key has 158");
  CHECK(error(ms::format_secret_key(pair.secret_key)) ==
        "the secret key decodes to 74 bytes, a minisign secret key has 158");
  CHECK(error(with_blob(plain, [](std::string& b) { b[1] = 'D'; })) ==
        "the secret key's signature algorithm is \"ED\", minisign writes \"Ed\"");
  CHECK(error(with_blob(plain, [](std::string& b) { b.replace(kChecksumAlgorithmAt, 2, "B3"); })) ==
        "the secret key's checksum algorithm is \"B3\", minisign writes \"B2\"");
  CHECK(error(with_blob(encrypted, [](std::string& b) { b.replace(kKdfAlgorithmAt, 2, "Ar"); })) ==
        "the secret key's key derivation is \"Ar\", minisign writes \"Sc\" (scrypt) or two zero bytes (no password)");
  CHECK(error(with_blob(plain, [](std::string& b) { b.replace(kKdfAlgorithmAt, 2, std::string("\0\1", 2)); })) ==
        "the secret key's key derivation is bytes 0x0001, minisign writes \"Sc\" (scrypt) or two zero bytes "
        "(no password)");
  // Unencrypted: the checksum, when there is one, and the key's own halves are checked.
  CHECK(error(with_blob(plain, [](std::string& b) { b[kSecretKeyAt + 3] ^= 1; })) ==
        "the secret key is corrupt: its checksum does not match");
  CHECK(error(with_blob(plain, [](std::string& b) {
          b[kPublicHalfAt] ^= 1;
          b.replace(kChecksumAt, 32, std::string(32, '\0'));
        })) == "the secret key is corrupt: its public half does not match its seed");

  CHECK(error_of(ms::read_secret_key(lines[0] + "\n" + encode_base64(std::string(40, 'x')) + "\n", std::nullopt)) ==
        "the secret key decodes to 40 bytes; a minisign secret key has 158, a kiosk-feed one 74");
  CHECK(error_of(ms::read_secret_key("", std::nullopt)) == "the secret key file should have 2 lines, it has 0");

  SECTION("random bytes and truncations never crash and are refused") {
    std::mt19937 random(20261128);
    for (int i = 0; i < 200; ++i) {
      std::string junk(random() % 400, '\0');
      for (auto& c : junk) c = static_cast<char>(random() % 4 == 0 ? '\n' : random());
      CHECK(error_of(ms::read_secret_key(junk, kPassword)) != "ok");
      CHECK_FALSE(ms::secret_key_is_encrypted(junk));
    }
    for (std::size_t size = 0; size + 1 < encrypted.size(); size += 7) {
      INFO(size);
      CHECK(error_of(ms::read_secret_key(encrypted.substr(0, size), kPassword)) != "ok");
    }
  }
}

TEST_CASE("hostile scrypt limits in a secret key file are refused before scrypt runs", "[minisign]") {
  const auto pair = ms::generate_key_pair();
  const std::string text = minisign_key_file(pair.secret_key, kPassword);
  const auto with_limits = [&](std::uint64_t opslimit, std::uint64_t memlimit) {
    return with_blob(text, [&](std::string& b) {
      store_le64(b, kOpslimitAt, opslimit);
      store_le64(b, kMemlimitAt, memlimit);
    });
  };
  const std::uint64_t fast_ops = ms::kKdfLimitsFast.opslimit;
  const std::uint64_t fast_mem = ms::kKdfLimitsFast.memlimit;

  // Checked before the password too: the file is refused whatever the caller has.
  for (const Password password : {Password(kPassword), Password()}) {
    CHECK(error_of(ms::parse_minisign_secret_key(with_limits(fast_ops, std::uint64_t{1} << 40), password)) ==
          "the secret key asks scrypt for 1099511627776 bytes of memory, more than the 2147483648 allowed");
    CHECK(error_of(ms::read_secret_key(with_limits(fast_ops, ms::kMaxKdfMemlimit + 1), password)) ==
          "the secret key asks scrypt for 2147483649 bytes of memory, more than the 2147483648 allowed");
    CHECK(error_of(ms::parse_minisign_secret_key(with_limits(~std::uint64_t{0}, fast_mem), password)) ==
          "the secret key asks scrypt for opslimit 18446744073709551615, more than the 4294967295 allowed");
    CHECK(error_of(ms::parse_minisign_secret_key(with_limits(std::uint64_t{1} << 32, fast_mem), password)) ==
          "the secret key asks scrypt for opslimit 4294967296, more than the 4294967295 allowed");
  }
  CHECK(ms::secret_key_is_encrypted(with_limits(fast_ops, std::uint64_t{1} << 40)));
  // The limits are only a cost: other values within bounds still open the key if they were used to make it.
  CHECK(error_of(ms::parse_minisign_secret_key(with_limits(fast_ops * 2, fast_mem), kPassword)) ==
        "wrong password: the key's checksum does not match");

  SECTION("format_minisign_secret_key refuses limits and comments it could not use") {
    CHECK(error_of(ms::format_minisign_secret_key(pair.secret_key, kPassword, {fast_ops, ms::kMaxKdfMemlimit + 1})) ==
          "the scrypt limits ask for 2147483649 bytes of memory, more than the 2147483648 allowed");
    CHECK(error_of(ms::format_minisign_secret_key(pair.secret_key, kPassword, {1, 1})) ==
          "the scrypt limits (opslimit 1, memlimit 1 bytes) are below libsodium's minimum (opslimit 32768, memlimit "
          "16777216 bytes)");
    // Without a password the limits are not used.
    CHECK(error_of(ms::format_minisign_secret_key(pair.secret_key, std::nullopt, {1, 1})) == "ok");
    CHECK_THAT(error_of(ms::format_minisign_secret_key(pair.secret_key, std::nullopt, ms::kKdfLimitsFast, "a\nb")),
               Catch::Matchers::StartsWith("the untrusted comment cannot be used: "));
  }
}

TEST_CASE("secret keys made by the stock minisign are read and sign verifiably", "[minisign][stock]") {
  require_minisign();
  TempDir dir;
  write_file(dir / "msg", kMessage);
  const auto signs_verifiably = [&](const ms::SecretKey& key, const fs::path& pub_file) {
    const auto pub = ms::parse_public_key(read_file(pub_file));
    REQUIRE(pub.ok());
    CHECK(ms::public_key_of(key) == *pub);
    write_file(dir / "msg.minisig", ms::sign(kMessage, key, "signed with a stock key"));
    CHECK(error_of(ms::verify(kMessage, read_file(dir / "msg.minisig"), {*pub})) == "ok");
    CHECK(run_minisign("-V -p " + quoted(pub_file) + " -m " + quoted(dir / "msg")) == 0);
  };

  SECTION("with a password and the tool's default (1 GiB) scrypt limits") {
    write_file(dir / "typed", kPassword + "\n" + kPassword + "\n");
    REQUIRE(run_minisign_with_input("-G -f -p " + quoted(dir / "k.pub") + " -s " + quoted(dir / "k.sec"),
                                    dir / "typed") == 0);
    const std::string text = read_file(dir / "k.sec");
    CHECK(ms::secret_key_is_encrypted(text));
    CHECK(decode_base64(lines_of(text).at(1)).substr(kOpslimitAt, 16) == [] {
      std::string limits(16, '\0');
      store_le64(limits, 0, ms::kKdfLimitsMinisign.opslimit);
      store_le64(limits, 8, ms::kKdfLimitsMinisign.memlimit);
      return limits;
    }());
    CHECK(error_of(ms::read_secret_key(text, std::nullopt)) ==
          "the secret key is protected by a password; none was given");
    const auto key = ms::read_secret_key(text, kPassword);
    REQUIRE(error_of(key) == "ok");
    signs_verifiably(*key, dir / "k.pub");
  }
  SECTION("without a password (-W)") {
    REQUIRE(run_minisign("-G -f -W -p " + quoted(dir / "w.pub") + " -s " + quoted(dir / "w.sec")) == 0);
    const std::string text = read_file(dir / "w.sec");
    CHECK_FALSE(ms::secret_key_is_encrypted(text));
    // minisign 0.11 leaves salt, limits and checksum zero on such a key.
    const std::string blob = decode_base64(lines_of(text).at(1));
    CHECK(blob.substr(kChecksumAt) == std::string(32, '\0'));
    const auto key = ms::read_secret_key(text, std::nullopt);
    REQUIRE(error_of(key) == "ok");
    signs_verifiably(*key, dir / "w.pub");
  }
}

TEST_CASE("secret keys we write in minisign's format sign with the stock minisign", "[minisign][stock]") {
  require_minisign();
  TempDir dir;
  const auto pair = key_and_message_in(dir, "k.pub");
  write_file(dir / "typed", kPassword + "\n");
  write_file(dir / "typed-wrong", "not the password\n");
  const auto verifies = [&](const fs::path& sig) {
    CHECK(run_minisign("-V -p " + quoted(dir / "k.pub") + " -m " + quoted(dir / "msg") + " -x " + quoted(sig)) == 0);
    const auto verified = ms::verify(kMessage, read_file(sig), {pair.public_key});
    REQUIRE(error_of(verified) == "ok");
    CHECK(verified->trusted_comment == "signed by the stock tool");
  };
  const std::string sign_args = " -t 'signed by the stock tool' -m " + quoted(dir / "msg") + " -x ";

  SECTION("with a password") {
    write_file(dir / "k.sec", minisign_key_file(pair.secret_key, kPassword));
    REQUIRE(run_minisign_with_input("-S -s " + quoted(dir / "k.sec") + sign_args + quoted(dir / "a.minisig"),
                                    dir / "typed") == 0);
    verifies(dir / "a.minisig");

    const fs::path out = dir / "wrong.out";
    CHECK(run_minisign_with_input("-S -s " + quoted(dir / "k.sec") + sign_args + quoted(dir / "b.minisig"),
                                  dir / "typed-wrong", out) != 0);
    CHECK_THAT(read_file(out), Catch::Matchers::Contains("Wrong password for that key"));

    // -R decrypts the key and writes its public half with its key id.
    REQUIRE(run_minisign_with_input("-R -s " + quoted(dir / "k.sec") + " -p " + quoted(dir / "r.pub"),
                                    dir / "typed") == 0);
    const auto recreated = ms::parse_public_key(read_file(dir / "r.pub"));
    REQUIRE(recreated.ok());
    CHECK(*recreated == pair.public_key);

    // -C -W removes the password and keeps salt, limits and the (valid) checksum: we read that too.
    REQUIRE(run_minisign_with_input("-C -W -s " + quoted(dir / "k.sec"), dir / "typed") == 0);
    const std::string removed = read_file(dir / "k.sec");
    CHECK_FALSE(ms::secret_key_is_encrypted(removed));
    CHECK(decode_base64(lines_of(removed).at(1)).substr(kChecksumAt) != std::string(32, '\0'));
    const auto key = ms::read_secret_key(removed, std::nullopt);
    REQUIRE(error_of(key) == "ok");
    CHECK(same_key(*key, pair.secret_key));
  }
  SECTION("without a password") {
    write_file(dir / "w.sec", minisign_key_file(pair.secret_key, std::nullopt));
    REQUIRE(run_minisign("-S -s " + quoted(dir / "w.sec") + sign_args + quoted(dir / "w.minisig")) == 0);
    verifies(dir / "w.minisig");
  }
}
