#include "transformer.hpp"

#include <cmath>
#include <string>

#include <factpipe/encoder/model_error.hpp>

#include "graph_model.hpp"

namespace factpipe::encoder {
namespace {

const std::string kRoot = "module_apply_default/Encoder_en/";
const std::string kKona = kRoot + "KonaTransformer/";
const std::string kStack = kKona + "Encode/TransformerStack/";

std::string layer_prefix(int layer) { return kStack + "Layer_" + std::to_string(layer) + "/TransformerLayer/"; }

void require(const GraphModel& graph, bool ok, const std::string& what) {
  if (!ok) throw ModelError(graph.path().string() + ": " + what);
}

RowMatrix matrix(const GraphTensor& t, Eigen::Index rows, Eigen::Index cols) {
  return Eigen::Map<const RowMatrix>(t.floats.data(), rows, cols);
}

RowVector vector_input(const GraphModel& graph, const std::string& node, const std::string& op, std::size_t index,
                       Eigen::Index size) {
  const GraphTensor& t = graph.constant_input(node, op, index, 1);
  require(graph, !t.floats.empty() && t.shape[0] == size,
          "node '" + node + "' input " + std::to_string(index) + ": expected " + std::to_string(size) + " floats");
  return Eigen::Map<const RowVector>(t.floats.data(), size);
}

// A kernel [in, out] (or a 1x1 convolution's [1, 1, in, out]) and its bias.
Transformer::Dense dense(const GraphModel& graph, const std::string& product, const std::string& product_op,
                         const std::string& bias_add, Eigen::Index in) {
  const std::size_t rank = product_op == "Conv2D" ? 4 : 2;
  const GraphTensor& k = graph.constant_input(product, product_op, 1, rank);
  require(graph, !k.floats.empty() && (rank == 2 || (k.shape[0] == 1 && k.shape[1] == 1)) && k.shape[rank - 2] == in,
          "node '" + product + "': kernel of shape [" + std::to_string(k.shape[rank - 2]) + ", ...], expected " +
              std::to_string(in) + " inputs");
  const Eigen::Index out = k.shape[rank - 1];
  return Transformer::Dense(matrix(k, in, out), vector_input(graph, bias_add, "BiasAdd", 1, out));
}

Transformer::Norm norm(const GraphModel& graph, const std::string& prefix, Eigen::Index width) {
  return {vector_input(graph, prefix + "layer_norm/mul", "Mul", 0, width),
          vector_input(graph, prefix + "layer_norm/add_1", "Add", 1, width),
          graph.scalar_float(prefix + "layer_norm/add", "Add", 1)};
}

// TensorFlow's layer_norm: (x - mean) * (scale * rsqrt(variance + epsilon)) + bias, per row.
RowMatrix layer_norm(const Transformer::Norm& n, const RowMatrix& x) {
  RowMatrix y(x.rows(), x.cols());
  const float width = static_cast<float>(x.cols());
  RowVector centered(x.cols());  // one buffer for every row
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const float mean = x.row(r).sum() / width;
    centered = x.row(r).array() - mean;
    const float variance = centered.squaredNorm() / width;
    const float inverse = 1.0f / std::sqrt(variance + n.epsilon);
    y.row(r) = (n.scale * inverse).cwiseProduct(centered) + n.bias;
  }
  return y;
}

}  // namespace

