// The toml++ reading shared by the config's table readers (config.cpp, power_config.cpp): typed
// lookups that report wrong types, unknown keys and strings holding a NUL with their position, and
// the one shape of every message. Private to the config library.
#pragma once

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "platform/result.h"

namespace kiosk::config::detail {

constexpr size_t kMaxQuotedChars = 64;  // how much of a bad value a message repeats

// ---- message text ----------------------------------------------------------------------------

inline std::string dotted(std::string_view table_name, std::string_view key) {
  std::string name(table_name);
  if (!name.empty()) name += '.';
  name += key;
  return name;
}

// `'screen.width'`: how every message names a key.
inline std::string key_label(std::string_view name) { return "'" + std::string(name) + "'"; }

// The one shape of a bad-value message: `'<name>' must be <rule>, not <actual>`.
inline std::string must_be(std::string_view name, std::string_view rule, std::string_view actual) {
  return key_label(name) + " must be " + std::string(rule) + ", not " + std::string(actual);
}

// "from 1 to 3600"
inline std::string range_text(int64_t min, int64_t max) {
  return "from " + std::to_string(min) + " to " + std::to_string(max);
}

inline bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

// A value from the file as a message may repeat it: on one line, and short.
inline std::string printable(std::string_view value) {
  std::string out = "\"";
  for (size_t i = 0; i < value.size() && i < kMaxQuotedChars; ++i) {
    out += is_control(value[i]) ? '?' : value[i];
  }
  if (value.size() > kMaxQuotedChars) out += "...";
  return out + "\"";
}

// `<path>:<line>:<column>: <message>`: where every message of the config stands.
inline std::string located(std::string_view path, size_t line, size_t column, std::string_view message) {
  return std::string(path) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         std::string(message);
}

// `\u000a`: a control character as it is written in TOML.
inline std::string escaped(char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(c);
  return std::string("\\u00") + kHex[byte >> 4] + kHex[byte & 0xf];
}

inline std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

inline std::string_view type_with_article(toml::node_type type) {
  switch (type) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

template <class T>
constexpr toml::node_type node_type_for() {
  if constexpr (std::is_same_v<T, std::string>) return toml::node_type::string;
  if constexpr (std::is_same_v<T, int64_t>) return toml::node_type::integer;
  if constexpr (std::is_same_v<T, bool>) return toml::node_type::boolean;
}

// ---- reading the parsed document -------------------------------------------------------------

// Whether an empty string is a valid value of a path key.
enum class Empty { kAllowed, kRefused };

// A value found under a known key: its dotted name and where the key stands in the file.
template <class T>
struct Found {
  T value;
  std::string name;
  toml::source_position at;
};

// Reads typed values out of the parsed document and collects every problem with its position.
// Accessors return nothing when the key is absent (the default applies) or has the wrong type
// (reported here); range checks are left to the caller, which knows the key's meaning.
class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  void report(toml::source_position at, std::string message) {
    problems_.push_back({at, std::move(message)});
  }

  // Reports each key of `table` that is not in `known`, with `hint` (such as "; the days are ...")
  // after the key's name.
  void reject_unknown(const toml::table& table, std::string_view table_name,
                      const std::vector<std::string_view>& known, std::string_view hint = {}) {
    for (auto&& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      const char* what = node.is_table() ? "unknown table " : "unknown key ";
      report(key.source().begin, what + key_label(dotted(table_name, key.str())) + std::string(hint));
    }
  }

  // The value of `key` in `table`, if present and of type T. A string holding a NUL is refused,
  // whatever its key (value_of).
  template <class T>
  std::optional<Found<T>> get(const toml::table* table, std::string_view table_name,
                              std::string_view key) {
    auto [node, name, at] = find(table, table_name, key);
    if (node == nullptr) return std::nullopt;
    return value_of<T>(*node, std::move(name), at);
  }

  // Element `index` of an array read with get_array(), named `<array>[<index>]`.
  template <class T>
  std::optional<Found<T>> get_element(const Found<const toml::array*>& array, size_t index) {
    const toml::node& node = (*array.value)[index];
    return value_of<T>(node, array.name + "[" + std::to_string(index) + "]", node.source().begin);
  }

  // A string naming a file, folder, device or URL. Besides a NUL it may hold no other control
  // character: no real path or URL has a newline or an escape, and one would garble the log line
  // that names the path.
  std::optional<Found<std::string>> get_path(const toml::table* table, std::string_view table_name,
                                             std::string_view key, Empty empty) {
    auto found = get<std::string>(table, table_name, key);
    if (!found) return std::nullopt;
    const std::string& path = found->value;
    if (const auto bad = std::find_if(path.begin(), path.end(), is_control); bad != path.end()) {
      report(found->at, key_label(found->name) + " must not contain a control character (" +
                            escaped(*bad) + ")");
      return std::nullopt;
    }
    if (path.empty() && empty == Empty::kRefused) {
      report(found->at, key_label(found->name) + " must not be empty");
      return std::nullopt;
    }
    return found;
  }

  // A sub-table such as [screen]; nothing if absent or not a table (reported).
  const toml::table* get_table(const toml::table& root, std::string_view key) {
    const auto [node, name, at] = find(&root, "", key);
    if (node == nullptr) return nullptr;
    if (const auto* table = node->as_table()) return table;
    report_type(at, name, toml::node_type::table, node->type());
    return nullptr;
  }

  std::optional<Found<const toml::array*>> get_array(const toml::table* table,
                                                     std::string_view table_name,
                                                     std::string_view key) {
    const auto [node, name, at] = find(table, table_name, key);
    if (node == nullptr) return std::nullopt;
    if (const auto* array = node->as_array()) return Found<const toml::array*>{array, name, at};
    report_type(at, name, toml::node_type::array, node->type());
    return std::nullopt;
  }

  void report_type(toml::source_position at, std::string_view name, toml::node_type wanted,
                   toml::node_type got) {
    report(at, must_be(name, type_with_article(wanted), type_with_article(got)));
  }

  bool ok() const { return problems_.empty(); }

  // One line per problem, in file order.
  Error error() {
    std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
      return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
    });
    std::string message;
    for (const auto& problem : problems_) {
      if (!message.empty()) message += '\n';
      message += located(path_, problem.at.line, problem.at.column, problem.message);
    }
    return make_error(std::move(message));
  }

 private:
  struct Problem {
    toml::source_position at;
    std::string message;
  };
  struct Entry {
    const toml::node* node = nullptr;
    std::string name;
    toml::source_position at;
  };

  // Every value read from the file passes through here, so no string key escapes the NUL check: the
  // C calls a setting reaches (fopen, sqlite3_open_v2, curl) would stop at a NUL, and
  // "/x\u0000y.db" would open "/x".
  template <class T>
  std::optional<Found<T>> value_of(const toml::node& node, std::string name,
                                   toml::source_position at) {
    auto value = node.value_exact<T>();
    if (!value) {
      report_type(at, name, node_type_for<T>(), node.type());
      return std::nullopt;
    }
    if constexpr (std::is_same_v<T, std::string>) {
      if (value->find('\0') != std::string::npos) {
        report(at, key_label(name) + " must not contain a NUL character (\\u0000)");
        return std::nullopt;
      }
    }
    return Found<T>{std::move(*value), std::move(name), at};
  }

  static Entry find(const toml::table* table, std::string_view table_name, std::string_view key) {
    if (table == nullptr) return {};
    const auto it = table->find(key);
    if (it == table->end()) return {};
    return {&it->second, dotted(table_name, key), it->first.source().begin};
  }

  const std::string& path_;
  std::vector<Problem> problems_;
};



