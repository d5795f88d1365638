// Every fixed word the slides and touch views draw goes through the screen's language: drawn in each
// language, no text holds a Danish word its catalogue translates (a word left out of tr() shows up
// here as Danish on an English screen). And a language whose catalogue lacks the words draws them in
// Danish, as the Danish screen does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "content_gen.h"
#include "i18n/language.h"
#include "render/canvas.h"
#include "render_support.h"
#include "slides/notice_slide.h"
#include "slides/slide_kinds.h"
#include "slides/touch_views.h"

using namespace kiosk;

namespace {

constexpr int kWidth = 1920, kHeight = 1080;
constexpr const char* kOwnArea = "vollsmose";

// The default content with every text of its own replaced by a neutral word, so what is left in
// Danish on a screen can only be the program's: place names stay (they are never translated).
model::Feed neutral_feed() {
  model::Feed feed = testing::default_feed();
  auto& c = feed.content;
  for (auto& r : c.results) {
    r.title = r.summary = r.body = r.publisher = "Xyz";
    if (r.series) {
      r.series->title = r.series->unit = "Xyz";
      for (auto& p : r.series->points) p.label = "Xyz";
    }
  }
  for (auto& m : c.milestones) m.title = "Xyz";
  for (auto& k : c.criteria) k.title = k.summary = k.text = "Xyz";
  // Notices of both levels and events today, tomorrow, later and over days: the band's, the urgent
  // screen's and the events slide's words.
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(FakeClock().wall().time_since_epoch()).count();
  for (const auto level : {model::NoticeLevel::kInfo, model::NoticeLevel::kInfo, model::NoticeLevel::kUrgent, model::NoticeLevel::kUrgent}) {
    model::Notice n;
    n.id = "n" + std::to_string(c.notices.size());
    n.level = level;
    n.title = n.text = "Xyz";
    n.show_until = now + 3600 + static_cast<std::int64_t>(c.notices.size()) * 86400;
    c.notices.push_back(n);
  }
  for (const auto& [starts, ends] : {std::pair<std::int64_t, std::optional<std::int64_t>>{now + 3600, now + 7200},
                                     {now + 86400, std::nullopt}, {now + 3 * 86400, now + 3 * 86400 + 3600},
                                     {now + 4 * 86400, now + 6 * 86400}}) {
    model::Event e;
    e.id = "e" + std::to_string(c.events.size());
    e.title = e.place = e.text = "Xyz";
    e.starts = starts;
    e.ends = ends;
    c.events.push_back(e);
  }
  return feed;
}

const model::Area* own_area(const model::Content& content) {
  for (const auto& a : content.areas) {
    if (a.id == kOwnArea) return &a;
  }
  return nullptr;
}

// A result with a link and a chart, so the detail view draws its QR caption and chart values.
std::string result_with_link_and_chart(const model::Content& content) {
  for (const auto& r : content.results) {
    if (!r.link.empty() && r.series) return r.id;
  }
  for (const auto& r : content.results) {
    if (!r.link.empty()) return r.id;
  }
  return content.results.empty() ? "" : content.results.front().id;
}

using Texts = std::vector<std::string>;

struct Screens {
  std::vector<std::pair<std::string, Texts>> drawn;  // screen name -> its texts
};

// Draws every registered slide kind (each of its rounds) and every touch view, stale and not, in
// `language`; returns each screen's texts.
Screens draw_everything(const model::Feed& feed, const i18n::Language& language) {
  Screens out;
  testing::SoftwareTarget target(kWidth, kHeight);
  render::Canvas canvas(target.renderer(), target.fonts(), kWidth, kHeight);
  const slides::Theme theme = slides::Theme::for_screen(kWidth, kHeight);
  const model::Area* own = own_area(feed.content);
  const auto record = [&](const std::string& name, auto draw) {
    std::vector<render::DrawnText> drawn;
    canvas.set_recorder(&drawn);
    draw();
    canvas.set_recorder(nullptr);
    Texts texts;
    for (const auto& d : drawn) texts.push_back(d.text);
    out.drawn.emplace_back(name, std::move(texts));
  };
  for (const bool stale : {false, true}) {
    // Stale for a reason with a date in it (expired), updated content so the footer dates it.
    const slides::ContentOrigin origin{false, feed.version, 1'700'000'000, 1'700'100'000};
    slides::SlideContext ctx{feed.content, own, origin, FakeClock().wall(), stale, 0};
    ctx.language = &language;
    const std::string suffix = stale ? " (stale)" : "";
    for (const auto& kind : slides::SlideKinds::built_in().all()) {
      const auto slide = kind.make();
      for (int round = 0; round < kind.rounds; ++round) {
        ctx.round = static_cast<std::size_t>(round);
        record(kind.name + " " + std::to_string(round) + suffix, [&] { slide->draw(canvas, theme, ctx); });
      }
    }
    ctx.round = 0;
    slides::ViewState state;
    record("browser" + suffix, [&] { slides::draw_browser(canvas, theme, ctx, state); });
    state.filter = player::Filter::kAllAreas;
    record("browser, all areas" + suffix, [&] { slides::draw_browser(canvas, theme, ctx, state); });
    state.selected = result_with_link_and_chart(feed.content);
    record("detail" + suffix, [&] { slides::draw_detail(canvas, theme, ctx, state); });
    state.selected = "no-such-result";
    record("detail of a removed result" + suffix, [&] { slides::draw_detail(canvas, theme, ctx, state); });
    slides::ViewLayout map;
    record("map view" + suffix, [&] { map = slides::draw_map_view(canvas, theme, ctx, {}); });
    for (const auto& region : map.regions) {
      if (region.target != player::Target::kMapGroup) continue;
      slides::ViewState group;
      group.group = region.id;
      record("map view, group " + region.id + suffix, [&] { slides::draw_map_view(canvas, theme, ctx, group); });
      break;
    }
    for (const char* area : {kOwnArea, "no-such-area"}) {
      slides::ViewState card;
      card.area = area;
      record(std::string("card of ") + area + suffix, [&] { slides::draw_area_card(canvas, theme, ctx, card); });
    }
    // An area the kiosk's content lacks: the status slide's "Hele landet".
    ctx.area = nullptr;
    const auto status = slides::SlideKinds::built_in().find("status")->make();
    record("status without the area" + suffix, [&] { status->draw(canvas, theme, ctx); });
    // The urgent screen, which is no kind of the playlist: each of its notices.
    const auto urgent = slides::make_urgent_notice_slide();
    for (std::size_t turn = 0; turn < 2; ++turn) {
      ctx.urgent_turn = turn;
      record("urgent notice " + std::to_string(turn) + suffix, [&] { urgent->draw(canvas, theme, ctx); });
    }
  }
  return out;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); }