std::unique_ptr<Transformer> Transformer::from_graph(const GraphModel& graph) {
  auto t = std::unique_ptr<Transformer>(new Transformer());
  const std::string lookup = kKona + "Encode/embedding_lookup";
  const GraphTensor& e = graph.constant_input(lookup, "GatherV2", 0, 2);
  t->embedding_ = matrix(e, e.shape[0], e.shape[1]);
  const Eigen::Index width = e.shape[1];
  t->max_pieces_ = graph.scalar_int(kKona + "ClipToMaxLength/Less", "Less", 1);
  require(graph, t->max_pieces_ > 0, "ClipToMaxLength/Less: the maximum length must be positive");

  // The graph adds the token embedding twice: Layer_0/add = scatter(embedding) + scatter(gather(scatter(embedding)) +
  // timing).
  const std::string embedded = kKona + "Encode/Scatter/ScatterNd";
  const std::string timing = kStack + "Layer_0/AddTimingSignal/";
  require(graph, graph.input(embedded, "ScatterNd", 1) == lookup,
          "'" + embedded + "' does not scatter the embedding lookup");
  require(graph,
          graph.input(kStack + "Layer_0/add", "Add", 0) == embedded &&
              graph.input(kStack + "Layer_0/add", "Add", 1) == timing + "Scatter/ScatterNd" &&
              graph.input(timing + "Scatter/ScatterNd", "ScatterNd", 1) == timing + "add" &&
              graph.input(timing + "add", "Add", 0) == timing + "Gather/GatherNd" &&
              graph.input(timing + "Gather/GatherNd", "GatherNd", 0) == embedded,
          "Layer_0/add is not embedding + (embedding + timing signal) as this port expects");
  const GraphTensor& inv = graph.constant_input(timing + "TimingSignal/mul_2", "Mul", 1, 2);
  require(graph, inv.shape[0] == 1 && 2 * inv.shape[1] == width,
          "timing signal: expected [1, " + std::to_string(width / 2) + "] inverse timescales");
  require(graph,
          graph.node(graph.input(timing + "TimingSignal/concat", "ConcatV2", 0), "Sin").op == "Sin" &&
              graph.node(graph.input(timing + "TimingSignal/concat", "ConcatV2", 1), "Cos").op == "Cos",
          "timing signal: expected concat(sin, cos)");
  const RowVector inverse_timescales = Eigen::Map<const RowVector>(inv.floats.data(), inv.shape[1]);
  // The timing signal of every position, computed once: a row of sines then cosines.
  const Eigen::Index half = inv.shape[1];
  t->timing_ = RowMatrix(t->max_pieces_, width);
  for (Eigen::Index position = 0; position < t->max_pieces_; ++position)
    for (Eigen::Index j = 0; j < half; ++j) {
      // float32 product, then sin/cos as TensorFlow.js computes them (in double, stored as float).
      const float angle = static_cast<float>(position) * inverse_timescales[j];
      t->timing_(position, j) = static_cast<float>(std::sin(static_cast<double>(angle)));
      t->timing_(position, half + j) = static_cast<float>(std::cos(static_cast<double>(angle)));
    }

  Eigen::Index in = width;
  for (int l = 0; graph.has_node(layer_prefix(l) + "layer_prepostprocess/layer_norm/mul"); ++l) {
    const std::string p = layer_prefix(l);
    const std::string attention = p + "MultiheadAttention/";
    Layer layer;
    layer.attention_norm = norm(graph, p + "layer_prepostprocess/", in);
    layer.qkv = dense(graph, attention + "qkv_transform_single/Conv2D", "Conv2D",
                      attention + "qkv_transform_single/BiasAdd", in);
    const GraphTensor& split = graph.constant_input(attention + "split", "SplitV", 1, 1);
    require(graph,
            split.ints.size() == 3 && split.ints[0] == split.ints[1] && split.ints[1] == split.ints[2] &&
                3 * split.ints[0] == layer.qkv.cols(),
            "node '" + attention + "split': expected 3 equal parts of the qkv transform");
    const Eigen::Index model_width = split.ints[0];
    const std::string shape = attention + "split_heads/split_last_dimension/Reshape/shape";
    layer.heads = graph.scalar_int(shape, "Pack", 2);
    layer.depth = graph.scalar_int(shape, "Pack", 3);
    require(graph, layer.heads > 0 && layer.heads * layer.depth == model_width,
            "node '" + shape + "': heads x depth != attention width");
    layer.query_scale = graph.scalar_float(attention + "mul", "Mul", 1);
    layer.attention_output = dense(graph, attention + "output_transform_single/Conv2D", "Conv2D",
                                   attention + "output_transform_single/BiasAdd", model_width);
    const Eigen::Index out = layer.attention_output.cols();
    if (graph.has_node(p + "AdjustResidualInput/dense/MatMul")) {
      layer.residual_projection =
          dense(graph, p + "AdjustResidualInput/dense/MatMul", "MatMul", p + "AdjustResidualInput/dense/BiasAdd", in);
      require(graph, layer.residual_projection->cols() == out, "node '" + p + "AdjustResidualInput': width mismatch");
    } else {
      require(graph, in == out, "layer " + std::to_string(l) + " changes width without AdjustResidualInput");
    }
    layer.ffn_norm = norm(graph, p + "FFN/layer_prepostprocess/", out);
    layer.ffn_in = dense(graph, p + "FFN/conv1/Tensordot/MatMul", "MatMul", p + "FFN/conv1/BiasAdd", out);
    graph.node(p + "FFN/conv1/Relu", "Relu");
    layer.ffn_out =
        dense(graph, p + "FFN/conv2/Tensordot/MatMul", "MatMul", p + "FFN/conv2/BiasAdd", layer.ffn_in.cols());
    require(graph, layer.ffn_out.cols() == out, "node '" + p + "FFN/conv2': width mismatch");
    t->layers_.push_back(std::move(layer));
    in = out;
  }
  require(graph, !t->layers_.empty(), "no transformer layer (" + layer_prefix(0) + "...)");
  t->head_ = dense(graph, kRoot + "hidden_layers/tanh_layer_0/MatMul", "MatMul",
                   kRoot + "hidden_layers/tanh_layer_0/BiasAdd", in);
  graph.node(kRoot + "hidden_layers/tanh_layer_0/Tanh", "Tanh");
  t->l2_epsilon_ = graph.scalar_float(kRoot + "hidden_layers/l2_normalize/Maximum", "Maximum", 1);
  return t;
}

