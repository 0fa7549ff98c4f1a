#pragma once
// The one exception the encoder throws: a model folder that is absent, incomplete or malformed. The message
// names the file and the field (or graph node) at fault, and the command to run when the model is missing.
#include <stdexcept>
#include <string>

namespace factpipe::encoder {

class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace factpipe::encoder
