// Text, date and enum helpers of the content model.
#include <array>
#include <charconv>
#include <cstdio>
#include <string>

#include "model/validate.h"

namespace kiosk::model {

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr std::array<std::uint32_t, 5> kMinForLength = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

namespace {

bool parse_digits(std::string_view s, std::size_t count, int& out) {
  if (s.size() != count) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool is_valid_partial_date(const PartialDate& d) {
  if (d.year < Limits::kMinYear || d.year > Limits::kMaxYear) return false;
  if (d.month == 0) return d.day == 0;
  if (d.month < 1 || d.month > 12) return false;
  return d.day == 0 || (d.day >= 1 && d.day <= days_in_month(d.year, d.month));
}

kiosk::Result<PartialDate> parse_partial_date(std::string_view text) {
  PartialDate d;
  const auto bad = [&] {
    return make_error("'" + std::string(text) + "' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return bad();
  if (!parse_digits(text.substr(0, 4), 4, d.year)) return bad();
  if (text.size() >= 7 && (text[4] != '-' || !parse_digits(text.substr(5, 2), 2, d.month))) return bad();
  if (text.size() == 10 && (text[7] != '-' || !parse_digits(text.substr(8, 2), 2, d.day))) return bad();
  if (text.size() >= 7 && d.month == 0) return bad();
  if (text.size() == 10 && d.day == 0) return bad();
  if (!is_valid_partial_date(d)) {
    return make_error("'" + std::string(text) + "' is not a real date between " +
                      std::to_string(Limits::kMinYear) + " and " + std::to_string(Limits::kMaxYear));
  }
  return d;
}

std::string format_partial_date(const PartialDate& d) {
  char buf[16];
  if (d.month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", d.year);
  } else if (d.day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  }
  return buf;
}

namespace {

template <class E, std::size_t N>
bool lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s, E& out) {
  for (const auto& [value, word] : table) {
    if (word == s) {
      out = value;
      return true;
    }
  }
  return false;
}

template <class E, std::size_t N>
std::string_view word_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, word] : table) {
    if (v == value) return word;
  }
  return "?";
}

constexpr std::array<std::pair<Category, std::string_view>, 7> kCategories = {{
    {Category::kNone, "none"},
    {Category::kUdsat, "udsat"},
    {Category::kParallelsamfund, "parallelsamfund"},
    {Category::kOmdannelse, "omdannelse"},
    {Category::kForebyggelse, "forebyggelse"},
    {Category::kNotParallelsamfund, "not_parallelsamfund"},
    {Category::kUnknown, "unknown"},
}};
constexpr std::array<std::pair<Track, std::string_view>, 3> kTracks = {{
    {Track::kPhysical, "physical"},
    {Track::kSocial, "social"},
    {Track::kBoth, "both"},
}};
constexpr std::array<std::pair<ChartKind, std::string_view>, 2> kChartKinds = {{
    {ChartKind::kBar, "bar"},
    {ChartKind::kLine, "line"},
}};
constexpr std::array<std::pair<NoticeLevel, std::string_view>, 2> kNoticeLevels = {{
    {NoticeLevel::kInfo, "info"},
    {NoticeLevel::kUrgent, "urgent"},
}};

}  // namespace

std::string_view to_string(NoticeLevel l) { return word_of(kNoticeLevels, l); }
bool parse_notice_level(std::string_view s, NoticeLevel& out) { return lookup(kNoticeLevels, s, out); }
std::string_view to_string(Category c) { return word_of(kCategories, c); }
std::string_view to_string(Track t) { return word_of(kTracks, t); }
std::string_view to_string(ChartKind k) { return word_of(kChartKinds, k); }
bool parse_category(std::string_view s, Category& out) { return lookup(kCategories, s, out); }

std::string category_words() {
  std::string out;
  for (const auto& [value, word] : kCategories) out += (out.empty() ? "" : ", ") + std::string(word);
  return out;
}

bool in_denmark(const GeoPosition& p) {
  return p.lat >= kDenmark.min_lat && p.lat <= kDenmark.max_lat && p.lon >= kDenmark.min_lon && p.lon <= kDenmark.max_lon;
}
bool parse_track(std::string_view s, Track& out) { return lookup(kTracks, s, out); }
bool parse_chart_kind(std::string_view s, ChartKind& out) { return lookup(kChartKinds, s, out); }

}  // namespace kiosk::model
