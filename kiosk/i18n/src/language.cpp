#include "i18n/language.h"

#include <cmath>
#include <cstdio>
#include <memory>

namespace kiosk::i18n {
namespace {

using Info = Language::Info;

// Danish first: it is the source, every other language falls back to it word by word.
constexpr Info kInfos[] = {
    {"da", "Dansk", "Danish", Direction::kLeftToRight, "Latn", ".", ","},
    {"en", "English", "English", Direction::kLeftToRight, "Latn", ",", "."},
    {"ar", "العربية", "Arabic", Direction::kRightToLeft, "Arab", ",", "."},
    {"so", "Soomaali", "Somali", Direction::kLeftToRight, "Latn", ",", "."},
    {"tr", "Türkçe", "Turkish", Direction::kLeftToRight, "Latn", ".", ","},
    {"ur", "اردو", "Urdu", Direction::kRightToLeft, "Arab", ",", "."},
    {"fa", "فارسی", "Persian", Direction::kRightToLeft, "Arab", ",", "."},
};

std::vector<std::unique_ptr<Language>> load_all() {
  std::vector<std::unique_ptr<Language>> all;
  for (const Info& info : kInfos) {
    Catalog catalog;
    if (const auto mo = built_in_catalogue(info.code); !mo.empty()) {
      // The bytes were checked by msgfmt when the program was built; a catalogue that still does not
      // read leaves the language in Danish words rather than stopping the display.
      if (auto parsed = Catalog::parse(mo, std::string("catalogue ") + info.code)) catalog = std::move(*parsed);
    }
    all.push_back(std::make_unique<Language>(info, std::move(catalog)));
  }
  return all;
}

const std::vector<std::unique_ptr<Language>>& all_languages() {
  static const auto all = load_all();
  return all;
}

}  // namespace

const char* Language::tr(const char* msgid) const {
  const char* found = catalog_.find({}, msgid);
  return found ? found : msgid;
}

const char* Language::trc(const char* context, const char* msgid) const {
  const char* found = catalog_.find(context, msgid);
  return found ? found : msgid;
}

const char* Language::trn(const char* singular, const char* plural, unsigned long n) const {
  if (const char* found = catalog_.find_plural(singular, plural_index(n))) return found;
  // No translation: the Danish forms, whose rule is one and the rest.
  return n == 1 ? singular : plural;
}

unsigned Language::plural_index(unsigned long n) const {
  const std::string_view code = info_.code;
  if (code == "ar") {
    // nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;
    if (n == 0) return 0;
    if (n == 1) return 1;
    if (n == 2) return 2;
    if (n % 100 >= 3 && n % 100 <= 10) return 3;
    if (n % 100 >= 11) return 4;
    return 5;
  }
  if (code == "fa") return n > 1 ? 1 : 0;  // nplurals=2; plural=(n > 1);
  return n != 1 ? 1 : 0;                   // nplurals=2; plural=(n != 1);
}

unsigned Language::plural_count() const { return std::string_view(info_.code) == "ar" ? 6 : 2; }

std::string Language::number(long long n) const {
  const bool negative = n < 0;
  const std::string digits = std::to_string(negative ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += info_.thousands;
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string Language::decimal(double value) const {
  const double rounded = std::round(value * 10) / 10;
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) return number(std::llround(rounded));
  const long long tenths = std::llround(std::fabs(rounded) * 10);
  return std::string(rounded < 0 ? "-" : "") + number(tenths / 10) + info_.decimal + std::to_string(tenths % 10);
}

const std::vector<const Language*>& languages() {
  static const std::vector<const Language*> list = [] {
    std::vector<const Language*> out;
    for (const auto& l : all_languages()) out.push_back(l.get());
    return out;
  }();
  return list;
}

const Language* find_language(std::string_view code) {
  for (const Language* l : languages()) {
    if (code == l->code()) return l;
  }
  return nullptr;
}

const Language& danish() { return *languages().front(); }

std::string language_codes() {
  std::string out;
  for (const Language* l : languages()) out += (out.empty() ? "" : ", ") + std::string(l->code());
  return out;
}

std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const auto open = pattern.find('{', i);
    if (open == std::string_view::npos) break;
    const auto close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(i, open - i));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const std::pair<std::string_view, std::string_view>* value = nullptr;
    for (const auto& v : values) {
      if (v.first == name) value = &v;
    }
    if (value) {
      out.append(value->second);
    } else {
      out.append(pattern.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(pattern.substr(i));
  return out;
}

}  // namespace kiosk::i18n
