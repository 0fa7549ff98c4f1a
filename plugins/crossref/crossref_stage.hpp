#pragma once
// The crossref stage: for every claim, ranked evidence (passages, fact-checks, other documents of the
// batch) with stances and a verdict; for every direct or partial quotation, a check against transcripts
// and earlier reports of the same speaker.
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include <factpipe/plugin.hpp>

#include "crossref_engine.hpp"

namespace factpipe::crossref {

// Claims of documents already processed in this run: documents of one batch are sources for each other.
// Order-dependent: a claim is linked to claims of documents processed BEFORE its own document.
class BatchMemory {
 public:
  struct Entry {
    std::string doc_id, title, url, publisher, date;
    std::string text;
    std::size_t start = 0, end = 0;  // code points in that document
  };
  void add(std::vector<Entry> entries);
  std::vector<Entry> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

class CrossrefStage : public Stage {
 public:
  static PluginInfo describe();
  void configure(const Json& config, const Context& ctx) override;
  void process(Document& doc) override;

  // Where the index lives when the config names sources but no db: a per-user cache file keyed by the
  // sources' paths ($XDG_CACHE_HOME/factpipe, else ~/.cache/factpipe, else the temp dir).
  static std::filesystem::path default_db_path(const std::vector<std::filesystem::path>& sources);
  const std::filesystem::path& db_path() const { return db_path_; }

 private:
  void link_documents(const Document& doc, Claim& claim, const ClaimProfile& profile,
                      const std::vector<BatchMemory::Entry>& earlier) const;

  Context ctx_;
  std::unique_ptr<Engine> engine_;
  std::filesystem::path db_path_;
  bool link_documents_ = true;
  bool verify_quotes_ = true;
  double document_link_min_ = 0.5;
  BatchMemory memory_;
};

}  // namespace factpipe::crossref
