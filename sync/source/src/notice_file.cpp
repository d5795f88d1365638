// One notice file (text_file.h): its headings, then its text, all paragraphs.
//
//   title: Varmen er afbrudt i blok 3
//   level: urgent
//   from: 2026-12-01 09:00
//   until: 2026-12-01 15:00
//   areas: vollsmose
//
//   VVS-firmaet skifter rør i kælderen.
#include "text_file.h"

namespace kiosk::source::detail {
namespace {

constexpr std::string_view kHeadings[] = {"title", "level", "from", "until", "areas", "picture"};
constexpr std::pair<std::string_view, std::string_view> kFields[] = {
    {"title", "title"}, {"level", "level"}, {"from", "show_from"}, {"until", "show_until"}, {"areas", "areas"}, {"picture", "image"}};

bool read_level(std::string_view word, model::NoticeLevel& out) {
  if (word == "info") out = model::NoticeLevel::kInfo;
  else if (word == "urgent") out = model::NoticeLevel::kUrgent;
  else return false;
  return true;
}

}  // namespace

void read_notice_file(Problems& problems, const std::filesystem::path& file, SourceFolder& out, bool areas_known,
                      std::optional<std::int64_t> now) {
  const std::string name = std::string(kNoticesDir) + "/" + file.filename().string();
  auto text = read_text(file);
  if (!text) return problems.add(text.error().message);
  Parts parts = split_parts(problems, name, *text, kHeadings);
  auto& h = parts.h;
  model::Notice n;
  n.id = file.stem().string();
  if (!model::is_valid_id(n.id)) {
    problems.add(name, 0, "the file's name " + in_quotes(n.id) + " is the notice's id: it must be 1 to 64 of a-z, 0-9 and '-'");
  }
  out.notice_files[n.id] = name;
  if (!h.count("title") || h["title"].value.empty()) {
    problems.add(name, h.count("title") ? h["title"].line : 1, "'title:' is missing; write the notice's headline, e.g. title: Varmen er afbrudt i blok 3");
  }
  n.title = h["title"].value;
  if (h.count("level") && !read_level(h["level"].value, n.level)) {
    problems.add(name, h["level"].line, "level: must be info (a band on every slide) or urgent (a screen of its own), not " +
                                            in_quotes(h["level"].value));
  }
  if (h.count("from")) n.show_from = read_time(problems, name, "from", h["from"], DateAlone::kStartOfDay);
  std::optional<std::int64_t> until;
  if (h.count("until")) {
    until = read_time(problems, name, "until", h["until"], DateAlone::kEndOfDay);
  } else if (!h.count("from")) {
    problems.add(name, 1, "has neither 'from:' nor 'until:'; write when it ends, e.g. until: 2026-12-01 15:00 (it shows from "
                          "when it is published), or when it starts, from: 2026-12-01 09:00 (it ends " +
                              std::to_string(out.notice_days) + " days later, [notices] default_days in content.toml)");
  } else if (n.show_from) {
    until = *n.show_from + static_cast<std::int64_t>(out.notice_days) * 86400;
  }
  if (until && n.show_from && *until <= *n.show_from) {
    problems.add(name, h["until"].line, "until: " + in_quotes(h["until"].value) + " is not after from: " + in_quotes(h["from"].value));
  }
  n.show_until = until.value_or(0);
  if (h.count("areas") && areas_known) n.area_ids = read_areas(problems, name, h["areas"], out.content);
  if (h.count("picture") && !h["picture"].value.empty()) {
    auto picture = find_picture(file, h["picture"].value);
    if (!picture) {
      problems.add(name, h["picture"].line, "picture: " + picture.error().message);
    } else {
      out.notice_pictures[n.id] = *picture;
    }
  }
  n.text = paragraphs_from(parts, 0);
  // An ended notice would only weigh on every kiosk, which would never show it again.
  if (now && until && *until <= *now) {
    return problems.warn(name, 0, "ended at " + format_local(*until) + "; it is left out of the feed: delete the file");
  }
  record_places(out.places, "content.notices[" + std::to_string(out.content.notices.size()) + "]", name, parts, kFields, "text");
  out.content.notices.push_back(std::move(n));
}

}  // namespace kiosk::source::detail
