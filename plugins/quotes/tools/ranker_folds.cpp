#include "ranker_folds.hpp"

#include <cstdio>

#include "product_pipeline.hpp"

namespace factpipe::quotes::tools {

std::vector<std::vector<training::RankExample>> collect_rank_examples(const std::vector<const eval::Article*>& articles,
                                                                      const std::string& config,
                                                                      std::vector<std::string> overrides) {
  overrides.push_back("quotes.speaker_candidates=true");
  overrides.push_back("quotes.speaker_model=\"\"");
  ProductPipeline pipe(config, overrides);
  std::vector<std::vector<training::RankExample>> out;
  std::size_t quotes = 0, covered = 0, rule_right = 0;
  for (const eval::Article* a : articles) {
    out.push_back(training::rank_examples(pipe.run(a->id, a->text), *a));
    for (const auto& e : out.back()) {
      ++quotes;
      covered += e.any_right();
      for (std::size_t c = 0; c < e.x.size(); ++c) rule_right += e.x[c][0] > 0 && e.right[c];
    }
  }
  std::printf(
      "speaker ranker data: %zu matched quotations, right speaker among the candidates for %.4f, rules right %.4f\n",
      quotes, quotes ? double(covered) / double(quotes) : 0.0, quotes ? double(rule_right) / double(quotes) : 0.0);
  return out;
}

}  // namespace factpipe::quotes::tools
