#pragma once
// A TensorFlow.js graph model as stored on disk: model.json's nodes (name, op, inputs) and the constant
// tensors of its weightsManifest, read from the weight shards. Only what the encoder needs: float32 and
// int32 constants, unquantised.
#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace factpipe::encoder {

struct GraphTensor {
  std::vector<std::int64_t> shape;
  std::vector<float> floats;       // float32 constants
  std::vector<std::int32_t> ints;  // int32 constants
  std::size_t size() const;
};

struct GraphNode {
  std::string op;
  std::vector<std::string> inputs;  // node names, without ":k" output suffixes or "^" control marks
};

class GraphModel {
 public:
  // Throws ModelError naming model.json's field (or the shard) at fault.
  static GraphModel load(const std::filesystem::path& model_json);

  // The node called `name`, checked to run `op`; throws ModelError naming the node otherwise.
  const GraphNode& node(const std::string& name, const std::string& op) const;
  bool has_node(const std::string& name) const { return nodes_.count(name) != 0; }
  // The constant feeding input `index` of node `name` (checked to run `op`), with its expected rank.
  const GraphTensor& constant_input(const std::string& name, const std::string& op, std::size_t index,
                                    std::size_t rank) const;
  // The name of the node feeding input `index` of `name`.
  const std::string& input(const std::string& name, const std::string& op, std::size_t index) const;
  float scalar_float(const std::string& name, const std::string& op, std::size_t index) const;
  std::int32_t scalar_int(const std::string& name, const std::string& op, std::size_t index) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::unordered_map<std::string, GraphNode> nodes_;
  std::unordered_map<std::string, GraphTensor> constants_;
};

}  // namespace factpipe::encoder
