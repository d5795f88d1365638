#include "publish/coverage.h"

#include "model/translations.h"

namespace kiosk::publish {

std::vector<std::string> coverage_lines(const model::Content& content, Missing missing) {
  if (!model::has_translations(content)) return {"no translations: every text is shown in Danish"};
  std::vector<std::string> out;
  for (const auto& language : model::coverage(content)) {
    out.push_back(language.language + ": " + std::to_string(language.translated) + " of " + std::to_string(language.texts) + " texts");
    if (missing == Missing::kListed) {
      for (const auto& text : language.missing) out.push_back("  missing: " + text);
    }
  }
  return out;
}

std::vector<std::string> coverage_values(const model::Content& content, Missing missing) {
  const auto all = model::coverage(content);
  std::vector<std::string> out{"texts=" + std::to_string(all.empty() ? 0 : all.front().texts)};
  for (const auto& language : all) out.push_back("translated_" + language.language + "=" + std::to_string(language.translated));
  if (missing == Missing::kListed) {
    for (const auto& language : all) {
      for (const auto& text : language.missing) out.push_back("missing_" + language.language + "=" + text);
    }
  }
  return out;
}

}  // namespace kiosk::publish
