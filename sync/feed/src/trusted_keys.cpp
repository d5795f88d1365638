// keys.json is flat and small, so it is read field by field here rather than with the manifest's
// nested cursor; the rules live in check_trusted_keys(), which the writer (kiosk-feed trust) runs too.
#include "feed/trusted_keys.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "feed/feed_json.h"
#include "json_parse.h"
#include "model/validate.h"

namespace kiosk::feed {
namespace {

using nlohmann::json;

constexpr std::string_view kDocument = "keys.json";
// The range parse_timestamp() reads back: 1970-01-01 to 9999-12-31T23:59:59Z.
constexpr std::int64_t kLastIssued = 253402300799;

Error too_large(std::size_t bytes) {
  return make_error(std::string(kDocument) + " is " + std::to_string(bytes) + " bytes, larger than the limit of " +
                    std::to_string(kMaxKeysDocumentBytes));
}

Error invalid(const std::vector<std::string>& problems) {
  std::string message = std::string(kDocument) + " is invalid:";
  for (const auto& p : problems) message += "\n  " + p;
  return make_error(message);
}

std::string kind_of(const json& value) {
  if (value.is_number_float()) return "a number with a fraction or exponent";
  return std::string("a JSON ") + value.type_name();
}

enum class Need { kRequired, kOptional };

// The top-level object, read one field at a time; fields never asked for are reported as unknown.
class Fields {
 public:
  Fields(const json& object, std::vector<std::string>& problems) : object_(object), problems_(problems) {}

  const json* find(const std::string& key, Need need) {
    asked_.insert(key);
    const auto it = object_.find(key);
    if (it != object_.end()) return &*it;
    if (need == Need::kRequired) problems_.push_back(key + ": is missing");
    return nullptr;
  }

  // Any non-negative integer that fits 64 bits; check_trusted_keys() applies the range.
  std::uint64_t whole_number(const std::string& key) {
    const json* value = find(key, Need::kRequired);
    if (!value) return 0;
    if (value->is_number_unsigned()) return value->get<std::uint64_t>();
    if (value->is_number_integer()) {
      problems_.push_back(key + ": " + std::to_string(value->get<std::int64_t>()) + " is negative");
    } else {
      problems_.push_back(key + ": must be a whole number, not " + kind_of(*value));
    }
    return 0;
  }

  std::string string(const std::string& key, Need need) {
    const json* value = find(key, need);
    if (!value) return {};
    if (value->is_string()) return value->get<std::string>();
    problems_.push_back(key + ": must be a string, not " + kind_of(*value));
    return {};
  }

  std::int64_t timestamp(const std::string& key) {
    const json* value = find(key, Need::kRequired);
    if (!value) return 0;
    if (!value->is_string()) {
      problems_.push_back(key + ": must be a string, not " + kind_of(*value));
      return 0;
    }
    auto seconds = parse_timestamp(value->get_ref<const std::string&>());
    if (!seconds) {
      problems_.push_back(key + ": " + seconds.error().message);
      return 0;
    }
    return *seconds;
  }

  void report_unknown() {
    for (const auto& [key, value] : object_.items()) {
      if (!asked_.count(key)) problems_.push_back(key + ": is not a field of keys.json (format 1)");
    }
  }

