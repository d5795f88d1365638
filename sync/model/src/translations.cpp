#include "model/translations.h"

#include <algorithm>

namespace kiosk::model {

bool is_translation_language(std::string_view code) {
  return std::find(kTranslationLanguages.begin(), kTranslationLanguages.end(), code) != kTranslationLanguages.end();
}

std::string translation_languages() {
  std::string out;
  for (const auto code : kTranslationLanguages) out += (out.empty() ? "" : ", ") + std::string(code);
  return out;
}

Content localized(const Content& content, std::string_view language) {
  Content out = content;
  if (language == kSourceLanguage) return out;
  each_translatable(out, [&](const Translatable&, auto& object, const auto& fields) {
    const auto texts = object.translations.find(std::string(language));
    if (texts == object.translations.end()) return;
    for (const auto& field : fields) {
      if (const auto t = texts->second.find(std::string(field.name)); t != texts->second.end()) object.*field.danish = t->second;
    }
  });
  return out;
}

std::vector<LanguageCoverage> coverage(const Content& content) {
  std::vector<LanguageCoverage> out;
  for (const auto code : kTranslationLanguages) out.push_back({std::string(code), 0, 0, {}});
  each_translatable(content, [&](const Translatable& where, const auto& object, const auto& fields) {
    for (const auto& field : fields) {
      if ((object.*field.danish).empty()) continue;
      for (auto& language : out) {
        ++language.texts;
        const auto texts = object.translations.find(language.language);
        if (texts != object.translations.end() && texts->second.count(std::string(field.name))) {
          ++language.translated;
        } else {
          language.missing.push_back(where.label + ": " + std::string(field.name));
        }
      }
    }
  });
  return out;
}

bool has_translations(const Content& content) {
  bool any = false;
  each_translatable(content, [&](const Translatable&, const auto& object, const auto&) {
    any = any || !object.translations.empty();
  });
  return any;
}

}  // namespace kiosk::model
