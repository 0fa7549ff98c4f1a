#pragma once
// The host's errors. Each kind maps to one exit code of the `factpipe` command (see exit_code()).
#include <stdexcept>
#include <string>

namespace factpipe::host {

// Exit codes of the `factpipe` command, documented in `factpipe --help`.
enum class ExitCode : int {
  ok = 0,
  documents_failed = 1,  // the run finished, but some documents failed
  usage = 2,             // bad command line, config or validation error, missing input
  plugin = 3,            // a plugin could not be loaded or configured
  io = 4,                // output could not be written
};

struct HostError : std::runtime_error {
  using std::runtime_error::runtime_error;
  ~HostError() override;
};

// Bad command line, pipeline file or input path.
struct ConfigError : HostError {
  using HostError::HostError;
  ~ConfigError() override;
};

// A library that is not a loadable factpipe plugin, or a stage that failed to configure.
struct PluginError : HostError {
  using HostError::HostError;
  ~PluginError() override;
};

// A stage failed on one document: the document fails, the batch goes on.
struct StageError : HostError {
  StageError(std::string stage, std::string document_id, const std::string& message);
  ~StageError() override;
  std::string stage, document_id;
};

struct OutputError : HostError {
  using HostError::HostError;
  ~OutputError() override;
};

}  // namespace factpipe::host
