// The content's texts in the residents' languages. Danish is the source: every text is written in
// Danish and may carry a translation per language (`translations` on Area, Criterion, Milestone,
// Result, Series, Notice and Event, content.h). A text without a translation is shown in Danish, text by text, so
// a half-translated result reads partly in Danish rather than showing an empty box.
//
// This header is the one list of the languages a feed may translate into and of which fields of
// which object are translatable; validation, the feed, the cache, the source folder and kiosk-feed's
// coverage report all read it. (The kiosk's own words have their own list of UI languages.)
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/content.h"
#include "model/validate.h"

namespace kiosk::model {

// The language every text is written in. It is never a translation's language.
inline constexpr std::string_view kSourceLanguage = "da";

// The languages a text may be translated into, ISO 639-1, in the order reports list them.
inline constexpr std::array<std::string_view, 6> kTranslationLanguages = {"en", "ar", "so", "tr", "ur", "fa"};

bool is_translation_language(std::string_view code);
std::string translation_languages();  // "en, ar, so, tr, ur, fa": for messages

enum class TextLines { kSingle, kMulti };  // whether the text may hold "\n"

// One translatable text of an object of type T: its name in the feed, where the Danish text is,
// and the bounds its translations share with it.
template <class T>
struct TextField {
  std::string_view name;
  std::string T::*danish;
  std::size_t max_chars;
  TextLines lines;
};

inline constexpr TextField<Area> kAreaTexts[] = {{"note", &Area::note, Limits::kNoteChars, TextLines::kMulti}};
inline constexpr TextField<Criterion> kCriterionTexts[] = {
    {"title", &Criterion::title, Limits::kTitleChars, TextLines::kSingle},
    {"text", &Criterion::text, Limits::kCriterionTextChars, TextLines::kMulti},
    {"summary", &Criterion::summary, Limits::kCriterionSummaryChars, TextLines::kSingle}};
inline constexpr TextField<Milestone> kMilestoneTexts[] = {
    {"title", &Milestone::title, Limits::kTitleChars, TextLines::kSingle},
    {"text", &Milestone::text, Limits::kMilestoneTextChars, TextLines::kMulti}};
inline constexpr TextField<Result> kResultTexts[] = {
    {"title", &Result::title, Limits::kTitleChars, TextLines::kSingle},
    {"summary", &Result::summary, Limits::kSummaryChars, TextLines::kMulti},
    {"body", &Result::body, Limits::kBodyChars, TextLines::kMulti}};
inline constexpr TextField<Series> kSeriesTexts[] = {{"title", &Series::title, Limits::kTitleChars, TextLines::kSingle},
                                                     {"unit", &Series::unit, Limits::kUnitChars, TextLines::kSingle}};
inline constexpr TextField<Notice> kNoticeTexts[] = {
    {"title", &Notice::title, Limits::kNoticeTitleChars, TextLines::kSingle},
    {"text", &Notice::text, Limits::kNoticeTextChars, TextLines::kMulti}};
inline constexpr TextField<Event> kEventTexts[] = {{"title", &Event::title, Limits::kTitleChars, TextLines::kSingle},
                                                   {"place", &Event::place, Limits::kPlaceChars, TextLines::kSingle},
                                                   {"text", &Event::text, Limits::kEventTextChars, TextLines::kMulti}};

// An object that may carry translations, as each_translatable() names it.
struct Translatable {
  std::string_view kind;  // "area", "criterion", "milestone", "result", "series", "notice", "event"
  std::string id;         // the object's id; a chart's is its result's
  std::string path;       // in the feed: "content.results[2].series"
  std::string label;      // for people: "result vollsmose-2024, chart"
};

// Calls f(where, object, fields) for every object of `content` that may carry translations, in the
// feed's order; `fields` is its kXxxTexts. C is Content or const Content.
template <class C, class F>
void each_translatable(C& content, F&& f) {
  const auto at = [](const char* list, std::size_t i) { return std::string("content.") + list + "[" + std::to_string(i) + "]"; };
  const auto each = [&](auto& list, const char* kind, const char* name, const auto& texts) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      f(Translatable{kind, list[i].id, at(name, i), std::string(kind) + " " + list[i].id}, list[i], texts);
    }
  };
  each(content.areas, "area", "areas", kAreaTexts);
  each(content.criteria, "criterion", "criteria", kCriterionTexts);
  each(content.milestones, "milestone", "milestones", kMilestoneTexts);
  for (std::size_t i = 0; i < content.results.size(); ++i) {
    auto& r = content.results[i];
    f(Translatable{"result", r.id, at("results", i), "result " + r.id}, r, kResultTexts);
    if (r.series) f(Translatable{"series", r.id, at("results", i) + ".series", "result " + r.id + ", chart"}, *r.series, kSeriesTexts);
  }
  each(content.notices, "notice", "notices", kNoticeTexts);
  each(content.events, "event", "events", kEventTexts);
}

// `content` with each Danish text replaced by its translation into `language` where there is one.
// "da", or a language nothing is translated into, gives the content as it is. The translations
// themselves are kept.
Content localized(const Content& content, std::string_view language);

// How much of the content one language has: of the texts that have Danish text (an empty note or
// summary is not a text to translate), how many are translated, and which are not.
struct LanguageCoverage {
  std::string language;
  std::size_t translated = 0;
  std::size_t texts = 0;
  std::vector<std::string> missing;  // "result vollsmose-2024: summary", in the feed's order
  friend bool operator==(const LanguageCoverage&, const LanguageCoverage&) = default;
};

// One entry per kTranslationLanguages, in that order.
std::vector<LanguageCoverage> coverage(const Content& content);

// Whether any object of `content` carries a translation.
bool has_translations(const Content& content);

}  // namespace kiosk::model