 private:
  const json& object_;
  std::vector<std::string>& problems_;
  std::set<std::string> asked_;
};

// Each item must be the base64 line alone, exactly as public_key_line() writes it, so that a
// document reads back byte for byte and a whole .pub file pasted in by mistake is caught.
std::vector<minisign::PublicKey> read_feed_keys(Fields& fields, std::vector<std::string>& problems) {
  std::vector<minisign::PublicKey> keys;
  const json* list = fields.find("feed_keys", Need::kRequired);
  if (!list) return keys;
  if (!list->is_array()) {
    problems.push_back("feed_keys: must be an array, not " + kind_of(*list));
    return keys;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string where = "feed_keys[" + std::to_string(i) + "]: ";
    const json& item = (*list)[i];
    if (!item.is_string()) {
      problems.push_back(where + "must be a string, not " + kind_of(item));
      continue;
    }
    const auto& line = item.get_ref<const std::string&>();
    auto key = minisign::parse_public_key(line);
    if (!key) {
      problems.push_back(where + key.error().message);
    } else if (minisign::public_key_line(*key) != line) {
      problems.push_back(where + "must be the public key's base64 line alone (\"RW...\"), nothing around it");
    } else {
      keys.push_back(*key);
    }
  }
  return keys;
}

void check_counter(const char* name, std::uint64_t value, std::vector<std::string>& problems) {
  if (value == 0) problems.push_back(std::string(name) + ": must be at least 1");
  if (value > kMaxKeysCounter) {
    problems.push_back(std::string(name) + ": " + std::to_string(value) + " is larger than " +
                       std::to_string(kMaxKeysCounter) + ", the largest a kiosk stores");
  }
}

}  // namespace

Status check_trusted_keys(const TrustedKeys& keys) {
  std::vector<std::string> problems;
  check_counter("serial", keys.serial, problems);
  check_counter("epoch", keys.epoch, problems);
  if (keys.issued < 0 || keys.issued > kLastIssued) {
    problems.push_back("issued: " + std::to_string(keys.issued) + " is outside 1970-01-01 to 9999-12-31");
  }
  if (keys.feed_keys.empty()) problems.push_back("feed_keys: must list at least 1 key");
  if (keys.feed_keys.size() > kMaxFeedKeys) {
    problems.push_back("feed_keys: has " + std::to_string(keys.feed_keys.size()) + " keys, at most " +
                       std::to_string(kMaxFeedKeys) + " allowed");
  }
  for (std::size_t i = 0; i < keys.feed_keys.size(); ++i) {
    for (std::size_t earlier = 0; earlier < i; ++earlier) {
      if (keys.feed_keys[i].key_id == keys.feed_keys[earlier].key_id) {
        problems.push_back("feed_keys[" + std::to_string(i) + "]: key id " +
                           minisign::key_id_hex(keys.feed_keys[i].key_id) + " is also feed_keys[" +
                           std::to_string(earlier) + "]'s");
        break;
      }
    }
  }
  if (!model::is_valid_utf8(keys.note)) {
    problems.push_back("note: is not valid UTF-8");
  } else {
    if (model::utf8_length(keys.note) > kMaxKeysNoteChars) {
      problems.push_back("note: is longer than " + std::to_string(kMaxKeysNoteChars) + " characters (" +
                         std::to_string(model::utf8_length(keys.note)) + ")");
    }
    const auto control = [](unsigned char c) { return c < 0x20 || c == 0x7f; };
    if (std::any_of(keys.note.begin(), keys.note.end(), control)) {
      problems.push_back("note: must be one line without control characters");
    }
  }
  if (!problems.empty()) return invalid(problems);
  return Status::success();
}

Result<TrustedKeys> parse_trusted_keys(std::string_view text) {
  if (text.size() > kMaxKeysDocumentBytes) return too_large(text.size());
  auto parsed = detail::parse_json(text, std::string(kDocument));
  if (!parsed) return parsed.error();
  const json& root = *parsed;
  if (!root.is_object()) return invalid({"(top level): must be an object, not " + kind_of(root)});

  std::vector<std::string> problems;
  Fields fields(root, problems);
  const std::uint64_t format = fields.whole_number("format");
  if (problems.empty() && format != kKeysDocumentFormat) {
    // Nothing else of an unknown format can be read meaningfully.
    return make_error(std::string(kDocument) + " format " + std::to_string(format) +
                      " is not supported; this program reads format " + std::to_string(kKeysDocumentFormat));
  }
  TrustedKeys keys;
  keys.serial = fields.whole_number("serial");
  keys.epoch = fields.whole_number("epoch");
  keys.issued = fields.timestamp("issued");
  keys.feed_keys = read_feed_keys(fields, problems);
  keys.note = fields.string("note", Need::kOptional);
  fields.report_unknown();
  if (!problems.empty()) return invalid(problems);
  if (auto status = check_trusted_keys(keys); !status) return status.error();
  return keys;
}

Result<TrustedKeys> verify_trusted_keys(std::string_view json_text, std::string_view minisig,
                                        const std::vector<minisign::PublicKey>& root_keys) {
  if (json_text.size() > kMaxKeysDocumentBytes) return too_large(json_text.size());
  if (auto verified = minisign::verify(json_text, minisig, root_keys); !verified) {
    return make_error(std::string(kDocument) + ".minisig: " + verified.error().message);
  }
  return parse_trusted_keys(json_text);
}

std::string to_json(const TrustedKeys& keys) {
  // Ordered as docs/keys.md shows it, for a person reading the published file.
  nlohmann::ordered_json j = {{"format", kKeysDocumentFormat},
                              {"serial", keys.serial},
                              {"epoch", keys.epoch},
                              {"issued", format_timestamp(keys.issued)}};
  auto& lines = j["feed_keys"] = nlohmann::ordered_json::array();
  for (const auto& key : keys.feed_keys) lines.push_back(minisign::public_key_line(key));
  if (!keys.note.empty()) j["note"] = keys.note;
  return j.dump(2) + "\n";
}

}  // namespace kiosk::feed
