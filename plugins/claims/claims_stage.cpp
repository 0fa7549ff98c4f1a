#include "claims_stage.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <factpipe/text/mention_index.hpp>
#include "appositives.hpp"
#include "claim_typer.hpp"
#include "claimant_attribution.hpp"
#include "clause_splitter.hpp"
#include "decontextualizer.hpp"
#include "non_claims.hpp"
#include "sentence_vector_features.hpp"

#include <factpipe/text/clean_view.hpp>
#include <factpipe/utf8.hpp>

namespace factpipe::claims {
namespace {

Json config_schema() {
  const ClaimsConfig d;  // the defaults, written once
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"model",
         {{"type", "string"},
          {"default", d.model},
          {"description",
           "Check-worthiness model file (factpipe-train-claims); relative paths: pipeline dir, then the plugin's data "
           "dir"}}},
        {"lexicon",
         {{"type", "string"},
          {"default", d.lexicon},
          {"description", "Word lists the features use; must be the ones the model was trained with (checked)"}}},
        {"threshold",
         {{"type", {"number", "null"}},
          {"minimum", 0},
          {"maximum", 1},
          {"default", nullptr},
          {"description",
           "Minimum check-worthiness probability of a claim; null uses the model's threshold for operating_point"}}},
        {"operating_point",
         {{"type", "string"},
          {"enum", {"recall", "f1"}},
          {"default", d.operating_point},
          {"description",
           "Model threshold used when threshold is null: 'recall' (90% recall on held-out ClaimBuster folds: "
           "check a sentence too many rather than miss a claim) or 'f1' (best F1 there)"}}},
        {"split_clauses",
         {{"type", "boolean"},
          {"default", d.split_clauses},
          {"description",
           "Split a sentence holding two independent statements (';', 'X rose and Y fell', '..., but ...') into two "
           "claims"}}},
        {"identity_appositives",
         {{"type", "boolean"},
          {"default", d.identity_appositives},
          {"description",
           "Also emit identity claims for appositives such as 'Chang Ho-jin, the South Korean National Security "
           "Adviser'"}}},
        {"publication",
         {{"type", "string"},
          {"default", d.publication},
          {"description", "Claimant of unattributed claims when the document's metadata names no publisher"}}},
        {"whole_document_max_chars",
         {{"type", "integer"},
          {"minimum", 0},
          {"default", d.whole_document_max_chars},
          {"description",
           "A document at most this long (its text without links, emoji and byline) in which no "
           "claim is found is checked as one claim (a post, a headline); 0: never. An input "
           "marked as a claim (`\"claim\": true`, `factpipe run --claims`) always is"}}},
        {"encoder",
         {{"type", "boolean"},
          {"default", d.encoder},
          {"description",
           "Opt-in: add the sentence encoder's vector (USE lite, scripts/fetch-model.sh) to the features and use "
           "encoder_model; better check-worthiness, but ~3 ms of CPU per sentence (the stage runs ~250x "
           "slower)"}}},
        {"encoder_model",
         {{"type", "string"},
          {"default", d.encoder_model},
          {"description",
           "Model file used when encoder is true (factpipe-train-claims --sentence-vector 1); relative paths as for "
           "model"}}},
        {"encoder_dir",
         {{"type", "string"},
          {"default", d.encoder_dir},
          {"description", "Folder of the sentence encoder's model; empty: the one scripts/fetch-model.sh fills"}}}}}};
}

// The host has validated the config against the schema and filled in its defaults (ClaimsConfig's).
ClaimsConfig parse_config(const Json& j) {
  ClaimsConfig c;
  c.model = j.at("model").get<std::string>();
  c.lexicon = j.at("lexicon").get<std::string>();
  if (!j.at("threshold").is_null()) c.threshold = j.at("threshold").get<double>();
  c.operating_point = j.at("operating_point").get<std::string>();
  c.split_clauses = j.at("split_clauses").get<bool>();
  c.identity_appositives = j.at("identity_appositives").get<bool>();
  c.publication = j.at("publication").get<std::string>();
  c.whole_document_max_chars = j.at("whole_document_max_chars").get<std::size_t>();
  c.encoder = j.at("encoder").get<bool>();
  c.encoder_model = j.at("encoder_model").get<std::string>();
  c.encoder_dir = j.at("encoder_dir").get<std::string>();
  return c;
}

Span range_span(const AnalyzedSentence& s, WordRange r) {
  return Span{s.words[r.first].start, s.words[r.last - 1].end};
}

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

