#include <factpipe/host/errors.hpp>

namespace factpipe::host {

// Out-of-line destructors: one vtable and typeinfo per error type.
HostError::~HostError() = default;
ConfigError::~ConfigError() = default;
PluginError::~PluginError() = default;
OutputError::~OutputError() = default;
StageError::~StageError() = default;

StageError::StageError(std::string stage_name, std::string doc_id, const std::string& message)
    : HostError("stage '" + stage_name + "' failed on document '" + doc_id + "': " + message),
      stage(std::move(stage_name)),
      document_id(std::move(doc_id)) {}

}  // namespace factpipe::host
