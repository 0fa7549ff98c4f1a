#pragma once
// The crossref stage: for every claim, ranked evidence (passages, fact-checks, other documents of the
// batch) with stances and a verdict; for every direct or partial quotation, a check against transcripts
// and earlier reports of the same speaker.
#include <atomic>
#include <filesystem>
#include <memory>
#include <vector>

#include <factpipe/plugin.hpp>
#include <factpipe/text/social_markup.hpp>

#include "batch_memory.hpp"
#include "crossref_engine.hpp"

namespace factpipe::crossref {

class CrossrefStage : public Stage {
 public:
  static PluginInfo describe();
  // verify_quotes: false reads no quotations and writes no verification.
  static StageLayers layers(const Json& config);
  void configure(const Json& config, const Context& ctx) override;
  void process(Document& doc) override;
  void prepare_batch(const std::vector<const Document*>& documents) override;
  void start_run() override;  // forgets the claims of earlier runs; the index and the models stay loaded

  // Where the index lives when the config names sources but no db: a per-user cache file keyed by the
  // sources' paths ($XDG_CACHE_HOME/factpipe, else ~/.cache/factpipe, else the temp dir).
  static std::filesystem::path default_db_path(const std::vector<std::filesystem::path>& sources);
  const std::filesystem::path& db_path() const { return db_path_; }
  // What the claim says, as the index is asked: a post's claim seen through its markup (links, handles,
  // tags, emoji, "RT" cleaned; text/README.md), else the decontextualised text, else the claim's text.
  static std::string query_text(const Document& doc, const Claim& claim, const std::vector<text::Markup>& markup);

 private:
  // Documents of one run are sources for each other. The host hands the stage every document of a batch
  // first (prepare_batch), so a claim is linked to the same claim in every other document of its batch,
  // whatever the order, and to documents of earlier batches. Without that call (a host that runs documents
  // one by one), claims of documents processed earlier are remembered instead.
  // The links, best first (extra.crossref.links of the claim; never evidence slots).
  std::vector<Evidence> link_documents(const Document& doc, const ClaimProfile& profile) const;
  // What another document can link to: each claim's text, where it is, and its document's metadata.
  static std::vector<BatchMemory::Entry> memory_entries(const Document& doc);

  Context ctx_;
  std::unique_ptr<Engine> engine_;
  std::filesystem::path db_path_;
  bool link_documents_ = true;
  bool verify_quotes_ = true;
  double document_link_min_ = 0.5;
  double factcheck_min_coverage_ = 0.1;
  BatchMemory memory_;
  std::atomic<bool> batch_prepared_{false};  // documents were remembered by prepare_batch, not by process
};

}  // namespace factpipe::crossref
