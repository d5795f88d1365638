// feed/trusted_keys.h: the keys document a root key signs, read strictly and only after its
// signature is good; and signed by the stock `minisign` tool (Debian package `minisign`), as staff
// may sign it by hand.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "feed/trusted_keys.h"
#include "test_support.h"

namespace {

namespace ms = kiosk::feed::minisign;
using kiosk::feed::TrustedKeys;
using kiosk::testing::read_file;
using kiosk::testing::run_command;
using kiosk::testing::TempDir;
using kiosk::testing::write_file;

constexpr std::uint64_t kTwoTo63 = std::uint64_t{1} << 63;

TrustedKeys two_key_document() {
  TrustedKeys keys;
  keys.serial = 3;
  keys.epoch = 2;
  keys.issued = 1795737600;  // 2026-11-27T00:00:00Z
  keys.feed_keys = {ms::generate_key_pair().public_key, ms::generate_key_pair().public_key};
  keys.note = "efter nøglen fra maj";
  return keys;
}

std::string error_of(const kiosk::Result<TrustedKeys>& result) {
  return result.ok() ? std::string("ok") : result.error().message;
}

std::string error_of(const kiosk::Status& status) { return status.ok() ? std::string("ok") : status.error().message; }

// A document's text with the first `what` replaced.
std::string edited(std::string text, const std::string& what, const std::string& replacement) {
  const auto at = text.find(what);
  REQUIRE(at != std::string::npos);
  return text.replace(at, what.size(), replacement);
}

std::string invalid(const std::string& problem) { return "keys.json is invalid:\n  " + problem; }

}  // namespace

TEST_CASE("a keys document round-trips through to_json and a root key's signature", "[trusted_keys]") {
  const TrustedKeys keys = two_key_document();
  const std::string text = kiosk::feed::to_json(keys);
  CHECK(text.rfind("{\n  \"format\": 1,\n  \"serial\": 3,\n  \"epoch\": 2,\n  \"issued\": \"2026-11-27T00:00:00Z\",", 0) == 0);
  CHECK(text.find("\"" + ms::public_key_line(keys.feed_keys[1]) + "\"") != std::string::npos);
  const auto parsed = kiosk::feed::parse_trusted_keys(text);
  REQUIRE(error_of(parsed) == "ok");
  CHECK(*parsed == keys);

  const auto root = ms::generate_key_pair();
  const auto verified = kiosk::feed::verify_trusted_keys(text, ms::sign(text, root.secret_key, "keys"), {root.public_key});
  REQUIRE(error_of(verified) == "ok");
  CHECK(*verified == keys);

  // Without a note, the field is left out and reads back empty.
  TrustedKeys plain = keys;
  plain.note.clear();
  CHECK(kiosk::feed::to_json(plain).find("note") == std::string::npos);
  CHECK(*kiosk::feed::parse_trusted_keys(kiosk::feed::to_json(plain)) == plain);
}

TEST_CASE("a keys document is refused unless a root key signed exactly these bytes", "[trusted_keys]") {
  const auto root = ms::generate_key_pair();
  const auto other_root = ms::generate_key_pair();
  const std::string text = kiosk::feed::to_json(two_key_document());
  const std::string signature = ms::sign(text, root.secret_key, "keys");

  SECTION("signed by another key") {
    CHECK(error_of(kiosk::feed::verify_trusted_keys(text, signature, {other_root.public_key})) ==
          "keys.json.minisig: signed by key " + ms::key_id_hex(root.public_key.key_id) +
              ", which is not among the trusted keys (" + ms::key_id_hex(other_root.public_key.key_id) + ")");
    CHECK(error_of(kiosk::feed::verify_trusted_keys(text, signature, {})).find("(none are configured)") != std::string::npos);
    // One of several root keys is enough.
    CHECK(error_of(kiosk::feed::verify_trusted_keys(text, signature, {other_root.public_key, root.public_key})) == "ok");
  }
  SECTION("one byte changed") {
    CHECK(error_of(kiosk::feed::verify_trusted_keys(edited(text, "\"serial\": 3", "\"serial\": 4"), signature,
                                                    {root.public_key})) ==
          "keys.json.minisig: the signature does not match the content");
  }
  SECTION("nothing is parsed before the signature is good") {
    // Broken JSON with a bad signature reports the signature, not the JSON.
    CHECK(error_of(kiosk::feed::verify_trusted_keys(text + "}", signature, {root.public_key})) ==
          "keys.json.minisig: the signature does not match the content");
    CHECK(error_of(kiosk::feed::verify_trusted_keys(text, "not a signature", {root.public_key}))
              .rfind("keys.json.minisig: the signature file is malformed", 0) == 0);
  }
  SECTION("a good signature over a document that breaks a rule") {
    const std::string unknown = edited(text, "\"epoch\"", "\"epoc\"");
    CHECK(error_of(kiosk::feed::verify_trusted_keys(unknown, ms::sign(unknown, root.secret_key, "keys"), {root.public_key})) ==
          invalid("epoch: is missing\n  epoc: is not a field of keys.json (format 1)"));
  }
}

