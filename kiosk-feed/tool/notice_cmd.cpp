// kiosk-feed notice and notices. The notice is written as notices/<id>.txt, the file staff could
// have written by hand, and then read back by the source folder's own reader: what the reader
// refuses is taken out again, so the folder is never left with a notice the build would refuse.
#include "notice_cmd.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "platform/clock.h"
#include "publish/when.h"
#include "source/local_time.h"
#include "source/source_folder.h"

namespace kiosk::feedtool {
namespace {

namespace fs = std::filesystem;

int failed(const char* command, const std::string& message) {
  std::fprintf(stderr, "kiosk-feed %s: %s\n", command, message.c_str());
  return kFailed;
}

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(SystemClock().wall().time_since_epoch()).count();
}

// The id a title gives, as a file's name: "Varmen er afbrudt i blok 3" -> "varmen-er-afbrudt-i-blok-3".
std::string id_from_title(const std::string& title) {
  static constexpr std::pair<std::string_view, std::string_view> kLetters[] = {
      {"æ", "ae"}, {"ø", "oe"}, {"å", "aa"}, {"Æ", "ae"}, {"Ø", "oe"}, {"Å", "aa"}, {"é", "e"}, {"ü", "u"}, {"ö", "o"}, {"ä", "a"}};
  std::string id;
  for (std::size_t i = 0; i < title.size();) {
    const auto letter = std::find_if(std::begin(kLetters), std::end(kLetters),
                                     [&](const auto& l) { return title.compare(i, l.first.size(), l.first) == 0; });
    std::string part;
    if (letter != std::end(kLetters)) {
      part = letter->second;
      i += letter->first.size();
    } else {
      const char c = title[i++];
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) part = c;
      else if (c >= 'A' && c <= 'Z') part = static_cast<char>(c - 'A' + 'a');
      else part = "-";
      while (i < title.size() && (static_cast<unsigned char>(title[i]) & 0xC0) == 0x80) ++i;  // the rest of a letter not known
    }
    if (part == "-" && (id.empty() || id.back() == '-')) continue;
    id += part;
  }
  id = id.substr(0, 56);  // room for "-99" within the 64 an id may have
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "besked" : id;
}

// "a", "a og b", "a, b og c"
std::string danish_list(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i == 0 ? "" : i + 1 == items.size() ? " og " : ", ") + items[i];
  return text;
}