RowMatrix Transformer::embed(const std::vector<std::vector<std::int32_t>>& sentences) const {
  Eigen::Index rows = 0;
  for (const auto& s : sentences) rows += static_cast<Eigen::Index>(s.size());
  RowMatrix x(rows, embedding_.cols());
  Eigen::Index r = 0;
  for (const auto& s : sentences) {
    for (std::size_t position = 0; position < s.size(); ++position, ++r) {
      const auto e = embedding_.row(s[position]);
      const auto timing = timing_.row(static_cast<Eigen::Index>(position));
      for (Eigen::Index j = 0; j < x.cols(); ++j) x(r, j) = e[j] + (e[j] + timing[j]);
    }
  }
  return x;
}

RowMatrix Transformer::run_layer(const Layer& layer, const RowMatrix& x,
                                 const std::vector<Eigen::Index>& starts) const {
  const RowMatrix qkv = layer.qkv.apply(layer_norm(layer.attention_norm, x));
  const Eigen::Index width = static_cast<Eigen::Index>(layer.heads) * layer.depth;
  RowMatrix attended(x.rows(), width);
  RowMatrix query, weights;  // reused by every head of a sentence
  for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
    const Eigen::Index begin = starts[s], length = starts[s + 1] - starts[s];
    if (length == 0) continue;
    for (int h = 0; h < layer.heads; ++h) {
      const Eigen::Index column = static_cast<Eigen::Index>(h) * layer.depth;
      query = qkv.block(begin, column, length, layer.depth) * layer.query_scale;
      weights.resize(length, length);
      weights.noalias() = query * qkv.block(begin, width + column, length, layer.depth).transpose();
      for (Eigen::Index i = 0; i < length; ++i) {
        auto row = weights.row(i).array();
        row = (row - row.maxCoeff()).exp();
        row /= row.sum();
      }
      attended.block(begin, column, length, layer.depth).noalias() =
          weights * qkv.block(begin, 2 * width + column, length, layer.depth);
    }
  }
  // The residual additions and the ReLU are done by the products as they store (PackedKernel::Epilogue).
  RowMatrix y;
  if (layer.residual_projection) {
    const RowMatrix residual = layer.residual_projection->apply(x);
    y = layer.attention_output.apply(attended, {&residual, false});
  } else {
    y = layer.attention_output.apply(attended, {&x, false});
  }
  const RowMatrix hidden = layer.ffn_in.apply(layer_norm(layer.ffn_norm, y), {nullptr, true});
  return layer.ffn_out.apply(hidden, {&y, false});
}

void Transformer::encode(const std::vector<std::vector<std::int32_t>>& sentences, float* out) const {
  std::vector<Eigen::Index> starts{0};
  for (const auto& s : sentences) {
    for (auto id : s)
      if (id < 0 || id >= embedding_.rows())
        throw std::out_of_range("piece id " + std::to_string(id) + " outside the embedding");
    starts.push_back(starts.back() + static_cast<Eigen::Index>(s.size()));
  }
  RowMatrix x = embed(sentences);
  for (const Layer& layer : layers_) x = run_layer(layer, x, starts);

  // Mean over each sentence's pieces (a sentence without pieces pools to zeros), then tanh and L2.
  RowMatrix pooled = RowMatrix::Zero(static_cast<Eigen::Index>(sentences.size()), x.cols());
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const Eigen::Index length = starts[s + 1] - starts[s];
    if (length > 0)
      pooled.row(static_cast<Eigen::Index>(s)) =
          x.middleRows(starts[s], length).colwise().sum() / static_cast<float>(length);
  }
  RowMatrix head = head_.apply(pooled).array().tanh().matrix();
  Eigen::Map<RowMatrix> result(out, head.rows(), head.cols());
  for (Eigen::Index r = 0; r < head.rows(); ++r) {
    const float squared = head.row(r).squaredNorm();
    result.row(r) = head.row(r) * (1.0f / std::sqrt(std::max(squared, l2_epsilon_)));
  }
}

}  // namespace factpipe::encoder
