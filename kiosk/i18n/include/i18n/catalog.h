// One language's messages, read from a GNU gettext binary catalogue (.mo, as `msgfmt` writes it
// from po/<lang>.po). The strings stay where they are in the catalogue's bytes, which must outlive
// the Catalog; nothing is copied.
//
// Danish is the source language: a message the catalogue lacks (or has only as a fuzzy or empty
// entry, which msgfmt leaves out) is answered with its Danish msgid, so a screen never shows an
// empty box for a missing translation.
#pragma once

#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "platform/result.h"

namespace kiosk::i18n {

class Catalog {
 public:
  Catalog() = default;  // empty: every message is its msgid

  // Reads a .mo in either byte order. Offsets and lengths are checked against the size, so damaged
  // bytes give an error naming `what` rather than a read out of bounds.
  static Result<Catalog> parse(std::string_view mo, std::string_view what);

  // The translation of `msgid` (in `context` when not empty, as msgctxt), or null when there is none.
  const char* find(std::string_view context, std::string_view msgid) const;
  // The translation's plural forms, NUL-separated; `index` picks one (see plural.h). Null when there
  // is none or the catalogue has fewer forms than `index`.
  const char* find_plural(std::string_view msgid, unsigned index) const;

  // The header entry's field, e.g. "Plural-Forms" or "Language"; empty when absent.
  std::string_view header(std::string_view field) const;
  std::size_t size() const { return messages_.size(); }

  // Every message: the key ([context EOT] msgid) and its translation (plural forms NUL-separated).
  std::vector<std::pair<std::string_view, std::string_view>> entries() const;

 private:
  struct Message {
    const char* text;
    std::size_t length;  // bytes of all plural forms with their separating NULs
  };
  std::unordered_map<std::string_view, Message> messages_;  // key: [context EOT] msgid
  std::string_view header_;
};

}  // namespace kiosk::i18n
