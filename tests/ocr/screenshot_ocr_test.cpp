// The Arabic and Urdu titles of real screenshots (`kiosk --screenshot`'s renderer, the default
// content in that language) read back by Tesseract: at least 80 % of the words.
#include <SDL_image.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "app/kiosk_app.h"
#include "model/translations.h"
#include "ocr.h"
#include "render/sdl_handles.h"
#include "test_support.h"

using namespace kiosk;

namespace {

struct Shot {
  std::string png;    // the first result's detail
  std::string title;  // that result's title in the language
};

Shot shoot_detail(const std::string& code, const testing::TempDir& dir) {
  const app::AssetPaths assets{testing::source_path("assets")};
  auto content = app::load_default_content(assets);
  REQUIRE(content.ok());
  config::Config config;
  config.database = dir.file("content.db");
  config.languages.codes = {code};
  const std::string out = dir.file("shots-" + code);
  app::ScreenshotRequest request{out, app::Size{1920, 1080}, 0, SystemClock().wall()};
  request.touch_views = true;
  REQUIRE(app::render_screenshots(request, *content, assets, config, SystemClock().steady()).ok());
  std::string detail;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".png" && name.find("-detail-") != std::string::npos && (detail.empty() || name < detail)) {
      detail = name;
    }
  }
  REQUIRE_FALSE(detail.empty());
  // "<nn>-detail-<id>[-<page>].png": the result whose detail it is.
  const model::Content shown = model::localized(content->content, code);
  for (const auto& r : shown.results) {
    if (detail.find("-detail-" + r.id) != std::string::npos) return {out + "/" + detail, r.title};
  }
  FAIL("no result for " << detail);
  return {};
}

void check_title_read(const std::string& code, const std::string& models) {
  testing::TempDir dir;
  const Shot shot = shoot_detail(code, dir);
  const auto assets = app::load_default_content(app::AssetPaths{testing::source_path("assets")});
  // The title is really in the language: the default content translates it.
  bool danish = false;
  for (const auto& r : assets->content.results) danish = danish || r.title == shot.title;
  INFO(code << " title: " << shot.title);
  REQUIRE_FALSE(danish);
  render::Surface picture(IMG_Load(shot.png.c_str()));
  REQUIRE(picture);
  const auto words = testing::read_words(picture.get(), models, 3, "ocr-detail-" + code);
  std::string read;
  for (const auto& w : words) read += w.text + " ";
  INFO("read: " << read);
  CHECK(testing::share_of_words_read(shot.title, words) >= 0.8);
}

}  // namespace

TEST_CASE("the Arabic title of a result's detail reads back from the screenshot", "[ocr]") { check_title_read("ar", "ara+eng"); }

TEST_CASE("the Urdu title of a result's detail reads back from the screenshot", "[ocr]") { check_title_read("ur", "urd+eng"); }