// The area ids of --areas ("vollsmose, gellerup"), each once; the reader checks them against content.toml.
std::vector<std::string> areas_of(const std::string& given) {
  std::vector<std::string> ids;
  std::size_t from = 0;
  while (from <= given.size()) {
    const std::size_t to = std::min(given.find(',', from), given.size());
    std::string id = given.substr(from, to - from);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    from = to + 1;
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

// "vollsmose, gellerup": as the file's areas line has them.
std::string areas_line_value(const std::vector<std::string>& area_ids) {
  std::string list;
  for (const auto& id : area_ids) list += (list.empty() ? "" : ", ") + id;
  return list;
}

// Where the notice is shown, in Danish: "på alle skærme", "på skærmene i Vollsmose og Gellerup".
std::string where(const std::vector<std::string>& area_ids, const model::Content& content) {
  if (area_ids.empty()) return "på alle skærme";
  std::vector<std::string> names;
  for (const auto& id : area_ids) {
    const auto a = std::find_if(content.areas.begin(), content.areas.end(), [&](const model::Area& x) { return x.id == id; });
    names.push_back(a == content.areas.end() ? id : a->name);
  }
  return "på skærmene i " + danish_list(names);
}

// The file's text, as notice_file.cpp reads it.
std::string notice_text(const std::string& title, model::NoticeLevel level, std::optional<std::int64_t> from,
                        std::optional<std::int64_t> until, const std::vector<std::string>& area_ids, const std::string& text) {
  std::string t = "title: " + title + "\nlevel: " + (level == model::NoticeLevel::kUrgent ? "urgent" : "info") + "\n";
  if (from) t += "from: " + source::format_local(*from) + "\n";
  if (until) t += "until: " + source::format_local(*until) + "\n";
  if (!area_ids.empty()) t += "areas: " + areas_line_value(area_ids) + "\n";
  return text.empty() ? t : t + "\n" + text + "\n";
}

// A time given with `option` ("--until"), read in the source's zone; warnings said on stderr.
Result<publish::When> when_of(const std::string& option, const std::string& text, std::int64_t now, publish::WhenFor use) {
  auto when = publish::read_when(text, now, use);
  if (!when) return make_error(option + ": " + when.error().message);
  return when;
}

}  // namespace

int notice(const Args& args) {
  const std::string& src = args.positional[0];
  std::string title = args.positional[1];
  auto folder = source::read_source(src);
  if (!folder) return failed("notice", src + " has problems to mend first:\n" + folder.error().message);
  const source::ZoneScope zone(folder->time_zone);
  const std::int64_t now = now_unix();
  if (title.find_first_of("\r\n") != std::string::npos) return failed("notice", "the title must be one line");
  if (title.empty()) return failed("notice", "the title is empty; write the notice's headline, e.g. \"Varmen er afbrudt i blok 3\"");
  if (model::utf8_length(title) > model::Limits::kNoticeTitleChars) {
    return failed("notice", "the title has " + std::to_string(model::utf8_length(title)) + " characters; a notice's title may have at most " +
                                std::to_string(model::Limits::kNoticeTitleChars) + " (put the rest in --text)");
  }
  const std::string text = args.option("--text").value_or("");
  if (model::utf8_length(text) > model::Limits::kNoticeTextChars) {
    return failed("notice", "--text has " + std::to_string(model::utf8_length(text)) + " characters; at most " +
                                std::to_string(model::Limits::kNoticeTextChars));
  }
  std::optional<publish::When> from, until;
  if (const auto given = args.option("--from")) {
    auto when = when_of("--from", *given, now, publish::WhenFor::kFrom);
    if (!when) return failed("notice", when.error().message);
    from = *when;
  }
  if (const auto given = args.option("--until")) {
    auto when = when_of("--until", *given, now, publish::WhenFor::kUntil);
    if (!when) return failed("notice", when.error().message);
    until = *when;
  }
  // Without --until it ends default_days after it starts, as the file without 'until:' would.
  const std::int64_t ends = until ? until->unix : (from ? from->unix : now - now % 60) + folder->notice_days * 86400LL;
  if (from && ends <= from->unix) {
    return failed("notice", "--until, " + publish::describe_when(ends) + ", is not after --from, " + publish::describe_when(from->unix));
  }
  const std::vector<std::string> area_ids = areas_of(args.option("--areas").value_or(""));
  const auto level = args.flag("--urgent") ? model::NoticeLevel::kUrgent : model::NoticeLevel::kInfo;

  // A new file, never one that is there: a number after the id when it is taken.
  const fs::path dir = fs::path(src) / source::kNoticesDir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return failed("notice", "cannot create " + dir.string() + ": " + ec.message());
  const std::string base = id_from_title(title);
  std::string id = base;
  FILE* file = nullptr;
  for (int n = 2; n < 100 && !file; ++n) {
    file = folder->notice_files.count(id) ? nullptr : std::fopen((dir / (id + ".txt")).c_str(), "wx");
    if (!file) id = base + "-" + std::to_string(n);
  }
  if (!file) return failed("notice", "cannot write a new file for \"" + base + "\" in " + dir.string());
  const std::string written = notice_text(title, level, from ? std::optional(from->unix) : std::nullopt, ends, area_ids, text);
  const bool ok = std::fwrite(written.data(), 1, written.size(), file) == written.size();
  const fs::path path = dir / (id + ".txt");
  if (std::fclose(file) != 0 || !ok) {
    fs::remove(path, ec);
    return failed("notice", "cannot write " + path.string());
  }
  // The reader has the last word: what it refuses is not left in the folder.
  if (auto check = source::read_source(src); !check) {
    fs::remove(path, ec);
    return failed("notice", "the notice was not kept, since:\n" + check.error().message);
  }

  const std::string shown_from = from ? publish::describe_when(from->unix) : "nu, når den er udgivet,";
  std::printf("Beskeden vises fra %s til %s %s, %s.\n", shown_from.c_str(), publish::describe_when(ends).c_str(),
              where(area_ids, folder->content).c_str(),
              level == model::NoticeLevel::kUrgent ? "som hel skærm før hvert dias (urgent)" : "som et bånd på hvert dias (info)");
  for (const auto& [what, when] : {std::pair{"Starttiden", from}, std::pair{"Sluttiden", until}}) {
    if (when && when->twice) {
      int offset = 0;
      source::to_local(when->unix, &offset);
      std::printf("%s findes to gange den nat, fordi uret stilles tilbage; det er den første (UTC%s).\n", what,
                  source::format_offset(offset).c_str());
    }
  }
  if (ends <= now) {
    std::fprintf(stderr, "kiosk-feed notice: warning: the end, %s, has passed; the notice will not be shown. Give a later --until.\n",
                 publish::describe_when(ends).c_str());
  } else if (from && from->unix < now - 60) {
    std::fprintf(stderr, "kiosk-feed notice: warning: the start, %s, has passed; it is shown from when it is published.\n",
                 publish::describe_when(from->unix).c_str());
  }
  std::printf("Skrevet i %s. Næste skridt: kiosk-feed publish %s (skærmene viser den senest 15 minutter efter).\n",
              path.string().c_str(), src.c_str());
  if (!stdout_is_tty()) {
    std::printf("id=%s\nfile=%s\nlevel=%s\nfrom=%s\nuntil=%s\nareas=%s\n", id.c_str(), path.string().c_str(),
                level == model::NoticeLevel::kUrgent ? "urgent" : "info", from ? feed::format_timestamp(from->unix).c_str() : "",
                feed::format_timestamp(ends).c_str(), areas_line_value(area_ids).c_str());
  }
  return kOk;
}

int notices(const Args& args) {
  const std::string& src = args.positional[0];
  auto folder = source::read_source(src);
  if (!folder) return failed("notices", src + " has problems to mend first:\n" + folder.error().message);
  if (const auto id = args.option("--remove")) {
    const auto file = folder->notice_files.find(*id);
    if (file == folder->notice_files.end()) {
      std::string known;
      for (const auto& [other, name] : folder->notice_files) known += (known.empty() ? "" : ", ") + other;
      return failed("notices", "no notice \"" + *id + "\" in " + src + "; the notices are " + (known.empty() ? "none" : known));
    }
    std::error_code ec;
    std::vector<std::string> removed;
    for (const auto& entry : fs::directory_iterator(fs::path(src) / source::kNoticesDir, ec)) {
      const std::string name = entry.path().filename().string();
      if (name == *id + ".txt" || (name.rfind(*id + ".", 0) == 0 && entry.path().stem().extension().string().size() == 3)) {
        if (fs::remove(entry.path(), ec)) removed.push_back(std::string(source::kNoticesDir) + "/" + name);
      }
    }
    std::sort(removed.begin(), removed.end());
    std::printf("Fjernet: %s. Næste skridt: kiosk-feed publish %s (så forsvinder den fra skærmene inden for 15 minutter).\n",
                danish_list(removed).c_str(), src.c_str());
    return kOk;
  }
  const source::ZoneScope zone(folder->time_zone);
  const std::int64_t now = now_unix();
  if (folder->content.notices.empty()) std::printf("Ingen beskeder i %s.\n", src.c_str());
  for (const auto& n : folder->content.notices) {
    const char* state = n.show_until <= now ? "sluttet" : n.show_from && *n.show_from > now ? "kommer" : "vises";
    std::printf("%s [%s%s] %s\n  fra %s til %s %s\n", n.id.c_str(), state, n.level == model::NoticeLevel::kUrgent ? ", urgent" : "",
                n.title.c_str(), n.show_from ? publish::describe_when(*n.show_from).c_str() : "udgivelsen",
                publish::describe_when(n.show_until).c_str(), where(n.area_ids, folder->content).c_str());
  }
  return kOk;
}

}  // namespace kiosk::feedtool
