#include "i18n/catalog.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace kiosk::i18n {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;
constexpr std::size_t kHeaderBytes = 28;
constexpr char kContextSeparator = '\x04';  // gettext's EOT between msgctxt and msgid

class Reader {
 public:
  Reader(std::string_view bytes, bool swapped) : bytes_(bytes), swapped_(swapped) {}

  bool word(std::size_t offset, std::uint32_t* out) const {
    if (offset > bytes_.size() || bytes_.size() - offset < 4) return false;
    std::uint32_t v;
    std::memcpy(&v, bytes_.data() + offset, 4);
    *out = swapped_ ? __builtin_bswap32(v) : v;
    return true;
  }

  // The string described at `table + 8 * index`: its length and offset, NUL-terminated in the file.
  bool string(std::uint32_t table, std::uint32_t index, std::string_view* out) const {
    std::uint32_t length = 0, offset = 0;
    const std::size_t at = std::size_t{table} + 8 * std::size_t{index};
    if (!word(at, &length) || !word(at + 4, &offset)) return false;
    if (offset > bytes_.size() || bytes_.size() - offset <= length) return false;
    if (bytes_[offset + length] != '\0') return false;
    *out = bytes_.substr(offset, length);
    return true;
  }

 private:
  std::string_view bytes_;
  bool swapped_;
};

}  // namespace

Result<Catalog> Catalog::parse(std::string_view mo, std::string_view what) {
  auto damaged = [&](const std::string& why) { return make_error(std::string(what) + ": not a gettext catalogue (" + why + ")"); };
  if (mo.size() < kHeaderBytes) return damaged("shorter than its header");
  std::uint32_t magic;
  std::memcpy(&magic, mo.data(), 4);
  if (magic != kMagic && magic != kMagicSwapped) return damaged("wrong magic number");
  const Reader reader(mo, magic == kMagicSwapped);
  std::uint32_t revision = 0, count = 0, originals = 0, translations = 0;
  if (!reader.word(4, &revision) || !reader.word(8, &count) || !reader.word(12, &originals) ||
      !reader.word(16, &translations)) {
    return damaged("header cut short");
  }
  if ((revision >> 16) != 0) return damaged("revision " + std::to_string(revision >> 16) + " is not known");
  if (count > mo.size() / 16) return damaged("more messages than bytes");
  Catalog catalog;
  catalog.messages_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string_view key, text;
    if (!reader.string(originals, i, &key) || !reader.string(translations, i, &text)) {
      return damaged("message " + std::to_string(i) + " lies outside the file");
    }
    // A plural entry's key is "singular\0plural"; it is looked up by the singular.
    key = key.substr(0, key.find('\0'));
    if (key.empty()) {
      catalog.header_ = text;
      continue;
    }
    catalog.messages_[key] = Message{text.data(), text.size()};
  }
  return catalog;
}

const char* Catalog::find(std::string_view context, std::string_view msgid) const {
  auto it = context.empty() ? messages_.find(msgid)
                            : messages_.find(std::string(context) + kContextSeparator + std::string(msgid));
  if (it == messages_.end() || it->second.length == 0) return nullptr;
  return it->second.text;
}

const char* Catalog::find_plural(std::string_view msgid, unsigned index) const {
  auto it = messages_.find(msgid);
  if (it == messages_.end()) return nullptr;
  const std::string_view forms(it->second.text, it->second.length);
  std::size_t start = 0;
  for (unsigned i = 0; i < index; ++i) {
    const auto nul = forms.find('\0', start);
    if (nul == std::string_view::npos) return nullptr;
    start = nul + 1;
  }
  if (start >= forms.size() || forms[start] == '\0') return nullptr;
  return forms.data() + start;
}

std::vector<std::pair<std::string_view, std::string_view>> Catalog::entries() const {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  out.reserve(messages_.size());
  for (const auto& [key, message] : messages_) out.emplace_back(key, std::string_view(message.text, message.length));
  return out;
}

std::string_view Catalog::header(std::string_view field) const {
  std::size_t start = 0;
  while (start < header_.size()) {
    auto end = header_.find('\n', start);
    if (end == std::string_view::npos) end = header_.size();
    const std::string_view line = header_.substr(start, end - start);
    if (line.size() > field.size() + 1 && line.substr(0, field.size()) == field && line[field.size()] == ':') {
      std::string_view value = line.substr(field.size() + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return value;
    }
    start = end + 1;
  }
  return {};
}

}  // namespace kiosk::i18n
