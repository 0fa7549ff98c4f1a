#include "indirect_folds.hpp"

#include <cstdio>

#include "product_pipeline.hpp"

namespace factpipe::quotes::tools {

std::vector<training::IndirectArticle> collect_indirect_examples(const std::vector<const eval::Article*>& articles,
                                                                 const std::string& config,
                                                                 std::vector<std::string> overrides) {
  overrides.push_back("quotes.indirect_candidates=true");
  overrides.push_back("quotes.indirect_model=\"\"");
  overrides.push_back("quotes.speaker_model=\"\"");  // the speakers do not move the spans
  ProductPipeline pipe(config, overrides);
  std::vector<training::IndirectArticle> out;
  std::size_t words = 0, proposals = 0, right = 0;
  for (const eval::Article* a : articles) {
    out.push_back(training::indirect_examples(pipe.run(a->id, a->text), *a));
    for (const auto& t : out.back().tokens) {
      ++words;
      proposals += t.proposals.size();
      for (const auto& p : t.proposals) right += p.right;
    }
  }
  std::printf("indirect finder data: %zu words outside quotations, %zu proposals (%zu right)\n", words, proposals,
              right);
  return out;
}

}  // namespace factpipe::quotes::tools
