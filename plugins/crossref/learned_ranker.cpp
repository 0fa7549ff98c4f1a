#include "learned_ranker.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace factpipe::crossref {

namespace {

using Json = nlohmann::json;

const std::vector<std::string> kNames = {
    "first_stage",           // first-stage score / the best candidate's
    "first_rank_inv",        // 1 / (1 + first-stage rank)
    "first_rank_log",        // log(1 + first-stage rank)
    "coverage",              // idf share of the claim's words in the passage (synonyms 0.7)
    "coverage_exact",        // the same, exact stems only
    "passage_coverage",      // idf share of the passage's words that the claim has
    "proximity",             // claim word pairs near each other in the passage
    "entities",              // claim names found
    "numbers",               // claim figures confirmed
    "dates",                 // claim years found
    "claimant",              // the claimant (a tweet's author) named in the passage or title
    "bm25_text",             // BM25 of the claim's words on the passage, / the claim's idf total
    "bigrams_text",          // share of the claim's adjacent word pairs adjacent in the passage
    "matched_share",         // share of the claim's content words found (unweighted)
    "rarest_found",          // idf of the rarest claim word found / the claim's highest idf
    "passage_length_log",    // log(1 + content words of the passage)
    "overlap_f1",            // harmonic mean of coverage and passage_coverage
    "quoted",                // share of the claim's quoted phrases found word for word (passage or title)
    "title_coverage",        // fact-checks: idf share of the title's words that the claim has
    "title_claim_coverage",  // fact-checks: idf share of the claim's words in the title
    "bm25_title",            // fact-checks: BM25 of the claim's words on the title, / the claim's idf total
    "bigrams_title",         // fact-checks: share of the claim's adjacent pairs adjacent in the title
    "chars_text",       // share of the claim's character trigrams (words joined: "bedbugs" / "bed bugs") in the passage
    "chars_title",      // fact-checks: the same in the title
    "coverage_gap",     // coverage minus the best coverage among the candidates
    "bm25_gap",         // best of bm25_text / bm25_title, minus the best among the candidates
    "overlap_f1_gap",   // overlap_f1 minus the best among the candidates
    "cosine",           // fact-checks: cosine of the claim's and the fact-check's sentence vectors
    "cosine_gap",       // cosine minus the best cosine among the candidates
    "cosine_rank_inv",  // 1 / (1 + rank by cosine among the candidates)
    "cosine_z",         // cosine standardised over the candidates with vectors (how far it stands out)
    "cosine_coverage",  // cosine x coverage: close in meaning and in words
    "cosine_title_words",     // cosine x title_claim_coverage: close in meaning, the title restating the claim's words
    "cosine_title",           // fact-checks: cosine of the claim's vector and the fact-check's title's
    "cosine_title_rank_inv",  // 1 / (1 + rank by cosine_title among the candidates)
    "cosine_best",            // the higher of cosine and cosine_title
    "cosine_word_candidate",  // 1 when the word first stage found it, 0 when only the nearest vectors did
    "author_query",           // 1 when only the query on the post's author found it (the claimant feature: named)
};

enum Index : std::size_t {
  kFirstStage,
  kRankInv,
  kRankLog,
  kCoverage,
  kCoverageExact,
  kPassageCoverage,
  kProximity,
  kEntities,
  kNumbers,
  kDates,
  kClaimant,
  kBm25Text,
  kBigramsText,
  kMatchedShare,
  kRarestFound,
  kPassageLength,
  kOverlapF1,
  kQuoted,
  kTitleCoverage,
  kTitleClaimCoverage,
  kBm25Title,
  kBigramsTitle,
  kCharsText,
  kCharsTitle,
  kCoverageGap,
  kBm25Gap,
  kOverlapF1Gap,
  kCosine,
  kCosineGap,
  kCosineRankInv,
  kCosineZ,
  kCosineCoverage,
  kCosineTitleWords,
  kCosineTitle,
  kCosineTitleRankInv,
  kCosineBest,
  kCosineWordCandidate,
  kAuthorQuery,
  kCount
};

struct Side {
  std::unordered_map<std::string, int> tf;  // content stems
  std::vector<std::string> sequence;        // content stems in order
  std::vector<std::string> all;             // every stem in order (for quoted phrases)
  double length = 0;                        // content words
};

Side side_of(const std::vector<Term>& terms) {
  Side s;
  for (const auto& t : terms) {
    s.all.push_back(t.stem);
    if (!is_content(t)) continue;
    ++s.tf[t.stem];
    s.sequence.push_back(t.stem);
  }
  s.length = static_cast<double>(s.sequence.size());
  return s;
}

double bm25(const ClaimProfile& claim, const Side& side, double avg_length) {
  constexpr double k1 = 1.2, b = 0.75;
  if (claim.idf_total <= 0 || side.length <= 0) return 0;
  double sum = 0;
  for (const auto& t : claim.terms) {
    auto it = side.tf.find(t.stem);
    if (it == side.tf.end()) continue;
    double tf = it->second;
    sum += t.idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * side.length / std::max(avg_length, 1.0)));
  }
  return sum / claim.idf_total;
}