TEST_CASE("a keys document is read strictly, each problem naming its field", "[trusted_keys]") {
  const TrustedKeys keys = two_key_document();
  const std::string text = kiosk::feed::to_json(keys);
  const auto parse_error = [](const std::string& doc) { return error_of(kiosk::feed::parse_trusted_keys(doc)); };

  CHECK(parse_error(edited(text, "\n}", ",\n  \"expires\": \"2027-01-01T00:00:00Z\"\n}")) ==
        invalid("expires: is not a field of keys.json (format 1)"));
  CHECK(parse_error(edited(text, "  \"epoch\": 2,\n", "")) == invalid("epoch: is missing"));
  CHECK(parse_error(edited(text, "\"format\": 1", "\"format\": 2")) ==
        "keys.json format 2 is not supported; this program reads format 1");
  CHECK(parse_error("[]") == invalid("(top level): must be an object, not a JSON array"));
  CHECK(parse_error(text.substr(0, 40)).rfind("keys.json is not valid JSON: ", 0) == 0);

  CHECK(parse_error(edited(text, "\"serial\": 3", "\"serial\": -3")) == invalid("serial: -3 is negative"));
  CHECK(parse_error(edited(text, "\"serial\": 3", "\"serial\": 3.0")) ==
        invalid("serial: must be a whole number, not a number with a fraction or exponent"));
  CHECK(parse_error(edited(text, "\"epoch\": 2", "\"epoch\": \"2\"")) ==
        invalid("epoch: must be a whole number, not a JSON string"));
  CHECK(parse_error(edited(text, "\"epoch\": 2", "\"epoch\": 18446744073709551616")) ==
        invalid("epoch: must be a whole number, not a number with a fraction or exponent"));
  CHECK(parse_error(edited(text, "2026-11-27T00:00:00Z", "2026-11-27 00:00")) ==
        invalid("issued: '2026-11-27 00:00' is not a UTC time of the form 2026-11-27T00:00:00Z"));
  CHECK(parse_error(edited(text, "efter n\xc3\xb8glen fra maj", "to\\nlinjer")) ==
        invalid("note: must be one line without control characters"));
  CHECK(parse_error(edited(text, "efter n\xc3\xb8glen fra maj", std::string(401, 'x'))) ==
        invalid("note: is longer than 400 characters (401)"));
  CHECK(parse_error(edited(text, "efter n\xc3\xb8glen fra maj", std::string(400, 'x'))) == "ok");
  // Times a kiosk's clock and the writer both handle: from 1970 on.
  CHECK(parse_error(edited(text, "2026-11-27T00:00:00Z", "1969-12-31T23:59:59Z")) ==
        invalid("issued: -1 is outside 1970-01-01 to 9999-12-31"));
  CHECK(parse_error(edited(text, "2026-11-27T00:00:00Z", "9999-12-31T23:59:59Z")) == "ok");
}

TEST_CASE("serial and epoch run from 1 to 2^63-1", "[trusted_keys]") {
  const std::string text = kiosk::feed::to_json(two_key_document());
  const auto parse_error = [](const std::string& doc) { return error_of(kiosk::feed::parse_trusted_keys(doc)); };
  for (const auto& [field, value] : {std::pair<std::string, int>{"serial", 3}, {"epoch", 2}}) {
    INFO(field);
    const std::string field_text = "\"" + field + "\": " + std::to_string(value);
    CHECK(parse_error(edited(text, field_text, "\"" + field + "\": 0")) == invalid(field + ": must be at least 1"));
    CHECK(parse_error(edited(text, field_text, "\"" + field + "\": " + std::to_string(kTwoTo63))) ==
          invalid(field + ": 9223372036854775808 is larger than 9223372036854775807, the largest a kiosk stores"));
    CHECK(parse_error(edited(text, field_text, "\"" + field + "\": " + std::to_string(kTwoTo63 - 1))) == "ok");
    CHECK(parse_error(edited(text, field_text, "\"" + field + "\": 1")) == "ok");
  }
  // The writer's check says the same.
  TrustedKeys keys = two_key_document();
  keys.epoch = kTwoTo63;
  CHECK(error_of(kiosk::feed::check_trusted_keys(keys)) ==
        invalid("epoch: 9223372036854775808 is larger than 9223372036854775807, the largest a kiosk stores"));
}