// The entities mentioned inside `span`, each once, in index order.
std::vector<int> entities_inside(const text::MentionIndex& mentions, Span span) {
  std::set<int> entities;
  for (auto* m : mentions.inside(span))
    if (m->entity >= 0) entities.insert(m->entity);
  return {entities.begin(), entities.end()};
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
  // The markup: a post's byline names its claimant, and a short post is checked without its links and emoji.
  info.requires_layers = {Layer::sentences, Layer::markup, Layer::entities, Layer::quotes};
  info.provides_layers = {Layer::claims, Layer::checkworthiness};
  info.config_schema = config_schema();
  info.thread_safe = true;
  return info;
}

void ClaimsStage::configure(const Json& config, const Context& ctx) {
  ClaimsConfig c = parse_config(config);
  auto lexicon_file = ctx.resolve(c.lexicon);
  FeatureOptions options;
  options.sentence_vector = c.encoder;
  FeatureExtractor extractor(CheckworthinessLexicon::load(lexicon_file), options);
  if (!c.encoder) {
    auto model = CheckworthinessModel::load(ctx.resolve(c.model), extractor.signature());
    configure(std::move(c), std::move(extractor), std::move(model));
    return;
  }
  // The encoder first: fetching it is the first step, training the model the second.
  std::shared_ptr<const encoder::SentenceEncoder> sentence_encoder;
  try {
    sentence_encoder = encoder::SentenceEncoder::load(c.encoder_dir.empty() ? encoder::default_model_dir()
                                                                            : std::filesystem::path(c.encoder_dir));
  } catch (const encoder::ModelError& e) {
    throw std::runtime_error(std::string("claims: encoder is true but the sentence encoder cannot be loaded (set "
                                         "claims.encoder to false to run without it): ") +
                             e.what());
  }
  auto model_file = ctx.resolve(c.encoder_model);
  if (!std::filesystem::exists(model_file))
    throw std::runtime_error("claims: encoder is true but its model " + model_file.string() +
                             " is absent (looked beside the pipeline and in " + ctx.data_dir().string() +
                             "): train it with `factpipe-train-claims --sentence-vector 1` (see "
                             "plugins/claims/README.md) or set claims.encoder to false");
  auto model = CheckworthinessModel::load(model_file, extractor.signature());
  configure(std::move(c), std::move(extractor), std::move(model), std::move(sentence_encoder));
}

void ClaimsStage::configure(ClaimsConfig config, FeatureExtractor extractor, CheckworthinessModel model,
                            std::shared_ptr<const encoder::SentenceEncoder> sentence_encoder) {
  if (model.info().feature_set != extractor.signature())
    throw std::runtime_error("claims: the model was trained for feature set '" + model.info().feature_set +
                             "' but the features are '" + extractor.signature() + "'");
  if (extractor.options().sentence_vector != (sentence_encoder != nullptr))
    throw std::invalid_argument("claims: a model with sentence-vector features needs the encoder, and only it does");
  config_ = std::move(config);
  extractor_ = std::make_unique<const FeatureExtractor>(std::move(extractor));
  model_ = std::make_unique<const CheckworthinessModel>(std::move(model));
  encoder_ = std::move(sentence_encoder);
  threshold_ =
      config_.threshold.value_or(config_.operating_point == "f1" ? model_->threshold() : model_->recall_threshold());
}

static bool is_claim_input(const Document& doc) {
  auto input = doc.extra.find("input");
  return input != doc.extra.end() && input->is_object() && input->value("claim", false);
}

void ClaimsStage::add_whole_text_claim(Document& doc, const std::vector<text::Markup>& markup,
                                       const std::string& claimant, double score) const {
  std::size_t end = doc.text.size();
  for (const auto& m : markup)
    if (m.kind == text::MarkupKind::byline) end = std::min(end, m.span.start);
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::size_t start = 0;
  while (start < end && blank(doc.text[start])) ++start;
  while (end > start && blank(doc.text[end - 1])) --end;
  if (start == end) return;
  Claim c;
  c.span = Span{start, end};
  c.text = std::string(doc.slice(c.span));
  c.score = score;
  AnalyzedSentence s = extractor_->analyze(doc.slice(c.span), c.span.start);
  WordRange all{0, s.words.size()};
  c.type = s.words.empty() ? "event" : std::string(claim_type(s, all));
  c.claimant = claimant;
  c.sentence = doc.sentence_at(start);
  c.entities = entities_inside(text::MentionIndex(doc), c.span);
  c.numbers = spans_inside(s, s.numbers, all);
  c.dates = spans_inside(s, s.dates, all);
  c.extra["claims"] = Json{{"whole_text", true}};
  for (const auto& m : markup)
    if (m.kind == text::MarkupKind::byline && !m.date.empty()) c.extra["claims"]["date"] = m.date;
  doc.claims.push_back(std::move(c));
}