double bigram_share(const ClaimProfile& claim, const Side& side) {
  if (claim.sequence.size() < 2) return 0;
  std::unordered_set<std::string> pairs;
  for (std::size_t i = 0; i + 1 < side.sequence.size(); ++i)
    pairs.insert(side.sequence[i] + ' ' + side.sequence[i + 1]);
  std::size_t found = 0, total = 0;
  std::unordered_set<std::string> counted;
  for (std::size_t i = 0; i + 1 < claim.sequence.size(); ++i) {
    std::string p = claim.sequence[i] + ' ' + claim.sequence[i + 1];
    if (!counted.insert(p).second) continue;
    ++total;
    found += pairs.count(p);
  }
  return total ? static_cast<double>(found) / static_cast<double>(total) : 0.0;
}

bool contains_run(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// Idf share of the claim's words found in `tf` (exact stems).
double claim_share(const ClaimProfile& claim, const Side& side) {
  if (claim.idf_total <= 0) return 0;
  double got = 0;
  for (const auto& t : claim.terms)
    if (side.tf.count(t.stem)) got += t.idf;
  return got / claim.idf_total;
}

// Idf share of the side's words that the claim has (synonyms included).
double side_share(const ClaimProfile& claim, const Side& side, const IdfFn& idf) {
  double all = 0, in = 0;
  for (const auto& [stem, n] : side.tf) {
    double w = idf ? idf(stem) : 1.0;
    all += w;
    if (claim.stems_with_synonyms.count(stem)) in += w;
  }
  return all > 0 ? in / all : 0.0;
}

// Character trigrams of the letters and digits, lower case, spaces dropped: spelling and word-splitting
// differences ("bedbugs", "bed bugs", "#PrayForAmazonia") still share most of them.
std::unordered_set<std::uint32_t> char_trigrams(std::string_view text) {
  std::string squeezed;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) squeezed += static_cast<char>(std::tolower(u));
    else if (u >= 0x80) squeezed += c;
  }
  std::unordered_set<std::uint32_t> out;
  for (std::size_t i = 0; i + 3 <= squeezed.size(); ++i)
    out.insert(static_cast<std::uint32_t>(static_cast<unsigned char>(squeezed[i])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(squeezed[i + 1])) << 8 |
               static_cast<unsigned char>(squeezed[i + 2]));
  return out;
}

double containment(const std::unordered_set<std::uint32_t>& claim, const std::unordered_set<std::uint32_t>& other) {
  if (claim.empty()) return 0;
  std::size_t n = 0;
  for (auto g : claim) n += other.count(g);
  return static_cast<double>(n) / static_cast<double>(claim.size());
}

double f1(double a, double b) { return a + b > 0 ? 2 * a * b / (a + b) : 0.0; }

}  // namespace

const std::vector<std::string>& ranking_feature_names() { return kNames; }

bool is_dense_feature(const std::string& name) { return name.rfind("cosine", 0) == 0; }

