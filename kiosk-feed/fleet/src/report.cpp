// Reading a report: nlohmann-json's tree walked with the path of each field, so that a wrong type is
// named where it is ("sync.content_version is not a whole number") rather than as the library's
// "type must be number".
#include "fleet/report.h"

#include <nlohmann/json.hpp>

#include "feed/feed_json.h"

namespace kiosk::fleet {
namespace {

using Json = nlohmann::json;

// A field of the wrong type, named by its path; caught once in parse_report().
struct BadField {
  std::string message;
};

// One JSON object of the report and its path; missing fields and nulls read as "none".
class Fields {
 public:
  Fields(const Json& object, std::string path) : object_(object), path_(std::move(path)) {}

  const Json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string path_of(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  std::string text(const char* key) const {
    const Json* v = find(key);
    if (!v) return "";
    if (!v->is_string()) throw BadField{path_of(key) + " is not a text"};
    return v->get<std::string>();
  }
  bool flag(const char* key, bool otherwise) const {
    const Json* v = find(key);
    if (!v) return otherwise;
    if (!v->is_boolean()) throw BadField{path_of(key) + " is not true or false"};
    return v->get<bool>();
  }
  std::optional<std::uint64_t> count(const char* key) const {
    const Json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number_unsigned()) throw BadField{path_of(key) + " is not a whole number"};
    return v->get<std::uint64_t>();
  }
  // "" or missing: never.
  std::optional<std::int64_t> time(const char* key) const {
    const std::string t = text(key);
    if (t.empty()) return std::nullopt;
    auto unix = feed::parse_timestamp(t);
    if (!unix) throw BadField{path_of(key) + " is not a time written YYYY-MM-DDTHH:MM:SSZ"};
    return *unix;
  }
  // The object at `key`, or none.
  std::optional<Fields> object(const char* key) const {
    const Json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_object()) throw BadField{path_of(key) + " is not an object"};
    return Fields(*v, path_of(key));
  }
  // Each object of the array at `key`.
  std::vector<Fields> objects(const char* key) const {
    const Json* v = find(key);
    std::vector<Fields> items;
    if (!v) return items;
    if (!v->is_array()) throw BadField{path_of(key) + " is not a list"};
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string path = path_of(key) + "[" + std::to_string(i) + "]";
      if (!(*v)[i].is_object()) throw BadField{path + " is not an object"};
      items.emplace_back((*v)[i], path);
    }
    return items;
  }
  const Json& json() const { return object_; }
  const std::string& path() const { return path_; }

 private:
  const Json& object_;
  std::string path_;
};

DayCounts read_day(const Fields& f) {
  DayCounts day{.date = f.text("date"),
                .slides_shown = static_cast<std::int64_t>(f.count("slides_shown").value_or(0)),
                .touch_sessions = static_cast<std::int64_t>(f.count("touch_sessions").value_or(0)),
                .results_opened = static_cast<std::int64_t>(f.count("results_opened").value_or(0)),
                .languages_chosen = {}};
  if (const auto chosen = f.object("languages_chosen")) {
    for (const auto& [code, value] : chosen->json().items()) {
      day.languages_chosen[code] = static_cast<std::int64_t>(chosen->count(code.c_str()).value_or(0));
    }
  }
  return day;
}

DisplayState read_display(const Fields& f) {
  DisplayState d;
  d.written = f.time("written");
  if (const auto content = f.object("content")) {
    d.content_version = content->count("version").value_or(0);
    d.built_in = content->flag("built_in", false);
    d.stale = content->flag("stale", false);
    d.stale_reason = content->text("stale_reason");
  }
  if (const auto screen = f.object("screen")) {
    d.screen_on = screen->flag("on", true);
    d.screen_why = screen->text("why");
  }
  if (const auto check = f.object("render_check")) {
    d.render_ok = check->flag("ok", true);
    d.render_problem = check->text("problem");
  }
  for (const auto& e : f.objects("errors")) d.errors.push_back({.at = e.time("at"), .message = e.text("message")});
  for (const auto& day : f.objects("days")) d.days.push_back(read_day(day));
  return d;
}

}  // namespace

Result<Report> parse_report(std::string_view json_text) {
  const Json json = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return make_error(json_text.empty() ? "the report is empty" : "not JSON: damaged or cut short (" +
                                                                      std::to_string(json_text.size()) + " bytes)");
  }
  if (!json.is_object()) return make_error("not a report: the JSON is not an object");
  try {
    const Fields top(json, "");
    Report report;
    const auto format = top.count("format");
    if (!format) return make_error("not a report: it has no \"format\"");
    if (*format != kReportFormat) {
      return make_error("format " + std::to_string(*format) + ", where this kiosk-feed reads format " + std::to_string(kReportFormat) +
                        " (a newer kiosk? update kiosk-feed)");
    }
    report.kiosk = top.text("kiosk");
    report.area = top.text("area");
    report.sent = top.time("sent");
    if (const auto sync = top.object("sync")) {
      report.sync = {.checked = sync->time("checked"),
                     .outcome = sync->text("outcome"),
                     .last_success = sync->time("last_success"),
                     .last_error = sync->text("last_error"),
                     .content_version = sync->count("content_version")};
    }
    if (const auto display = top.object("display")) report.display = read_display(*display);
    return report;
  } catch (const BadField& bad) {
    return make_error(bad.message);
  }
}

}  // namespace kiosk::fleet
