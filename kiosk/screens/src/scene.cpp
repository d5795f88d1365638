#include "screens/scene.h"

#include "model/schedule.h"
#include "model/translations.h"
#include "platform/log.h"
#include "player/cycle.h"
#include "slides/notice_slide.h"

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

std::int64_t unix_of(WallTime t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

WallTime wall_of(std::int64_t unix) { return WallTime{std::chrono::seconds(unix)}; }

void take_earlier(std::optional<WallTime>& into, std::optional<WallTime> t) {
  if (t && (!into || *t < *into)) into = t;
}

}  // namespace

const slides::SlideKind& Scene::urgent_kind() {
  static const slides::SlideKind kind{"notice", slides::make_urgent_notice_slide};
  return kind;
}

Scene::Scene(const LoadedContent& content, const config::Config& config, WallTime at, const slides::SlideKinds& kinds)
    : content_(content), made_at_(at), stale_after_days_(config.stale_after_days) {
  // The area the content names, or the national view; the same in what is showing now.
  const std::string area_id = find_area(content.content, config.area) ? config.area : std::string();
  if (area_id.empty()) log::warning("area '" + config.area + "' is not in the content; showing the national view");
  const std::int64_t now = unix_of(at);
  showing_ = model::showing(content.content, area_id, now);
  if (const auto next = model::next_change(content.content, area_id, now)) changes_at_ = wall_of(*next);
  area_ = find_area(showing_, config.area);

  // The playlist's slides on now that have something to show; the first of them all when none is.
  const power::LocalTime local = power::local_time(at);
  std::vector<Shown> cycle;
  for (const auto& show : config.playlist) {
    const slides::SlideKind* kind = kinds.find(show.kind);
    if (!kind) continue;
    if (!show.when.always_on()) take_earlier(changes_at_, power::next_switch(show.when, at));
    if (!show.when.on_at(local)) continue;
    if (kind->has_content && !kind->has_content(showing_)) continue;
    cycle.push_back({kind, kind->make(), show.duration});
  }
  if (cycle.empty()) {
    for (const auto& show : config.playlist) {
      if (const slides::SlideKind* kind = kinds.find(show.kind)) {
        cycle.push_back({kind, kind->make(), show.duration});
        break;
      }
    }
  }
  // Urgent notices come before every slide, each screen telling the next of them (UrgentNoticeSlide).
  const bool urgent_now = !showing_.notices.empty() && showing_.notices.front().level == model::NoticeLevel::kUrgent;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    if (urgent_now) slides_.push_back({&urgent_kind(), urgent_kind().make(), config.notice_seconds, i});
    slides_.push_back(std::move(cycle[i]));
  }
  rounds_per_language_ = config.rounds_per_language;
  for (const auto& code : config.languages.codes) {
    const i18n::Language* language = i18n::find_language(code);
    if (!language) continue;  // check_languages() said so at start
    if (language == &i18n::danish()) {
      languages_.push_back({language, nullptr, area_});
      continue;
    }
    auto translated = std::make_unique<const model::Content>(model::localized(showing_, code));
    const model::Area* area = find_area(*translated, config.area);
    languages_.push_back({language, std::move(translated), area});
  }
  if (languages_.empty()) languages_.push_back({&i18n::danish(), nullptr, area_});
}

Scene::Scene(const LoadedContent& content, const config::Config& config) : Scene(content, config, SystemClock().wall()) {}

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
  return {.content = in.translated ? *in.translated : showing_,
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
  ctx.urgent_turn = slides_[i].urgent_turn;
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