void ClaimsStage::process(Document& doc) {
  if (!model_) throw std::logic_error("claims: process() before configure()");
  const text::MentionIndex mentions(doc);
  const bool have_entities = doc.has_layer("entities");
  const std::vector<text::Markup> markup = text::markup_of(doc);
  // An embedded tweet's byline names who said it: the claimant of what the post says unattributed.
  std::string byline_name;
  for (const auto& m : markup)
    if (m.kind == text::MarkupKind::byline) byline_name = m.name;
  const std::string publication = !byline_name.empty()             ? byline_name
                                  : doc.metadata.publisher.empty() ? config_.publication
                                                                   : doc.metadata.publisher;
  doc.claims.clear();
  // With the encoder, the sentences' vectors are made in one batch (faster per sentence); a clause gets its own.
  std::vector<std::vector<float>> sentence_vectors;
  if (encoder_) {
    std::vector<std::string> texts;
    texts.reserve(doc.sentences.size());
    for (const auto& sentence : doc.sentences) texts.emplace_back(doc.slice(sentence.span));
    sentence_vectors = encoder_->encode_batch(texts);
  }
  // `vector`: the encoder's vector of `a`'s text when the stage has the encoder (nullptr: encode it here).
  auto probability = [&](const AnalyzedSentence& a, std::string_view text, const std::vector<float>* vector) {
    auto x = extractor_->extract(a);
    if (encoder_) {
      std::vector<float> own;
      if (!vector) vector = &(own = encoder_->encode(text));
      append_sentence_vector(x, *vector);
    }
    return model_->probability(x);
  };
  auto vector_of = [&](std::size_t si) { return encoder_ ? &sentence_vectors[si] : nullptr; };
  if (is_claim_input(doc)) {
    // The input says what the claim is: all of it, once (sentences still get their scores).
    for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
      Sentence& sentence = doc.sentences[si];
      AnalyzedSentence s = extractor_->analyze(doc.slice(sentence.span), sentence.span.start);
      if (have_entities) s.entity_mentions = static_cast<int>(mentions.count_names_inside(sentence.span));
      sentence.checkworthiness = probability(s, doc.slice(sentence.span), vector_of(si));
    }
    // Who says a claim given as input is known from its byline or its record's publisher only: "the
    // publication" names the author of an article's own statements, not of a pasted claim (crossref would look
    // for the word "publication" as its claimant).
    add_whole_text_claim(doc, markup, !byline_name.empty() ? byline_name : doc.metadata.publisher, 1.0);
    doc.add_layer("checkworthiness");
    doc.add_layer("claims");
    return;
  }

  std::size_t statements = 0;  // sentences that state something (see below)
  for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
    Sentence& sentence = doc.sentences[si];
    if (sentence.extra.is_object()) sentence.extra.erase("claims");  // from an earlier run of this stage
    AnalyzedSentence s = extractor_->analyze(doc.slice(sentence.span), sentence.span.start);
    if (have_entities) s.entity_mentions = static_cast<int>(mentions.count_names_inside(sentence.span));
    const double score = probability(s, doc.slice(sentence.span), vector_of(si));
    sentence.checkworthiness = score;
    if (s.words.empty()) continue;

    WordRange whole{dateline_prefix(s), s.words.size()};
    NotClaim reason = classify_non_claim(s, whole);
    if (whole.first == whole.last) reason = NotClaim::dateline;
    // Opinion and hedged statements still say something a reader may want checked; questions, greetings,
    // bylines and datelines do not.
    if (reason == NotClaim::none || reason == NotClaim::opinion || reason == NotClaim::hedged) ++statements;
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
      c.entities = entities_inside(mentions, c.span);
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
        clause_score = probability(clause, doc.slice(span), nullptr);
      }
      if (clause_score < threshold_) continue;
      emit(r, clause_score, claim_type(s, r));
    }
  }
  // A short text that states something but has no claim the model trusts (a post, a headline) is still
  // checked, as a whole.
  if (doc.claims.empty() && statements > 0 && config_.whole_document_max_chars > 0) {
    text::CleanView view = text::clean_view(doc.text, markup);
    std::size_t chars = utf8::count_code_points(view.text());
    if (chars <= config_.whole_document_max_chars && view.text().find_first_not_of(" \t\r\n") != std::string::npos) {
      double best = 0;
      for (const auto& sentence : doc.sentences) best = std::max(best, sentence.checkworthiness.value_or(0.0));
      add_whole_text_claim(doc, markup, publication, best);
    }
  }
  std::stable_sort(doc.claims.begin(), doc.claims.end(),
                   [](const Claim& a, const Claim& b) { return a.span.start < b.span.start; });
  doc.add_layer("checkworthiness");
  doc.add_layer("claims");
}

}  // namespace factpipe::claims
