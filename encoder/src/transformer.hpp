#pragma once
// The Universal Sentence Encoder lite's graph as straight-line code: token embedding (added twice, as the
// graph does) plus a sinusoidal timing signal, pre-norm transformer layers, mean pooling, a tanh layer and
// L2 normalisation. Every weight, size and constant comes from the graph (model.json), found by the name of
// the node that consumes it.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "packed_kernel.hpp"

namespace factpipe::encoder {

class GraphModel;

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

class Transformer {
 public:
  struct Norm {
    RowVector scale, bias;
    float epsilon = 0;
  };
  using Dense = PackedKernel;  // y = x * kernel + bias

  // Throws ModelError naming the node or weight that does not fit.
  static std::unique_ptr<Transformer> from_graph(const GraphModel& graph);

  // Vectors of several sentences, each a list of piece ids no longer than max_pieces(); `out` receives
  // sentences.size() rows of dimension() floats. The pieces of all sentences go through the dense layers as
  // one matrix; attention stays within each sentence.
  void encode(const std::vector<std::vector<std::int32_t>>& sentences, float* out) const;

  int max_pieces() const { return max_pieces_; }
  int dimension() const { return static_cast<int>(head_.cols()); }
  int vocabulary_rows() const { return static_cast<int>(embedding_.rows()); }

 private:
  struct Layer {
    Norm attention_norm;
    Dense qkv;
    int heads = 0, depth = 0;
    float query_scale = 0;
    Dense attention_output;
    std::optional<Dense> residual_projection;  // when the layer widens its input
    Norm ffn_norm;
    Dense ffn_in, ffn_out;
  };

  RowMatrix embed(const std::vector<std::vector<std::int32_t>>& sentences) const;
  RowMatrix run_layer(const Layer& layer, const RowMatrix& x, const std::vector<Eigen::Index>& starts) const;

  RowMatrix embedding_;
  RowMatrix timing_;  // [max_pieces, width]: the timing signal of each position
  std::vector<Layer> layers_;
  Dense head_;
  float l2_epsilon_ = 0;
  int max_pieces_ = 0;
};

}  // namespace factpipe::encoder