// `word` in `text` as whole words, not inside a longer one.
bool has_word(const std::string& text, const std::string& word) {
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !word_char(text[at - 1]);
    const auto end = at + word.size();
    if (starts && (end == text.size() || !word_char(text[end]))) return true;
  }
  return false;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The text between a pattern's {placeholders}, trimmed: "Opdateret {date}" gives "Opdateret".
std::vector<std::string> literal_parts(std::string_view pattern) {
  std::vector<std::string> parts;
  std::string part;
  const auto flush = [&] {
    // Spaces and punctuation around the words, and the middle dot's two bytes.
    const char* const around = " .,:\"-\xC2\xB7";
    const auto first = part.find_first_not_of(around);
    const auto last = part.find_last_not_of(around);
    if (first != std::string::npos && last != std::string::npos && last >= first) parts.push_back(part.substr(first, last - first + 1));
    part.clear();
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      flush();
      i = pattern.find('}', i);
      if (i == std::string_view::npos) break;
    } else {
      part += pattern[i];
    }
  }
  flush();
  return parts;
}

std::string without_placeholders(std::string_view text) {
  std::string out;
  for (const auto& p : literal_parts(text)) out += p + "\n";
  return out;
}

// The Danish words the catalogue of `language` translates: each msgid's literal parts that none of
// the catalogue's translations also holds (English keeps "Status"; "(parallelsamfund)" is kept on
// purpose beside a translated category).
std::set<std::string> translated_danish_words(const i18n::Language& language) {
  std::string translations;
  const auto entries = language.catalog().entries();
  for (const auto& [key, text] : entries) translations += lower(without_placeholders(text)) + "\n";
  std::set<std::string> words;
  for (const auto& [key, text] : entries) {
    const auto eot = key.find('\x04');
    const std::string_view msgid = eot == std::string_view::npos ? key : key.substr(eot + 1);
    for (const auto& part : literal_parts(msgid)) {
      if (translations.find(lower(part)) == std::string::npos) words.insert(part);
    }
  }
  return words;
}

}  // namespace

TEST_CASE("every slide and touch view draws no Danish word its language translates", "[slides][words]") {
  const model::Feed feed = neutral_feed();
  for (const i18n::Language* language : i18n::languages()) {
    if (std::string(language->code()) == "da") continue;
    const std::set<std::string> danish_words = translated_danish_words(*language);
    INFO("language " << language->code());
    // The catalogue translates the words the slides need most (it is not empty or all Danish).
    REQUIRE(danish_words.count("Tilbage") == 1);
    REQUIRE(danish_words.count("Indbygget indhold") == 1);
    int screens = 0;
    for (const auto& [screen, texts] : draw_everything(feed, *language).drawn) {
      ++screens;
      for (const auto& text : texts) {
        for (const auto& word : danish_words) {
          INFO(screen << ": '" << text << "' holds the Danish '" << word << "'");
          CHECK_FALSE(has_word(text, word));
        }
      }
    }
    CHECK(screens >= 20);
  }
}

TEST_CASE("a language whose catalogue lacks the words draws them in Danish", "[slides][words]") {
  const model::Feed feed = neutral_feed();
  const i18n::Language& english = *i18n::find_language("en");
  const i18n::Language::Info info{"en", "English", "English", i18n::Direction::kLeftToRight, "Latn", ",", "."};
  const i18n::Language untranslated(info, i18n::Catalog{});
  const auto danish = draw_everything(feed, i18n::danish()).drawn;
  const auto bare = draw_everything(feed, untranslated).drawn;
  const auto translated = draw_everything(feed, english).drawn;
  REQUIRE(danish.size() == bare.size());
  REQUIRE(danish.size() == translated.size());
  for (std::size_t i = 0; i < danish.size(); ++i) {
    INFO(danish[i].first);
    // The words are Danish; only numbers may be written the English way ("1,500" for "1.500").
    const auto& d = danish[i].second;
    const auto& b = bare[i].second;
    REQUIRE(d.size() == b.size());
    for (std::size_t j = 0; j < d.size(); ++j) {
      std::string danish_text = d[j], bare_text = b[j];
      for (std::string* s : {&danish_text, &bare_text}) {
        s->erase(std::remove_if(s->begin(), s->end(), [](char c) { return c == '.' || c == ','; }), s->end());
      }
      CHECK(bare_text == danish_text);
    }
  }
  // And the catalogue makes the difference: with it, the English screens are not the Danish ones.
  bool differs = false;
  for (std::size_t i = 0; i < danish.size(); ++i) differs = differs || danish[i].second != translated[i].second;
  CHECK(differs);
}
