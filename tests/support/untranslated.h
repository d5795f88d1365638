// Content with its translations taken away. The default content carries translations (results,
// charts, criteria, milestones), so a test about content without them, or one that sets exactly the
// translations it checks, starts from this instead of assuming the default has none.
#pragma once

#include <utility>

#include "model/content.h"
#include "model/translations.h"

namespace kiosk::testing {

inline model::Content without_translations(model::Content content) {
  model::each_translatable(content, [](const model::Translatable&, auto& object, const auto&) { object.translations.clear(); });
  return content;
}

inline model::Feed without_translations(model::Feed feed) {
  feed.content = without_translations(std::move(feed.content));
  return feed;
}

}  // namespace kiosk::testing
