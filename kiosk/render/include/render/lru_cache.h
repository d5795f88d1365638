// Values by key within a budget of bytes: to make room, the least recently used go first. The
// canvas keeps its rendered text lines in one, the picture cache its scaled pictures.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace kiosk::render {

template <class Value>
class LruCache {
 public:
  explicit LruCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The value kept under `key`, now the most recently used; null when there is none.
  Value* find(const std::string& key) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return &it->second.value;
  }

  // Keeps `value` under `key` (which holds nothing yet) as `bytes`, first dropping the least
  // recently used values until it fits; one value larger than the whole budget is still kept.
  Value& insert(const std::string& key, Value value, std::size_t bytes) {
    while (!lru_.empty() && bytes_ + bytes > budget_) {
      const auto victim = entries_.find(lru_.back());
      bytes_ -= victim->second.bytes;
      entries_.erase(victim);
      lru_.pop_back();
    }
    lru_.push_front(key);
    bytes_ += bytes;
    return entries_.emplace(key, Entry{std::move(value), bytes, lru_.begin()}).first->second.value;
  }

  std::size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    Value value;
    std::size_t bytes;
    std::list<std::string>::iterator lru;
  };
  std::size_t budget_;
  std::size_t bytes_ = 0;
  std::list<std::string> lru_;  // front: the most recently used key
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace kiosk::render
