#include "content_gen.h"

#include <SDL.h>
#include <SDL_image.h>

#include <filesystem>
#include <stdexcept>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "test_support.h"
#include "untranslated.h"

namespace kiosk::testing {

namespace {

std::string repeat_to(const std::string& unit, std::size_t chars) {
  std::string out;
  while (model::utf8_length(out + unit) <= chars) out += unit;
  return out;
}

// A small SHA-256 is not needed: tests only need distinct 64-hex names.
std::string fake_sha(std::size_t i) {
  char buf[65];
  std::snprintf(buf, sizeof buf, "%064zx", i + 1);
  return buf;
}

}  // namespace

model::Feed default_feed() {
  auto feed = feed::parse_feed(default_feed_text());
  if (!feed) throw std::runtime_error(feed.error().message);
  return *feed;
}

model::Feed stress_feed() {
  // Without translations: a text at its limit would otherwise be drawn in another language as the
  // default content's short translation of the Danish text it replaced.
  model::Feed f = without_translations(default_feed());
  auto& c = f.content;
  for (auto& a : c.areas) {
    if (a.id == "vollsmose") {
      a.name = repeat_to("Gellerupparken/Toveshøj ", 79);
      a.kommune = repeat_to("Høje-Taastrup ", 60);
      a.categories.clear();
      for (int y = 2000; y <= 2024; ++y) a.categories.push_back({y, static_cast<model::Category>(y % 5)});
    }
  }
  const std::string long_word = "Boligområdeudviklingsplanlægningsevalueringsrapporteringsbilag";
  for (auto& k : c.criteria) {
    k.title = repeat_to("Beskæftigelsesfrekvens ", 120);
    k.summary = repeat_to("ø", 80);
  }
  c.milestones.clear();
  for (int i = 0; i < 200; ++i) {
    model::Milestone m;
    m.id = "m" + std::to_string(i);
    m.when = {2018 + i % 12, 1 + i % 12, 1 + i % 28};
    m.track = static_cast<model::Track>(i % 3);
    m.title = repeat_to(long_word + " ", 120);
    m.text = repeat_to("tekst ", 1000);
    c.milestones.push_back(m);
  }
  for (auto& r : c.results) {
    r.title = repeat_to(long_word + " ", 120);
    r.summary = repeat_to("Sammenfatning med æøå ", 400);
    r.publisher = repeat_to("Udgiver ", 120);
    if (r.series) {
      r.series->title = repeat_to("Serie ", 120);
      r.series->unit = repeat_to("enhed", 20);
      r.series->points.clear();
      for (int i = 0; i < 50; ++i) r.series->points.push_back({repeat_to("L" + std::to_string(i), 20), i * 1234.5});
    }
  }
  return f;
}

model::Feed large_feed(std::size_t results, std::size_t images, const std::string& objects_dir, int image_w, int image_h) {
  model::Feed f = default_feed();
  std::filesystem::create_directories(objects_dir);
  auto& c = f.content;
  // Alternate a result without a chart, one with a bar chart and one with a line chart.
  const std::vector<model::Result> protos = c.results;
  c.results.clear();
  const std::size_t every = images > 0 ? std::max<std::size_t>(1, results / images) : 0;
  std::size_t pictures = 0;
  for (std::size_t i = 0; i < results; ++i) {
    model::Result r = protos[i % protos.size()];
    r.id = "resultat-" + std::to_string(i);
    r.translations.clear();  // they translate the default result's title, not this one's
    if (r.series) r.series->translations.clear();
    r.date = {2018 + static_cast<int>(i % 9), 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 28)};
    r.title = "Resultat nummer " + std::to_string(i) + " fra følgeevalueringen";
    if (every > 0 && i % every == 1 % every && pictures < images) {
      ++pictures;
      const std::string sha = fake_sha(i);
      SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, image_w, image_h, 32, SDL_PIXELFORMAT_RGBA32);
      SDL_FillRect(s, nullptr, SDL_MapRGB(s->format, static_cast<Uint8>(40 + i % 200), 90, 160));
      const SDL_Rect band{0, image_h / 3, image_w, image_h / 3};
      SDL_FillRect(s, &band, SDL_MapRGB(s->format, 240, 200, static_cast<Uint8>(i % 256)));
      const std::string path = objects_dir + "/" + sha;
      if (IMG_SavePNG(s, path.c_str()) != 0) throw std::runtime_error("writing " + path);
      SDL_FreeSurface(s);
      f.assets.push_back({sha, std::filesystem::file_size(path), "image/png"});
      r.image = sha;
    }
    c.results.push_back(r);
  }
  return f;
}

model::Feed numbered_feed(std::uint64_t version, std::size_t results) {
  TempDir scratch;
  model::Feed f = large_feed(results, 0, scratch.file("objects"));
  f.version = version;
  f.issued = 1'700'000'000 + static_cast<std::int64_t>(version);
  f.expires = 4'000'000'000;
  for (auto& r : f.content.results) r.summary = "Version " + std::to_string(version) + ": " + r.summary;
  return f;
}

}  // namespace kiosk::testing
