#pragma once
// One configured stage object living inside a plugin library: the host side of the bridge.
// Turns the plugin's status codes back into host exceptions that name the stage (and the document).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/host/plugin_library.hpp>
#include <factpipe/plugin.hpp>

namespace factpipe::host {

class StageInstance {
 public:
  // Creates the plugin's object; throws PluginError when the plugin cannot create one.
  StageInstance(std::shared_ptr<const PluginLibrary> library, std::string stage_name, std::filesystem::path config_dir);
  ~StageInstance();  // destroys the object before the library can go
  StageInstance(const StageInstance&) = delete;
  StageInstance& operator=(const StageInstance&) = delete;

  // Throws PluginError "stage 'x' (plugin y): configure failed: <plugin's message>".
  void configure(const Json& config);
  // Throws StageError with the stage name, the document id and the plugin's message.
  void process(Document& doc);
  // Throws PluginError "stage 'x' (plugin y): prepare_batch failed: <plugin's message>". Does nothing
  // for a plugin without the entry point (API 1.0).
  void prepare_batch(const std::vector<const Document*>& docs);
  // Throws PluginError "stage 'x' (plugin y): start_run failed: <plugin's message>".
  void start_run();

  const std::string& name() const { return name_; }
  const PluginLibrary& library() const { return *library_; }
  const std::shared_ptr<const PluginLibrary>& library_ptr() const { return library_; }

 private:
  static void log_to_spdlog(void* context, int level, const char* message);

  std::shared_ptr<const PluginLibrary> library_;  // keeps the code of object_ mapped
  std::string name_, library_path_, config_dir_;
  factpipe_host services_{};
  void* object_ = nullptr;
};

}  // namespace factpipe::host
