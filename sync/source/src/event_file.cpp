// One event file (text_file.h): its headings, then its text, all paragraphs.
//
//   title: Beboermøde
//   when: 2026-12-03 19:00
//   until: 2026-12-03 21:00
//   place: Beboerhuset
//
//   Vi taler om den nye legeplads.
#include "text_file.h"

namespace kiosk::source::detail {
namespace {

constexpr std::string_view kHeadings[] = {"title", "when", "until", "place", "areas"};
constexpr std::pair<std::string_view, std::string_view> kFields[] = {
    {"title", "title"}, {"when", "starts"}, {"until", "ends"}, {"place", "place"}, {"areas", "areas"}};

// The end of the local day `unix` falls on: when an event without an end stops being listed.
std::int64_t end_of_day(std::int64_t unix) {
  LocalTime day = to_local(unix);
  day.hour = 24;
  day.minute = 0;
  const auto end = to_unix(day);
  return end ? *end : unix;
}

}  // namespace

void read_event_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known,
                     std::optional<std::int64_t> now) {
  const std::string name = std::string(kEventsDir) + "/" + file.filename().string();
  auto text = read_text(file);
  if (!text) return problems.add(text.error().message);
  Parts parts = split_parts(problems, name, *text, kHeadings);
  auto& h = parts.h;
  model::Event e;
  e.id = file.stem().string();
  if (!model::is_valid_id(e.id)) {
    problems.add(name, 0, "the file's name " + in_quotes(e.id) + " is the event's id: it must be 1 to 64 of a-z, 0-9 and '-'");
  }
  out.event_files[e.id] = name;
  if (!h.count("title") || h["title"].value.empty()) {
    problems.add(name, h.count("title") ? h["title"].line : 1, "'title:' is missing; write what happens, e.g. title: Beboermøde");
  }
  e.title = h["title"].value;
  std::optional<std::int64_t> starts;
  if (!h.count("when") || h["when"].value.empty()) {
    problems.add(name, h.count("when") ? h["when"].line : 1, "'when:' is missing; write when it starts, e.g. when: 2026-12-03 19:00");
  } else if (h["when"].value.size() == 10) {
    problems.add(name, h["when"].line, "when: " + in_quotes(h["when"].value) + " has no time of day; write when it starts, e.g. " +
                                           h["when"].value + " 19:00");
  } else {
    starts = read_time(problems, name, "when", h["when"], DateAlone::kStartOfDay);
  }
  e.starts = starts.value_or(0);
  if (h.count("until")) {
    e.ends = read_time(problems, name, "until", h["until"], DateAlone::kEndOfDay);
    if (e.ends && starts && *e.ends <= *starts) {
      problems.add(name, h["until"].line, "until: " + in_quotes(h["until"].value) + " is not after when: " + in_quotes(h["when"].value));
    }
  }
  e.place = h["place"].value;
  if (h.count("areas") && areas_known) e.area_ids = read_areas(problems, name, h["areas"], out.content);
  e.text = paragraphs_from(parts, 0);
  if (now && starts) {
    const std::int64_t over = e.ends.value_or(end_of_day(*starts));
    if (over <= *now) return problems.warn(name, 0, "ended at " + format_local(over) + "; it is left out of the feed: delete the file");
  }
  record_places(out.places, "content.events[" + std::to_string(out.content.events.size()) + "]", name, parts, kFields, "text");
  out.content.events.push_back(std::move(e));
}

}  // namespace kiosk::source::detail
