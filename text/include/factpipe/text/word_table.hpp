#pragma once
// A hash table from words to values for the word lists (WordList, WordMap) that the entities and quotes stages
// look every word of a text up in, many times over. Open addressing over one array of (hash, entry) slots and
// the entries in one vector: a look-up hashes the key once (inline), masks instead of dividing, and touches
// one or two cache lines, where std::unordered_map chases a pointer to a separately allocated node per entry
// of the bucket (its look-ups were a fifth of those stages' time). Entries are only added while a list is
// loaded; pointers returned by find stay valid until the next insert.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace factpipe::text {

template <class V>
class WordTable {
 public:
  // Adds `key`, or gives the entry it has its new value (as std::unordered_map's insert_or_assign).
  void insert_or_assign(std::string key, V value) {
    if (slots_.empty()) slots_.resize(16);
    const std::uint64_t h = hash(key);
    Slot& s = slots_[slot_of(key, h)];
    if (s.entry != 0) {
      entries_[s.entry - 1].second = std::move(value);
      return;
    }
    entries_.emplace_back(std::move(key), std::move(value));
    s = {h, static_cast<std::uint32_t>(entries_.size())};
    if (2 * entries_.size() > slots_.size()) rehash(2 * slots_.size());
  }

  const V* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const Slot& s = slots_[slot_of(key, hash(key))];
    return s.entry == 0 ? nullptr : &entries_[s.entry - 1].second;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = 0;  // index into entries_ + 1; 0: empty
  };

  // FNV-1a, its high bits folded into the low ones the mask keeps.
  static std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h ^ (h >> 32);
  }

  // The slot holding `key`, or the empty one where it would go.
  std::size_t slot_of(std::string_view key, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].entry != 0 && !(slots_[i].hash == h && entries_[slots_[i].entry - 1].first == key))
      i = (i + 1) & mask;
    return i;
  }

  void rehash(std::size_t n) {
    std::vector<Slot> old(n);
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.entry != 0) slots_[slot_of(entries_[s.entry - 1].first, s.hash)] = s;
  }

  std::vector<Slot> slots_;  // a power of two long, at most half full
  std::vector<std::pair<std::string, V>> entries_;
};

}  // namespace factpipe::text
