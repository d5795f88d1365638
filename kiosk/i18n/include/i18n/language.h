// The languages the screens can be drawn in, each with its fixed words from the gettext catalogue
// po/<code>.po (compiled by msgfmt and built into the program, so a kiosk never lacks one).
// Danish is the source: the words in the code are Danish, and a word a catalogue lacks stays Danish.
//
// Why not glibc's gettext(): it picks one language per process from the locale and the
// environment, needs each locale generated on the board, and is global state. The kiosk draws the
// cycle in one language while a resident browses in another, so it keeps one Language object per
// language and asks it directly. The catalogues are still GNU gettext's own (.po, msgfmt, msgmerge).
//
// In the code, every fixed word a screen draws goes through tr()/trc()/trn() of the Language the
// screen is drawn in; a word kept in a table is marked with N_() so xgettext finds it too.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "i18n/catalog.h"

namespace kiosk::i18n {

enum class Direction { kLeftToRight, kRightToLeft };

// Marks a Danish word for the catalogue where it is not translated at once (a table of names).
constexpr const char* N_(const char* msgid) { return msgid; }

class Language {
 public:
  struct Info {
    const char* code;          // ISO 639-1, as in kiosk.toml's `languages` and po/<code>.po
    const char* native_name;   // in its own script, for the language button: "العربية"
    const char* english_name;  // for logs and docs
    Direction direction;
    const char* script;        // ISO 15924 of its letters: "Latn", "Arab"
    const char* thousands;     // digit grouping: "1.234" in Danish, "1,234" in English
    const char* decimal;       // "2,5" in Danish, "2.5" in English
  };

  Language(Info info, Catalog catalog) : info_(info), catalog_(std::move(catalog)) {}

  const char* code() const { return info_.code; }
  const char* native_name() const { return info_.native_name; }
  const char* english_name() const { return info_.english_name; }
  Direction direction() const { return info_.direction; }
  bool right_to_left() const { return info_.direction == Direction::kRightToLeft; }
  const char* script() const { return info_.script; }

  // The word in this language, or `msgid` (Danish) when the catalogue has none.
  const char* tr(const char* msgid) const;
  // The same for a word whose Danish is ambiguous, told apart by `context` (msgctxt): "maj" the month.
  const char* trc(const char* context, const char* msgid) const;
  // The form for `n` of a word with plural forms: trn("{n} område", "{n} områder", n).
  const char* trn(const char* singular, const char* plural, unsigned long n) const;
  // Which plural form `n` takes in this language (CLDR's rule, as the .po's Plural-Forms says).
  unsigned plural_index(unsigned long n) const;
  // How many plural forms this language has.
  unsigned plural_count() const;

  // Whole numbers with this language's digit grouping: "12.345" (da), "12,345" (en).
  std::string number(long long n) const;
  // One decimal, dropped when zero: "2,5" (da), "2.5" (en), "3" for 3.0.
  std::string decimal(double value) const;

  const Catalog& catalog() const { return catalog_; }

 private:
  Info info_;
  Catalog catalog_;
};

// The languages this program ships, Danish first, then in the order of `kiosk.toml`'s docs.
const std::vector<const Language*>& languages();
// The language with this code, or null when the program has none (kiosk.toml names it so).
const Language* find_language(std::string_view code);
const Language& danish();
// "da, en, ar, so, tr, ur, fa": for messages.
std::string language_codes();

// Fills the {name} placeholders of a translated pattern: fill("{n} områder", {{"n", "3"}}).
// A placeholder with no value is left as it is, so a translator's typo shows rather than vanishes.
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// The Danish msgids of a catalogue that were compiled into the program, for tests: code -> .mo bytes.
std::string_view built_in_catalogue(std::string_view code);

}  // namespace kiosk::i18n