// An integer key that must lie in [min, max].
inline std::optional<int64_t> get_in_range(Reader& reader, const toml::table* table,
                                    std::string_view table_name, std::string_view key, int64_t min,
                                    int64_t max) {
  const auto found = reader.get<int64_t>(table, table_name, key);
  if (!found) return std::nullopt;
  if (found->value < min || found->value > max) {
    reader.report(found->at,
                  must_be(found->name, range_text(min, max), std::to_string(found->value)));
    return std::nullopt;
  }
  return found->value;
}

}  // namespace kiosk::config::detail

namespace kiosk::power {
class WeekSchedule;
}

namespace kiosk::config {
struct Config;
namespace detail {
// [power]: power_config.cpp.
void read_power(Reader& reader, const toml::table* power, Config& config);

// The day keys [power] and [[slides.show]] share (week_config.cpp), from the widest to the
// narrowest: every_day, weekdays, weekend, monday ... sunday.
std::vector<std::string_view> day_keys();

// Reads the day keys of `table` (`table_name` in messages) into `week`: every_day first, then
// weekdays and weekend, then each named day, whatever their order in the file. Each value is read
// by power::parse_day; a bad one is reported with its key and line and changes no day. Returns
// whether every day key present was read.
bool read_week(Reader& reader, const toml::table* table, std::string_view table_name, power::WeekSchedule& week);
}  // namespace detail
}  // namespace kiosk::config