TEST_CASE("feed_keys lists 1 to 4 distinct public key lines", "[trusted_keys]") {
  TrustedKeys keys = two_key_document();
  const auto check = [&] { return error_of(kiosk::feed::check_trusted_keys(keys)); };
  const auto parse_error = [](const std::string& doc) { return error_of(kiosk::feed::parse_trusted_keys(doc)); };
  REQUIRE(check() == "ok");
  while (keys.feed_keys.size() < 4) keys.feed_keys.push_back(ms::generate_key_pair().public_key);
  CHECK(check() == "ok");
  CHECK(parse_error(kiosk::feed::to_json(keys)) == "ok");
  keys.feed_keys.push_back(ms::generate_key_pair().public_key);
  CHECK(check() == invalid("feed_keys: has 5 keys, at most 4 allowed"));
  CHECK(parse_error(kiosk::feed::to_json(keys)) == invalid("feed_keys: has 5 keys, at most 4 allowed"));
  keys.feed_keys.clear();
  CHECK(check() == invalid("feed_keys: must list at least 1 key"));

  // Two keys with one key id: kiosks could not tell which signed.
  keys = two_key_document();
  keys.feed_keys[1].key_id = keys.feed_keys[0].key_id;
  CHECK(check() == invalid("feed_keys[1]: key id " + ms::key_id_hex(keys.feed_keys[0].key_id) + " is also feed_keys[0]'s"));

  keys = two_key_document();
  const std::string text = kiosk::feed::to_json(keys);
  const std::string line = ms::public_key_line(keys.feed_keys[1]);
  // A whole .pub file pasted in, and a broken key, name their place in the list.
  std::string pub_file = ms::format_public_key(keys.feed_keys[1]);
  pub_file = std::regex_replace(pub_file, std::regex("\n"), "\\n");
  CHECK(parse_error(edited(text, line, pub_file)) ==
        invalid("feed_keys[1]: must be the public key's base64 line alone (\"RW...\"), nothing around it"));
  CHECK(parse_error(edited(text, line, line.substr(0, 40))) ==
        invalid("feed_keys[1]: the public key decodes to 30 bytes, a minisign public key has 42"));
  CHECK(parse_error(edited(text, "\"" + line + "\"", "7")) == invalid("feed_keys[1]: must be a string, not a JSON number"));
  const std::string list = text.substr(text.find('['), text.find(']') - text.find('[') + 1);
  CHECK(parse_error(edited(text, list, "\"" + line + "\"")) ==
        invalid("feed_keys: must be an array, not a JSON string"));
}

TEST_CASE("a keys document larger than 64 KiB is refused before its signature is checked", "[trusted_keys]") {
  const auto root = ms::generate_key_pair();
  const std::string text = kiosk::feed::to_json(two_key_document());
  // Whitespace keeps it valid JSON: exactly at the limit it is read, one byte more it is not.
  const std::string at_limit = text + std::string(kiosk::feed::kMaxKeysDocumentBytes - text.size(), ' ');
  const std::string over = at_limit + " ";
  CHECK(error_of(kiosk::feed::verify_trusted_keys(at_limit, ms::sign(at_limit, root.secret_key, "keys"), {root.public_key})) ==
        "ok");
  const std::string too_large = "keys.json is 65537 bytes, larger than the limit of 65536";
  CHECK(error_of(kiosk::feed::verify_trusted_keys(over, ms::sign(over, root.secret_key, "keys"), {root.public_key})) == too_large);
  CHECK(error_of(kiosk::feed::verify_trusted_keys(over, "not a signature", {})) == too_large);
  CHECK(error_of(kiosk::feed::parse_trusted_keys(over)) == too_large);
}

TEST_CASE("a keys document signed by the stock minisign verifies, and ours verifies with it", "[trusted_keys][stock]") {
  const std::string minisign = "/usr/bin/minisign";
  REQUIRE(std::filesystem::exists(minisign));
  TempDir dir;
  REQUIRE(run_command(minisign + " -G -f -W -p " + dir.file("root.pub") + " -s " + dir.file("root.key") + " </dev/null").exit_code == 0);
  const auto root = ms::parse_public_key(read_file(dir.file("root.pub")));
  REQUIRE(root.ok());
  const TrustedKeys keys = two_key_document();
  write_file(dir.file("keys.json"), kiosk::feed::to_json(keys));

  for (const std::string legacy : {"", " -l"}) {
    INFO("minisign -S" << legacy);
    auto signed_by_stock = run_command(minisign + " -S" + legacy + " -s " + dir.file("root.key") + " -m " +
                                       dir.file("keys.json") + " -t 'keys serial 3' </dev/null");
    INFO(signed_by_stock.output);
    REQUIRE(signed_by_stock.exit_code == 0);
    const auto verified = kiosk::feed::verify_trusted_keys(read_file(dir.file("keys.json")),
                                                           read_file(dir.file("keys.json.minisig")), {*root});
    REQUIRE(error_of(verified) == "ok");
    CHECK(*verified == keys);
  }

  const auto ours = ms::generate_key_pair();
  write_file(dir.file("ours.pub"), ms::format_public_key(ours.public_key));
  write_file(dir.file("keys.json.minisig"), ms::sign(read_file(dir.file("keys.json")), ours.secret_key, "keys serial 3"));
  const auto stock_verify = run_command(minisign + " -V -p " + dir.file("ours.pub") + " -m " + dir.file("keys.json"));
  INFO(stock_verify.output);
  CHECK(stock_verify.exit_code == 0);
}
