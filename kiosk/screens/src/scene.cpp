#include "screens/scene.h"

#include "model/translations.h"
#include "platform/log.h"
#include "player/cycle.h"

namespace kiosk::screens {

Status check_playlist(const config::Config& config, const slides::SlideKinds& kinds) {
  std::string problems;
  for (const auto& show : config.playlist) {
    if (kinds.find(show.kind)) continue;
    const std::string where = config.source_path.empty() ? "the configuration"
                              : show.line > 0           ? config.source_path + ":" + std::to_string(show.line)
                                                        : config.source_path;
    problems += (problems.empty() ? "" : "\n") + where + ": [[slides.show]] kind \"" + show.kind +
                "\" is not a slide kind; the kinds are " + kinds.names();
  }
  if (!problems.empty()) return make_error(problems);
  return Status::success();
}

Status check_languages(const config::Config& config) {
  std::string problems;
  for (const auto& code : config.languages.codes) {
    if (i18n::find_language(code)) continue;
    const std::string where = config.source_path.empty()  ? "the configuration"
                              : config.languages.line > 0 ? config.source_path + ":" + std::to_string(config.languages.line)
                                                          : config.source_path;
    problems += (problems.empty() ? "" : "\n") + where + ": languages: \"" + code +
                "\" is not a language of this kiosk; the languages are " + i18n::language_codes();
  }
  if (!problems.empty()) return make_error(problems);
  return Status::success();
}

namespace {

const model::Area* find_area(const model::Content& content, const std::string& id) {
  for (const auto& a : content.areas) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

}  // namespace

Scene::Scene(const LoadedContent& content, const config::Config& config, const slides::SlideKinds& kinds)
    : content_(content), stale_after_days_(config.stale_after_days) {
  for (const auto& show : config.playlist) {
    if (const slides::SlideKind* kind = kinds.find(show.kind)) slides_.push_back({kind, kind->make(), show.duration});
  }
  area_ = find_area(content.content, config.area);
  if (!area_) log::warning("area '" + config.area + "' is not in the content; showing the national view");
  rounds_per_language_ = config.rounds_per_language;
  for (const auto& code : config.languages.codes) {
    const i18n::Language* language = i18n::find_language(code);
    if (!language) continue;  // check_languages() said so at start
    if (language == &i18n::danish()) {
      languages_.push_back({language, nullptr, area_});
      continue;
    }
    auto translated = std::make_unique<const model::Content>(model::localized(content.content, code));
    const model::Area* area = find_area(*translated, config.area);
    languages_.push_back({language, std::move(translated), area});
  }
  if (languages_.empty()) languages_.push_back({&i18n::danish(), nullptr, area_});
}

namespace {

config::Config config_for(const std::string& area_id, int stale_after_days) {
  config::Config c;
  c.area = area_id;
  c.stale_after_days = stale_after_days;
  return c;
}

}  // namespace

Scene::Scene(const LoadedContent& content, const std::string& area_id, int stale_after_days)
    : Scene(content, config_for(area_id, stale_after_days)) {}

std::vector<std::chrono::seconds> Scene::durations() const {
  std::vector<std::chrono::seconds> out;
  for (const auto& s : slides_) out.push_back(s.duration);
  return out;
}

slides::SlideContext Scene::context(WallTime now, std::size_t round, std::size_t language) const {
  const InLanguage& in = languages_[language < languages_.size() ? language : 0];
  return {.content = in.translated ? *in.translated : content_.content,
          .area = in.area,
          .origin = content_.origin,
          .now = now,
          .stale = slides::is_stale(content_.origin, now, stale_after_days_),
          .round = round,
          .language = in.language,
          .name_language = languages_.size() > 1};
}

void Scene::draw(std::size_t i, render::Canvas& canvas, WallTime now, std::size_t round, std::size_t language,
                 slides::PauseControl pause) const {
  slides::SlideContext ctx = context(now, round, language);
  ctx.pause = pause;
  set_language(canvas, language);
  slides_[i].slide->draw(canvas, slides::Theme::for_screen(canvas.width(), canvas.height()), ctx);
}

void Scene::set_language(render::Canvas& canvas, std::size_t language) const {
  const i18n::Language& lang = *languages_[language < languages_.size() ? language : 0].language;
  canvas.set_direction(lang.right_to_left() ? render::Direction::kRightToLeft : render::Direction::kLeftToRight);
  canvas.set_language(lang.code());
}

std::size_t Scene::language_of_round(std::uint64_t round) const {
  return player::language_of_round(round, languages_.size(), rounds_per_language_);
}

std::optional<std::size_t> Scene::find_language(std::string_view code) const {
  for (std::size_t i = 0; i < languages_.size(); ++i) {
    if (code == languages_[i].language->code()) return i;
  }
  return std::nullopt;
}

}  // namespace kiosk::screens
