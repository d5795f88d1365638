// What kiosk-feed build and preview say of a feed's translations: per language, how many of the
// texts with Danish text are translated ("ar: 12 of 14 texts"), and on request which are missing.
// A text without a translation is shown in Danish (model/translations.h).
#pragma once

#include <string>
#include <vector>

#include "model/content.h"

namespace kiosk::publish {

enum class Missing { kCounted, kListed };

// One line per language of model::kTranslationLanguages, "ar: 12 of 14 texts", each followed with
// kListed by a line per missing text ("  missing: result vollsmose-2024: summary"). Content
// without any translation gives the one line "no translations: every text is shown in Danish".
std::vector<std::string> coverage_lines(const model::Content& content, Missing missing);

// The same as key=value lines for scripts: "texts=14", then "translated_ar=12" per language, and
// with kListed a "missing_ar=result vollsmose-2024: summary" line per missing text.
std::vector<std::string> coverage_values(const model::Content& content, Missing missing);

}  // namespace kiosk::publish
