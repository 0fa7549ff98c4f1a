#pragma once
// Builders for hand-made documents: sentences written for the tests, with entities and quotes filled in
// by hand where a test needs them (the claims stage reads those layers, it does not make them).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <factpipe/document.hpp>

#include <factpipe/host/stage_config.hpp>
#include "claims_stage.hpp"
#include "test_paths.hpp"

namespace factpipe::claims::test {

// Sentences joined by one space; one sentence span each; layers sentences + tokens (+ entities, quotes).
inline Document make_doc(const std::vector<std::string>& sentences) {
  Document doc("test", "");
  for (auto& s : sentences) {
    if (!doc.text.empty()) doc.text += ' ';
    Sentence sent;
    sent.span = Span{doc.text.size(), doc.text.size() + s.size()};
    doc.text += s;
    doc.sentences.push_back(sent);
  }
  doc.add_layer("sentences");
  doc.add_layer("tokens");
  doc.add_layer("entities");
  doc.add_layer("quotes");
  return doc;
}

// Byte span of the n-th occurrence (0-based) of `what` in the text; fails the test when absent.
inline Span find_span(const Document& doc, std::string_view what, int nth = 0) {
  std::size_t pos = 0;
  for (int k = 0;; ++k) {
    pos = doc.text.find(what, pos);
    if (pos == std::string::npos) {
      ADD_FAILURE() << "not in text: " << what;
      return Span{};
    }
    if (k == nth) return Span{pos, pos + what.size()};
    pos += 1;
  }
}

inline int add_entity(Document& doc, std::string type, std::string name,
                      std::vector<std::pair<std::string, MentionKind>> mentions) {
  Entity e;
  e.type = std::move(type);
  e.name = std::move(name);
  for (auto& [text, kind] : mentions) e.mentions.push_back({find_span(doc, text), kind});
  doc.entities.push_back(e);
  return static_cast<int>(doc.entities.size()) - 1;
}

inline std::filesystem::path plugin_library() { return factpipe::test::plugin_dir() / "factpipe-claims.so"; }

// The stage as the host would configure it, with the shipped model, optionally another threshold.
inline ClaimsStage configured_stage(Json config = Json::object()) {
  ClaimsStage stage;
  factpipe::host::configure_stage(stage, config, Context::for_library(plugin_library()));
  return stage;
}

inline std::vector<const Claim*> claims_of_sentence(const Document& doc, int sentence) {
  std::vector<const Claim*> out;
  for (auto& c : doc.claims)
    if (c.sentence == sentence) out.push_back(&c);
  return out;
}

// The message of what `f` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

// A folder of its own per test (pid and test name), removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("claims-test-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return path / name;
  }
};

}  // namespace factpipe::claims::test