std::vector<std::vector<double>> ranking_features(const ClaimProfile& claim, const std::vector<CandidateView>& cands,
                                                  const IdfFn& idf) {
  static_assert(kCount > 0);
  std::vector<std::vector<double>> out(cands.size(), std::vector<double>(kCount, 0.0));
  if (cands.empty()) return out;
  std::vector<Side> texts, titles;
  texts.reserve(cands.size());
  titles.reserve(cands.size());
  double text_len = 0, title_len = 0;
  std::size_t titled = 0;
  for (const auto& c : cands) {
    texts.push_back(side_of(c.passage->terms));
    text_len += texts.back().length;
    if (c.factcheck && c.title && !c.title->empty()) {
      titles.push_back(side_of(analyze(*c.title)));
      title_len += titles.back().length;
      ++titled;
    } else {
      titles.emplace_back();
    }
  }
  double avg_text = text_len / static_cast<double>(cands.size());
  double avg_title = titled ? title_len / static_cast<double>(titled) : 1.0;
  double best_first = 0;
  for (const auto& c : cands) best_first = std::max(best_first, c.first_stage);
  double max_idf = 0;
  for (const auto& t : claim.terms) max_idf = std::max(max_idf, t.idf);
  const auto claim_chars = char_trigrams(claim.text);

  for (std::size_t i = 0; i < cands.size(); ++i) {
    const CandidateView& c = cands[i];
    const Features& f = *c.features;
    auto& x = out[i];
    const Side& text = texts[i];
    const Side& title = titles[i];
    x[kFirstStage] = best_first > 0 ? c.first_stage / best_first : 0.0;
    x[kRankInv] = 1.0 / (1.0 + static_cast<double>(i));
    x[kRankLog] = std::log1p(static_cast<double>(i));
    x[kCoverage] = f.coverage;
    x[kCoverageExact] = claim_share(claim, text);
    x[kPassageCoverage] = f.passage_coverage;
    x[kProximity] = f.proximity;
    x[kEntities] = f.entities;
    x[kNumbers] = f.numbers;
    x[kDates] = f.dates;
    x[kClaimant] = f.claimant;
    x[kAuthorQuery] = c.author_candidate ? 1.0 : 0.0;
    x[kBm25Text] = bm25(claim, text, avg_text);
    x[kBigramsText] = bigram_share(claim, text);
    std::size_t matched = 0;
    double rarest = 0;
    for (const auto& t : claim.terms)
      if (text.tf.count(t.stem) || title.tf.count(t.stem)) {
        ++matched;
        rarest = std::max(rarest, t.idf);
      }
    x[kMatchedShare] =
        claim.terms.empty() ? 0.0 : static_cast<double>(matched) / static_cast<double>(claim.terms.size());
    x[kRarestFound] = max_idf > 0 ? rarest / max_idf : 0.0;
    x[kPassageLength] = std::log1p(text.length);
    x[kOverlapF1] = f1(f.coverage, f.passage_coverage);
    if (!claim.quoted.empty()) {
      std::size_t found = 0;
      for (const auto& q : claim.quoted) found += contains_run(text.all, q) || contains_run(title.all, q);
      x[kQuoted] = static_cast<double>(found) / static_cast<double>(claim.quoted.size());
    }
    x[kCharsText] = containment(claim_chars, char_trigrams(c.passage->text));
    if (title.length > 0) {
      x[kCharsTitle] = containment(claim_chars, char_trigrams(*c.title));
      x[kTitleCoverage] = side_share(claim, title, idf);
      x[kTitleClaimCoverage] = claim_share(claim, title);
      x[kBm25Title] = bm25(claim, title, avg_title);
      x[kBigramsTitle] = bigram_share(claim, title);
    }
  }
  double best_cov = 0, best_bm25 = 0, best_f1 = 0;
  for (const auto& x : out) {
    best_cov = std::max(best_cov, x[kCoverage]);
    best_bm25 = std::max(best_bm25, std::max(x[kBm25Text], x[kBm25Title]));
    best_f1 = std::max(best_f1, x[kOverlapF1]);
  }
  for (auto& x : out) {
    x[kCoverageGap] = x[kCoverage] - best_cov;
    x[kBm25Gap] = std::max(x[kBm25Text], x[kBm25Title]) - best_bm25;
    x[kOverlapF1Gap] = x[kOverlapF1] - best_f1;
  }
  // Sentence vectors: the cosine, its distance to the best, its rank (ties share the better rank). A candidate
  // without a vector (not a fact-check) keeps 0 and the worst rank.
  double best_cos = -1, sum_cos = 0, sum_sq = 0, with_vectors = 0;
  for (const auto& c : cands)
    if (c.dense) {
      best_cos = std::max(best_cos, c.cosine);
      sum_cos += c.cosine;
      sum_sq += c.cosine * c.cosine;
      with_vectors += 1;
    }
  const double mean_cos = with_vectors > 0 ? sum_cos / with_vectors : 0.0;
  const double sd_cos = with_vectors > 1 ? std::sqrt(std::max(sum_sq / with_vectors - mean_cos * mean_cos, 0.0)) : 0.0;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (!cands[i].dense) continue;
    std::size_t above = 0;
    for (const auto& o : cands) above += o.dense && o.cosine > cands[i].cosine;
    out[i][kCosine] = cands[i].cosine;
    out[i][kCosineGap] = cands[i].cosine - best_cos;
    out[i][kCosineRankInv] = 1.0 / (1.0 + static_cast<double>(above));
    out[i][kCosineZ] = sd_cos > 1e-6 ? (cands[i].cosine - mean_cos) / sd_cos : 0.0;
    out[i][kCosineCoverage] = cands[i].cosine * out[i][kCoverage];
    out[i][kCosineTitleWords] = cands[i].cosine * out[i][kTitleClaimCoverage];
    out[i][kCosineBest] = cands[i].cosine;
    out[i][kCosineWordCandidate] = cands[i].word_candidate ? 1.0 : 0.0;
  }
  // The title's own vector (a Snopes headline is not the claim it reviews): its cosine and rank.
  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (!cands[i].dense_title) continue;
    std::size_t above = 0;
    for (const auto& o : cands) above += o.dense_title && o.title_cosine > cands[i].title_cosine;
    out[i][kCosineTitle] = cands[i].title_cosine;
    out[i][kCosineTitleRankInv] = 1.0 / (1.0 + static_cast<double>(above));
    out[i][kCosineBest] = std::max(out[i][kCosineBest], cands[i].title_cosine);
  }
  return out;
}

