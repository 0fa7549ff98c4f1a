#include "graph_model.hpp"

#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include <factpipe/encoder/model_error.hpp>

namespace factpipe::encoder {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& where, const std::string& what) {
  throw ModelError(file.string() + ": " + where + ": " + what);
}

const json& field(const std::filesystem::path& file, const json& object, const std::string& where, const char* key,
                  json::value_t type) {
  if (!object.is_object() || !object.contains(key)) fail(file, where, std::string("missing field '") + key + "'");
  const json& value = object.at(key);
  const bool ok = type == json::value_t::number_integer ? value.is_number_integer() : value.type() == type;
  if (!ok)
    fail(file, where + "." + key, std::string("expected ") + json(type).type_name() + ", found " + value.type_name());
  return value;
}

std::string strip_input(std::string input) {
  if (!input.empty() && input.front() == '^') input.erase(0, 1);
  if (auto colon = input.rfind(':'); colon != std::string::npos) input.erase(colon);
  return input;
}

std::vector<char> read_file(const std::filesystem::path& file, const std::filesystem::path& model_json,
                            const std::string& where) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) fail(model_json, where, "weight shard " + file.string() + " cannot be read (run scripts/fetch-model.sh)");
  std::vector<char> bytes(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    fail(model_json, where, "weight shard " + file.string() + " cannot be read");
  return bytes;
}

}  // namespace

std::size_t GraphTensor::size() const {
  std::size_t n = 1;
  for (auto d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

GraphModel GraphModel::load(const std::filesystem::path& model_json) {
  std::ifstream in(model_json, std::ios::binary);
  if (!in) throw ModelError(model_json.string() + ": cannot be read");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {
    throw ModelError(model_json.string() + ": not JSON: " + e.what());
  }
  GraphModel model;
  model.path_ = model_json;
  const json& topology = field(model_json, doc, "model.json", "modelTopology", json::value_t::object);
  const json& nodes = field(model_json, topology, "modelTopology", "node", json::value_t::array);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::string where = "modelTopology.node[" + std::to_string(i) + "]";
    GraphNode node;
    const auto name = field(model_json, nodes[i], where, "name", json::value_t::string).get<std::string>();
    node.op = field(model_json, nodes[i], where, "op", json::value_t::string).get<std::string>();
    if (nodes[i].contains("input")) {
      const json& inputs = field(model_json, nodes[i], where, "input", json::value_t::array);
      for (std::size_t k = 0; k < inputs.size(); ++k) {
        if (!inputs[k].is_string()) fail(model_json, where + ".input[" + std::to_string(k) + "]", "expected a string");
        node.inputs.push_back(strip_input(inputs[k].get<std::string>()));
      }
    }
    model.nodes_[name] = std::move(node);
  }

  const json& manifest = field(model_json, doc, "model.json", "weightsManifest", json::value_t::array);
  const auto dir = model_json.parent_path();
  for (std::size_t g = 0; g < manifest.size(); ++g) {
    const std::string group_where = "weightsManifest[" + std::to_string(g) + "]";
    const json& paths = field(model_json, manifest[g], group_where, "paths", json::value_t::array);
    std::vector<char> data;
    for (std::size_t p = 0; p < paths.size(); ++p) {
      const std::string where = group_where + ".paths[" + std::to_string(p) + "]";
      if (!paths[p].is_string()) fail(model_json, where, "expected a string");
      const auto shard = read_file(dir / paths[p].get<std::string>(), model_json, where);
      data.insert(data.end(), shard.begin(), shard.end());
    }
    const json& weights = field(model_json, manifest[g], group_where, "weights", json::value_t::array);
    std::size_t offset = 0;
    for (std::size_t w = 0; w < weights.size(); ++w) {
      const std::string where = group_where + ".weights[" + std::to_string(w) + "]";
      const auto name = field(model_json, weights[w], where, "name", json::value_t::string).get<std::string>();
      const auto dtype = field(model_json, weights[w], where, "dtype", json::value_t::string).get<std::string>();
      if (weights[w].contains("quantization"))
        fail(model_json, where + ".quantization", "quantised weights are not supported");
      GraphTensor tensor;
      const json& shape = field(model_json, weights[w], where, "shape", json::value_t::array);
      for (std::size_t d = 0; d < shape.size(); ++d) {
        if (!shape[d].is_number_integer() || shape[d].get<std::int64_t>() < 0)
          fail(model_json, where + ".shape[" + std::to_string(d) + "]", "expected a non-negative integer");
        tensor.shape.push_back(shape[d].get<std::int64_t>());
      }
      const std::size_t bytes = tensor.size() * 4;
      if (dtype != "float32" && dtype != "int32")
        fail(model_json, where + ".dtype", "unsupported dtype '" + dtype + "'");
      if (offset + bytes > data.size())
        fail(model_json, where,
             "'" + name + "' runs past the end of its shards (" + std::to_string(data.size()) + " bytes)");
      if (dtype == "float32") {
        tensor.floats.resize(tensor.size());
        std::memcpy(tensor.floats.data(), data.data() + offset, bytes);
      } else {
        tensor.ints.resize(tensor.size());
        std::memcpy(tensor.ints.data(), data.data() + offset, bytes);
      }
      offset += bytes;
      model.constants_[name] = std::move(tensor);
    }
    if (offset != data.size())
      fail(model_json, group_where,
           "the shards hold " + std::to_string(data.size()) + " bytes, the weights " + std::to_string(offset));
  }
  return model;
}

const GraphNode& GraphModel::node(const std::string& name, const std::string& op) const {
  auto it = nodes_.find(name);
  if (it == nodes_.end()) fail(path_, "modelTopology.node", "no node named '" + name + "'");
  if (it->second.op != op)
    fail(path_, "modelTopology.node '" + name + "'", "op is '" + it->second.op + "', expected '" + op + "'");
  return it->second;
}

const std::string& GraphModel::input(const std::string& name, const std::string& op, std::size_t index) const {
  const GraphNode& n = node(name, op);
  if (index >= n.inputs.size())
    fail(path_, "modelTopology.node '" + name + "'.input",
         "has " + std::to_string(n.inputs.size()) + " inputs, expected more than " + std::to_string(index));
  return n.inputs[index];
}

const GraphTensor& GraphModel::constant_input(const std::string& name, const std::string& op, std::size_t index,
                                              std::size_t rank) const {
  const std::string& source = input(name, op, index);
  auto it = constants_.find(source);
  if (it == constants_.end())
    fail(path_, "modelTopology.node '" + name + "'.input[" + std::to_string(index) + "]",
         "'" + source + "' is not a constant of weightsManifest");
  if (it->second.shape.size() != rank)
    fail(path_, "weightsManifest '" + source + "'.shape",
         "rank " + std::to_string(it->second.shape.size()) + ", expected " + std::to_string(rank));
  return it->second;
}

float GraphModel::scalar_float(const std::string& name, const std::string& op, std::size_t index) const {
  const GraphTensor& t = constant_input(name, op, index, 0);
  if (t.floats.size() != 1)
    fail(path_, "weightsManifest '" + input(name, op, index) + "'.dtype", "expected a float32 scalar");
  return t.floats[0];
}

std::int32_t GraphModel::scalar_int(const std::string& name, const std::string& op, std::size_t index) const {
  const GraphTensor& t = constant_input(name, op, index, 0);
  if (t.ints.size() != 1)
    fail(path_, "weightsManifest '" + input(name, op, index) + "'.dtype", "expected an int32 scalar");
  return t.ints[0];
}

}  // namespace factpipe::encoder
