#include <catch2/catch.hpp>

#include "render/frame_watch.h"
#include "render/png.h"
#include "render_support.h"

using namespace std::chrono_literals;
using kiosk::FakeClock;
using kiosk::render::FrameWatch;
using kiosk::render::Thumbnail;

namespace {

Thumbnail frame(std::uint32_t background, int marks) {
  Thumbnail t{8, 4, std::vector<std::uint32_t>(32, background)};
  for (int i = 0; i < marks && i < 32; ++i) t.pixels[static_cast<std::size_t>(i)] = 0xFFFFFF;
  return t;
}

}  // namespace

TEST_CASE("a black or single-coloured frame is caught at once", "[render][watchdog]") {
  FakeClock clock;
  FrameWatch watch(120s);
  CHECK(watch.check(frame(0x000000, 0), clock.steady()) == FrameWatch::Verdict::kSingleColour);
  CHECK(watch.check(frame(0x0B1A2E, 0), clock.steady()) == FrameWatch::Verdict::kSingleColour);
  Thumbnail noisy = frame(0x101010, 0);
  noisy.pixels[3] = 0x131313;  // within the tolerance
  CHECK(watch.check(noisy, clock.steady()) == FrameWatch::Verdict::kSingleColour);
  CHECK(watch.check(Thumbnail{}, clock.steady()) == FrameWatch::Verdict::kSingleColour);
}

TEST_CASE("a changing picture is alive and one unchanged for too long is frozen", "[render][watchdog]") {
  FakeClock clock;
  FrameWatch watch(120s);
  CHECK(watch.check(frame(0x0B1A2E, 3), clock.steady()) == FrameWatch::Verdict::kAlive);
  clock.advance(60s);
  CHECK(watch.check(frame(0x0B1A2E, 4), clock.steady()) == FrameWatch::Verdict::kAlive);  // the progress bar moved
  clock.advance(120s);
  CHECK(watch.check(frame(0x0B1A2E, 4), clock.steady()) == FrameWatch::Verdict::kAlive);  // exactly the limit
  clock.advance(1s);
  CHECK(watch.check(frame(0x0B1A2E, 4), clock.steady()) == FrameWatch::Verdict::kFrozen);
  CHECK(watch.check(frame(0x0B1A2E, 5), clock.steady()) == FrameWatch::Verdict::kAlive);  // it moves again
}

TEST_CASE("the thumbnail is read back from what the renderer drew", "[render][watchdog]") {
  kiosk::testing::SoftwareTarget target(640, 360);
  SDL_SetRenderDrawColor(target.renderer(), 0x0B, 0x1A, 0x2E, 255);
  SDL_RenderClear(target.renderer());
  SDL_SetRenderDrawColor(target.renderer(), 255, 209, 102, 255);
  const SDL_Rect right{320, 0, 320, 360};
  SDL_RenderFillRect(target.renderer(), &right);
  auto t = kiosk::render::read_thumbnail(target.renderer(), 640, 360, 8, 4);
  REQUIRE(t.ok());
  REQUIRE(t->pixels.size() == 32);
  CHECK(t->pixels[0] == 0x0B1A2E);
  CHECK(t->pixels[7] == 0xFFD166);
  CHECK(t->pixels[31] == 0xFFD166);
  FakeClock clock;
  CHECK(FrameWatch(120s).check(*t, clock.steady()) == FrameWatch::Verdict::kAlive);
}