double RankerModel::score(const std::vector<double>& x) const {
  double s = 0;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] < x.size()) s += weights[i] * (x[columns_[i]] - mean[i]) / scale[i];
  return s;
}

bool RankerModel::needs_dense() const {
  return std::any_of(features.begin(), features.end(), [](const std::string& f) { return is_dense_feature(f); });
}

const RankerModel* RankerModel::for_vectors(bool have_vectors) const {
  if (have_vectors || !needs_dense()) return this;
  return without_dense.get();
}

Json RankerModel::to_json() const {
  Json j{{"about", about}, {"features", features}, {"mean", mean}, {"scale", scale}, {"weights", weights}};
  if (without_dense) j["without_dense"] = without_dense->to_json();
  return j;
}

RankerModel RankerModel::make(std::vector<std::string> features, std::vector<double> mean, std::vector<double> scale,
                              std::vector<double> weights, const std::string& where) {
  RankerModel m;
  m.features = std::move(features);
  m.mean = std::move(mean);
  m.scale = std::move(scale);
  m.weights = std::move(weights);
  const auto& names = ranking_feature_names();
  for (const auto& f : m.features) {
    auto it = std::find(names.begin(), names.end(), f);
    if (it == names.end())
      throw std::runtime_error(
          where + ": \"features\": \"" + f +
          "\" is not a ranking feature of this build (retrain with factpipe-train-crossref-ranker)");
    std::size_t col = static_cast<std::size_t>(it - names.begin());
    if (std::find(m.columns_.begin(), m.columns_.end(), col) != m.columns_.end())
      throw std::runtime_error(where + ": \"features\": \"" + f + "\" named twice");
    m.columns_.push_back(col);
  }
  if (m.features.empty()) throw std::runtime_error(where + ": \"features\" is empty");
  const std::size_t n = m.features.size();
  if (m.mean.size() != n || m.scale.size() != n || m.weights.size() != n)
    throw std::runtime_error(where + ": \"mean\", \"scale\" and \"weights\" need " + std::to_string(n) +
                             " values each (one per feature)");
  for (std::size_t i = 0; i < n; ++i)
    if (!(m.scale[i] > 0) || !std::isfinite(m.scale[i]) || !std::isfinite(m.mean[i]) || !std::isfinite(m.weights[i]))
      throw std::runtime_error(where + ": bad value for feature \"" + m.features[i] +
                               "\" (scale must be > 0, all finite)");
  return m;
}

RankerModel RankerModel::from_json(const Json& j, const std::string& where) {
  auto need = [&](const char* key) -> const Json& {
    if (!j.is_object() || !j.contains(key) || !j[key].is_array())
      throw std::runtime_error(where + ": field \"" + key + "\" missing or not an array");
    return j[key];
  };
  RankerModel m;
  try {
    m = make(need("features").get<std::vector<std::string>>(), need("mean").get<std::vector<double>>(),
             need("scale").get<std::vector<double>>(), need("weights").get<std::vector<double>>(), where);
  } catch (const Json::exception& e) {
    throw std::runtime_error(where + ": " + e.what());
  }
  if (j.contains("about")) m.about = j["about"];
  if (j.contains("without_dense")) {
    auto words = from_json(j["without_dense"], where + " (\"without_dense\")");
    if (words.needs_dense()) throw std::runtime_error(where + ": \"without_dense\" reads sentence-vector features");
    m.without_dense = std::make_shared<const RankerModel>(std::move(words));
  }
  return m;
}

std::shared_ptr<const RankerModel> RankerModel::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("crossref: cannot read ranking model " + file.string());
  Json j;
  try {
    j = Json::parse(in);
  } catch (const Json::exception& e) {
    throw std::runtime_error("crossref: ranking model " + file.string() + ": " + e.what());
  }
  return std::make_shared<const RankerModel>(from_json(j, "crossref: ranking model " + file.string()));
}

RankerModel RankerModel::zeros() {
  auto zeros_of = [](const std::vector<std::string>& names) {
    return make(names, std::vector<double>(names.size(), 0.0), std::vector<double>(names.size(), 1.0),
                std::vector<double>(names.size(), 0.0), "zeros");
  };
  std::vector<std::string> words;
  for (const auto& f : ranking_feature_names())
    if (!is_dense_feature(f)) words.push_back(f);
  RankerModel m = zeros_of(ranking_feature_names());
  m.without_dense = std::make_shared<const RankerModel>(zeros_of(words));
  return m;
}

}  // namespace factpipe::crossref
