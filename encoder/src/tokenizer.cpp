#include <factpipe/encoder/tokenizer.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <nlohmann/json.hpp>

#include <factpipe/encoder/model_error.hpp>

namespace factpipe::encoder {
namespace {

constexpr std::int32_t kReservedPieces = 6;  // <unk>-like "�", <s>, </s>, 3 extra ids: never matched
constexpr std::int32_t kUnknownId = 0;
constexpr char32_t kSpaceMarker = U'\u2581';  // "▁"

std::u32string code_points(const icu::UnicodeString& text) {
  std::u32string out;
  out.reserve(static_cast<std::size_t>(text.length()));
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
    out.push_back(static_cast<char32_t>(text.char32At(i)));
  return out;
}

// NFKC, then "▁" before the text and in place of every U+0020 (JavaScript's processInput).
std::u32string prepare(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC normaliser: ") + u_errorName(status));
  icu::UnicodeString normalized = nfkc->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC normalisation: ") + u_errorName(status));
  std::u32string symbols = code_points(normalized);
  if (symbols.empty()) return symbols;
  std::replace(symbols.begin(), symbols.end(), U' ', kSpaceMarker);
  symbols.insert(symbols.begin(), kSpaceMarker);
  return symbols;
}

}  // namespace

Tokenizer Tokenizer::load(const std::filesystem::path& vocab_json) {
  std::ifstream in(vocab_json, std::ios::binary);
  if (!in) throw ModelError(vocab_json.string() + ": cannot be read");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(vocab_json.string() + ": not JSON: " + e.what());
  }
  if (!doc.is_array()) throw ModelError(vocab_json.string() + ": expected an array of [piece, score] entries");
  std::vector<std::pair<std::string, double>> vocabulary;
  vocabulary.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const auto& entry = doc[i];
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() ||
        !(entry[1].is_number() || entry[1].is_null()))
      throw ModelError(vocab_json.string() + ": entry " + std::to_string(i) + ": expected [piece, score or null]");
    vocabulary.emplace_back(entry[0].get<std::string>(),
                            entry[1].is_null() ? std::numeric_limits<double>::quiet_NaN() : entry[1].get<double>());
  }
  if (vocabulary.size() <= static_cast<std::size_t>(kReservedPieces))
    throw ModelError(vocab_json.string() + ": only " + std::to_string(vocabulary.size()) + " entries");
  return Tokenizer(vocabulary);
}

Tokenizer::Tokenizer(const std::vector<std::pair<std::string, double>>& vocabulary) {
  trie_.emplace_back();
  piece_utf16_length_.reserve(vocabulary.size());
  for (std::size_t id = 0; id < vocabulary.size(); ++id) {
    const auto& [piece, score] = vocabulary[id];
    const icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
    piece_utf16_length_.push_back(text.length());
    // null scores count as 0, as `null + number` does in JavaScript.
    if (static_cast<std::int32_t>(id) >= kReservedPieces)
      insert(code_points(text), std::isnan(score) ? 0.0 : score, static_cast<std::int32_t>(id));
  }
}

std::int32_t Tokenizer::child(std::int32_t node, char32_t c) const {
  const auto& children = trie_[static_cast<std::size_t>(node)].children;
  auto it =
      std::lower_bound(children.begin(), children.end(), c, [](const auto& p, char32_t v) { return p.first < v; });
  return it != children.end() && it->first == c ? it->second : -1;
}

void Tokenizer::insert(const std::u32string& piece, double score, std::int32_t id) {
  if (piece.empty()) return;
  std::int32_t node = 0;
  for (char32_t c : piece) {
    std::int32_t next = child(node, c);
    if (next < 0) {
      next = static_cast<std::int32_t>(trie_.size());
      trie_.emplace_back();
      auto& children = trie_[static_cast<std::size_t>(node)].children;
      auto it =
          std::lower_bound(children.begin(), children.end(), c, [](const auto& p, char32_t v) { return p.first < v; });
      children.insert(it, {c, next});
    }
    node = next;
  }
  // A piece listed twice keeps its last id and score, as the JavaScript trie does.
  trie_[static_cast<std::size_t>(node)].score = score;
  trie_[static_cast<std::size_t>(node)].id = id;
}

std::vector<std::int32_t> Tokenizer::encode(std::string_view text) const {
  const std::u32string symbols = prepare(text);
  const std::size_t n = symbols.size();
  struct Arc {
    std::size_t start;
    double score;
    std::int32_t id;
  };
  // arcs[end]: the pieces ending at `end`, by increasing start (the order JavaScript visits them in).
  std::vector<std::vector<Arc>> arcs(n + 1);
  for (std::size_t start = 0; start < n; ++start) {
    bool matched = false;
    std::int32_t node = 0;
    for (std::size_t end = start; end < n && (node = child(node, symbols[end])) >= 0; ++end) {
      const Node& at = trie_[static_cast<std::size_t>(node)];
      if (at.id < 0) continue;
      arcs[end + 1].push_back({start, at.score, at.id});
      matched = true;
    }
    if (!matched) arcs[start + 1].push_back({start, 0.0, kUnknownId});
  }
  std::vector<double> best(n + 1, 0.0);
  std::vector<std::int32_t> words(n + 1, 0);
  for (std::size_t end = 1; end <= n; ++end) {
    for (const Arc& arc : arcs[end]) {
      const double score = arc.score + best[arc.start];
      if (best[end] == 0 || score >= best[end]) {  // ties toward the later start; 0 means "unset" there
        best[end] = score;
        words[end] = arc.id;
      }
    }
  }
  std::vector<std::int32_t> pieces;
  for (std::size_t at = n; at > 0;) {
    const std::int32_t id = words[at];
    if (!(id == kUnknownId && !pieces.empty() && pieces.back() == kUnknownId)) pieces.push_back(id);
    const auto step = static_cast<std::size_t>(std::max(1, piece_utf16_length_[static_cast<std::size_t>(id)]));
    at = step > at ? 0 : at - step;
  }
  std::reverse(pieces.begin(), pieces.end());
  return pieces;
}

}  // namespace factpipe::encoder
