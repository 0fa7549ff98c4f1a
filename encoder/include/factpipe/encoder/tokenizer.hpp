#pragma once
// The Universal Sentence Encoder lite's tokenizer, as @energetic-ai/embeddings 0.2.0 runs it: NFKC, "▁" before
// the text and for every space, then a unigram Viterbi over the SentencePiece vocabulary (dist/vocab.json).
// Quirks kept on purpose so that ids equal the JavaScript ones: the 6 reserved pieces are never matched, a
// piece whose score is null scores 0, a position no piece starts at becomes the unknown piece 0 (score 0,
// one code point; runs of unknowns merge into one), ties go to the later start, and a best score of exactly
// 0 is overwritten by any later candidate.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::encoder {

class Tokenizer {
 public:
  // Reads vocab.json (an array of [piece, score or null]); throws ModelError naming the file and entry.
  static Tokenizer load(const std::filesystem::path& vocab_json);
  // Builds from (piece, score) pairs in id order; a NaN score stands for null (scores 0).
  explicit Tokenizer(const std::vector<std::pair<std::string, double>>& vocabulary);

  // Every piece id of `text` (not cut: the encoder keeps the first max_pieces).
  std::vector<std::int32_t> encode(std::string_view text) const;
  std::size_t vocabulary_size() const { return piece_utf16_length_.size(); }

 private:
  struct Node {
    std::vector<std::pair<char32_t, std::int32_t>> children;  // sorted by code point
    double score = 0;
    std::int32_t id = -1;  // -1: no piece ends here
  };
  std::int32_t child(std::int32_t node, char32_t c) const;
  void insert(const std::u32string& piece, double score, std::int32_t id);

  std::vector<Node> trie_;
  // JavaScript steps back over a piece by its string length, in UTF-16 units.
  std::vector<std::int32_t> piece_utf16_length_;
};

}  // namespace factpipe::encoder
