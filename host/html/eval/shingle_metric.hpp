#pragma once
// The metric of the article extraction benchmark (Zyte/Scrapinghub, evaluate.py): tokens are the runs of
// \w (Python's: letters, numbers, underscore; case kept), shingles are 4 consecutive tokens; per page
// tp/fp/fn are counted over the shingle multisets and normalised to sum 1; precision (recall) is the mean over
// pages of tp/(tp+fp) (tp/(tp+fn)), and F1 is the harmonic mean of those two means.
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::html::eval {

std::vector<std::string> word_tokens(std::string_view utf8);

struct PageCounts {
  double tp = 0, fp = 0, fn = 0;  // normalised: sum 1 (all 0 when both texts have no token)
  double precision() const;
  double recall() const;
  double f1() const;
};
PageCounts shingle_match(std::string_view truth, std::string_view predicted, std::size_t n = 4);

struct Scores {
  double precision = 0, recall = 0, f1 = 0;
};
Scores benchmark_scores(const std::vector<PageCounts>& pages);

}  // namespace factpipe::html::eval
