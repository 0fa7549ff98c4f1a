#include "claims_stage.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "appositives.hpp"
#include "attribution.hpp"
#include "claim_typer.hpp"
#include "clause_splitter.hpp"
#include "decontextualizer.hpp"
#include "mention_index.hpp"
#include "non_claims.hpp"

namespace factpipe::claims {
namespace {

Json config_schema() {
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"model",
         {{"type", "string"},
          {"default", "checkworthiness.model"},
          {"description", "Check-worthiness model file (factpipe-train-claims); relative paths: pipeline dir, then the plugin's data dir"}}},
        {"lexicon",
         {{"type", "string"},
          {"default", "lexicon.txt"},
          {"description", "Word lists the features use; must be the ones the model was trained with (checked)"}}},
        {"threshold",
         {{"type", {"number", "null"}},
          {"minimum", 0},
          {"maximum", 1},
          {"default", nullptr},
          {"description", "Minimum check-worthiness probability of a claim; null uses the model's threshold for operating_point"}}},
        {"operating_point",
         {{"type", "string"},
          {"enum", {"recall", "f1"}},
          {"default", "recall"},
          {"description", "Model threshold used when threshold is null: 'recall' (90% recall on held-out ClaimBuster folds: "
                          "check a sentence too many rather than miss a claim) or 'f1' (best F1 there)"}}},
        {"split_clauses",
         {{"type", "boolean"},
          {"default", true},
          {"description", "Split a sentence holding two independent statements (';', 'X rose and Y fell', '..., but ...') into two claims"}}},
        {"identity_appositives",
         {{"type", "boolean"},
          {"default", true},
          {"description", "Also emit identity claims for appositives such as 'Chang Ho-jin, the South Korean National Security Adviser'"}}},
        {"publication",
         {{"type", "string"},
          {"default", "the publication"},
          {"description", "Claimant of unattributed claims when the document's metadata names no publisher"}}}}}};
}

ClaimsConfig parse_config(const Json& j) {
  if (!j.is_object()) throw std::runtime_error("claims: config must be an object");
  ClaimsConfig c;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    auto want = [&](bool ok, const char* what) {
      if (!ok) throw std::runtime_error("claims: config '" + key + "' must be " + what + ", got " + v.dump());
    };
    if (key == "model") { want(v.is_string(), "a string"); c.model = v.get<std::string>(); }
    else if (key == "lexicon") { want(v.is_string(), "a string"); c.lexicon = v.get<std::string>(); }
    else if (key == "threshold") {
      if (!v.is_null()) {
        want(v.is_number() && v.get<double>() >= 0.0 && v.get<double>() <= 1.0, "null or a number in [0,1]");
        c.threshold = v.get<double>();
      }
    } else if (key == "operating_point") {
      want(v.is_string() && (v == "recall" || v == "f1"), "\"recall\" or \"f1\"");
      c.operating_point = v.get<std::string>();
    } else if (key == "split_clauses") { want(v.is_boolean(), "true or false"); c.split_clauses = v.get<bool>(); }
    else if (key == "identity_appositives") { want(v.is_boolean(), "true or false"); c.identity_appositives = v.get<bool>(); }
    else if (key == "publication") { want(v.is_string(), "a string"); c.publication = v.get<std::string>(); }
    else
      throw std::runtime_error("claims: unknown config key '" + key +
                               "' (allowed: model, lexicon, threshold, operating_point, split_clauses, identity_appositives, publication)");
  }
  return c;
}

Span range_span(const AnalyzedSentence& s, WordRange r) { return Span{s.words[r.first].start, s.words[r.last - 1].end}; }

// Trims a clause's word range: no leading commas or connecting "and"/"but", no trailing commas.
WordRange trim(const AnalyzedSentence& s, WordRange r) {
  while (r.first < r.last && (s.words[r.first].lower == "," || s.words[r.first].lower == ";")) ++r.first;
  while (r.last > r.first && (s.words[r.last - 1].lower == "," || s.words[r.last - 1].lower == ";")) --r.last;
  return r;
}

std::vector<Span> spans_inside(const AnalyzedSentence& s, const std::vector<WordRange>& ranges, WordRange r) {
  std::vector<Span> out;
  for (auto& x : ranges)
    if (x.first >= r.first && x.last <= r.last) out.push_back(range_span(s, x));
  return out;
}

}  // namespace

PluginInfo ClaimsStage::describe() {
  PluginInfo info;
  info.name = "claims";
  info.version = "1.0.0";
  info.description =
      "Check-worthiness of every sentence (logistic regression over hashed linguistic features and n-grams, "
      "trained on ClaimBuster + CLEF-2019) and the claims above a threshold, split into independent clauses, "
      "typed, attributed to a claimant and decontextualised";
  info.license = "Apache-2.0";
  info.requires_layers = {"sentences", "tokens", "entities", "quotes"};
  info.provides_layers = {"claims", "checkworthiness"};
  info.config_schema = config_schema();
  info.thread_safe = true;
  return info;
}

