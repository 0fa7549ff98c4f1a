#pragma once
// Reading CLEF-2020 CheckThat! task 2 (verified claims, tweets, qrels), cleaning tweets, its metrics, and
// building an evaluation index: shared by factpipe-eval-crossref and factpipe-train-crossref-ranker.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "source_formats.hpp"

namespace factpipe::crossref::eval {

// Rows of a TSV file whose fields may be CSV-quoted ("..." with "" inside, newlines allowed).
std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& path);

// Tweets carry links, picture links, @handles, #CamelCaseTags and a signature ("— Name (@handle) January 6,
// 2020"): links and signature go, tags and handles are split into words.
std::string clean_tweet(std::string t);
// The name in the signature ("— Donald J. Trump (@realDonaldTrump) ..."), empty when there is none: the claimant.
std::string tweet_author(const std::string& t);

// What `factpipe run --claims` queries the index with for a post: the claims stage's one claim (the text
// without the byline, blanks trimmed), read through its markup (text::clean_view: links, emoji, RT out; tags
// and handles as words), the byline's name as the claimant. The entities stage is not run: the claim's names
// are its capitalised word runs here.
struct RunQuery {
  std::string text, claimant;
};
RunQuery run_query(const std::string& post);

struct ClefSplit {
  std::vector<std::string> ids;             // tweet ids
  std::vector<std::string> raw;             // the tweets as posted (what `factpipe run` is given)
  std::vector<std::string> tweets;          // cleaned
  std::vector<std::string> authors;         // from the signature (the claimant), may be empty
  std::vector<RunQuery> run_queries;        // as `factpipe run` reads them
  std::vector<std::set<std::string>> gold;  // vclaim ids per tweet
};
ClefSplit read_clef_split(const std::filesystem::path& dir);

// verified_claims.docs.tsv as fact-check records: text = the claim, title = the Snopes article title.
std::vector<SourceRecord> read_verified_claims(const std::filesystem::path& file);

struct Metrics {
  double map5 = 0, mrr = 0, p1 = 0;
  std::size_t n = 0;
};
// MAP@5 (official: average precision over the top 5, / min(#gold, 5)), MRR and P@1 over tweets with gold.
Metrics score_ranking(const std::vector<std::vector<std::string>>& ranked,
                      const std::vector<std::set<std::string>>& gold);

// Writes the records as JSON lines under `work` and indexes them into work/NAME.sqlite (reused when unchanged).
std::filesystem::path build_index(const std::filesystem::path& work, const std::string& name,
                                  const std::vector<SourceRecord>& records);

}  // namespace factpipe::crossref::eval