void ClaimsStage::configure(const Json& config, const Context& ctx) {
  ClaimsConfig c = parse_config(config);
  auto lexicon_file = ctx.resolve(c.lexicon);
  auto model_file = ctx.resolve(c.model);
  FeatureExtractor extractor(Lexicon::load(lexicon_file));
  auto model = CheckworthinessModel::load(model_file, extractor.signature());
  configure(std::move(c), std::move(extractor), std::move(model));
}

void ClaimsStage::configure(ClaimsConfig config, FeatureExtractor extractor, CheckworthinessModel model) {
  if (model.info().feature_set != extractor.signature())
    throw std::runtime_error("claims: the model was trained for feature set '" + model.info().feature_set +
                             "' but the features are '" + extractor.signature() + "'");
  config_ = std::move(config);
  extractor_ = std::make_unique<const FeatureExtractor>(std::move(extractor));
  model_ = std::make_unique<const CheckworthinessModel>(std::move(model));
  threshold_ = config_.threshold.value_or(config_.operating_point == "f1" ? model_->threshold() : model_->recall_threshold());
}

void ClaimsStage::process(Document& doc) {
  if (!model_) throw std::logic_error("claims: process() before configure()");
  const MentionIndex mentions(doc);
  const bool have_entities = doc.has_layer("entities");
  const std::string publication = doc.metadata.publisher.empty() ? config_.publication : doc.metadata.publisher;
  doc.claims.clear();
  // The hand features' raw counts are only needed (and only computed) when the model has stacked trees.
  auto probability = [&](const AnalyzedSentence& a) {
    if (!model_->has_trees()) return model_->probability(extractor_->extract(a));
    const auto hand = extractor_->hand_features(a);
    return model_->probability(extractor_->extract(a), &hand);
  };

  for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
    Sentence& sentence = doc.sentences[si];
    if (sentence.extra.is_object()) sentence.extra.erase("claims");  // from an earlier run of this stage
    AnalyzedSentence s = extractor_->analyze(doc.slice(sentence.span), sentence.span.start);
    if (have_entities) s.entity_mentions = static_cast<int>(mentions.count_names_inside(sentence.span));
    const double score = probability(s);
    sentence.checkworthiness = score;
    if (s.words.empty()) continue;

    WordRange whole{dateline_prefix(s), s.words.size()};
    NotClaim reason = classify_non_claim(s, whole);
    if (whole.first == whole.last) reason = NotClaim::dateline;
    if (reason != NotClaim::none) {
      sentence.extra["claims"] = Json{{"not_claim", std::string(to_string(reason))}};
      continue;
    }

    auto emit = [&](WordRange r, double claim_score, std::string_view type) {
      Claim c;
      c.span = range_span(s, r);
      c.text = std::string(doc.slice(c.span));
      c.score = claim_score;
      c.type = std::string(type);
      c.sentence = static_cast<int>(si);
      Attribution a = type == "identity" ? Attribution{publication, -1, -1, false, false}
                                         : attribute(doc, c.span, s, r, mentions, publication);
      c.claimant = a.claimant;
      c.claimant_entity = a.entity;
      c.quote = a.quote;
      std::set<int> entities;
      for (auto* m : mentions.inside(c.span))
        if (m->entity >= 0) entities.insert(m->entity);
      c.entities.assign(entities.begin(), entities.end());
      c.numbers = spans_inside(s, s.numbers, r);
      c.dates = spans_inside(s, s.dates, r);
      c.normalized = decontextualize(doc, s, r, a, mentions);
      doc.claims.push_back(std::move(c));
    };

    if (config_.identity_appositives)
      for (WordRange r : find_identity_appositives(s, whole)) emit(r, score, "identity");

    std::vector<WordRange> clauses = config_.split_clauses ? split_clauses(s, whole) : std::vector<WordRange>{whole};
    for (WordRange r : clauses) {
      r = trim(s, r);
      if (r.first >= r.last) continue;
      double clause_score = score;
      if (clauses.size() > 1) {
        if (classify_non_claim(s, r) != NotClaim::none) continue;
        Span span = range_span(s, r);
        AnalyzedSentence clause = extractor_->analyze(doc.slice(span), span.start);
        if (have_entities) clause.entity_mentions = static_cast<int>(mentions.count_names_inside(span));
        clause_score = probability(clause);
      }
      if (clause_score < threshold_) continue;
      emit(r, clause_score, claim_type(s, r));
    }
  }
  std::stable_sort(doc.claims.begin(), doc.claims.end(),
                   [](const Claim& a, const Claim& b) { return a.span.start < b.span.start; });
  doc.add_layer("checkworthiness");
  doc.add_layer("claims");
}

}  // namespace factpipe::claims
