#include "crossref_stage.hpp"

#include <algorithm>
#include <cstdlib>

#include <factpipe/utf8.hpp>

#include <factpipe/text/clean_view.hpp>
#include <factpipe/text/wordnet_files.hpp>

#include "source_index.hpp"
#include "wordnet.hpp"

namespace factpipe::crossref {

namespace fs = std::filesystem;

namespace {

// A link to another document of the run, as JSON: the fields of an evidence entry (code point offsets).
Json link_json(const Evidence& e) {
  Json j{{"kind", e.kind},
         {"source_id", e.source_id},
         {"title", e.title},
         {"url", e.url},
         {"publisher", e.publisher},
         {"date", e.date},
         {"passage", e.passage},
         {"start", e.passage_start},
         {"end", e.passage_end},
         {"score", e.score},
         {"stance", std::string(to_string(e.stance))},
         {"confidence", e.confidence}};
  if (auto it = e.extra.find("crossref"); it != e.extra.end()) j["reason"] = it->value("reason", std::string());
  return j;
}

Json schema() {
  auto num = [](double def, const char* desc) {
    return Json{{"type", "number"}, {"default", def}, {"description", desc}};
  };
  EngineConfig d;
  Json weights_props = {
      {"bm25", num(d.weights.bm25, "BM25 score, normalised by the best candidate's")},
      {"coverage", num(d.weights.coverage, "share of the claim's words in the passage (idf-weighted, synonyms 0.7)")},
      {"passage_coverage", num(d.weights.passage_coverage, "share of the passage's words that the claim has")},
      {"title_coverage", num(d.weights.title_coverage, "share of the source title's words that the claim has")},
      {"proximity", num(d.weights.proximity, "claim word pairs found next to each other")},
      {"entities", num(d.weights.entities, "claim entity names found")},
      {"numbers", num(d.weights.numbers, "claim numbers found with the same value")},
      {"dates", num(d.weights.dates, "claim years found")},
      {"claimant", num(d.weights.claimant, "the claimant named in the passage or its source")}};
  Json weights_default = Json::object();
  for (auto& [k, v] : weights_props.items()) weights_default[k] = v["default"];
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"db",
         {{"type", "string"},
          {"format", "path"},
          {"default", ""},
          {"description",
           "SQLite index file (in the pipeline file: relative to it; with --set: to the current folder), used as "
           "it is. Empty: a cache file keyed by the sources ($XDG_CACHE_HOME/factpipe/crossref-<hash>.sqlite)"}}},
        {"sources",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"format", "path"}}},
          {"default", Json::array()},
          {"description",
           "source files or folders (relative to the pipeline file, or with --set to the current folder), "
           "indexed into db (or the cache file) before the first document when new or changed"}}},
        {"example_sources",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"format", "path"}}},
          {"default", Json::array()},
          {"description",
           "sources of the bundled default index only: indexed into the cache file when neither db nor sources "
           "is set, never into a database you name"}}},
        {"top_k",
         {{"type", "integer"}, {"minimum", 1}, {"default", d.top_k}, {"description", "evidence kept per claim"}}},
        {"min_score", num(d.min_score, "re-ranked score below which a passage is not evidence")},
        {"candidates",
         {{"type", "integer"},
          {"minimum", 1},
          {"default", d.candidates},
          {"description", "BM25 candidates re-ranked per claim"}}},
        {"rerank",
         {{"type", "boolean"}, {"default", d.rerank}, {"description", "re-rank BM25 candidates (false: BM25 order)"}}},
        {"idf_candidates",
         {{"type", "boolean"},
          {"default", d.idf_candidates},
          {"description", "candidates by summed idf of the query words (fast on large indexes); false: FTS5 bm25()"}}},
        {"exact_postings",
         {{"type", "integer"},
          {"minimum", 0},
          {"default", d.exact_postings},
          {"description",
           "with idf_candidates, on an index of at most 200,000 passages: when the claim's words have at most this "
           "many postings together, all of them are queried (no max_postings budget) and source passages are found "
           "by FTS5 bm25(), fact-checks by the summed idf of the rarest words; 0: never"}}},
        {"max_postings",
         {{"type", "integer"},
          {"minimum", 1},
          {"default", d.max_postings},
          {"description",
           "the query takes the claim's rarest words while their document frequencies add up to at most this"}}},
        {"synonyms", {{"type", "boolean"}, {"default", d.synonyms}, {"description", "use WordNet synonyms"}}},
        {"dense",
         {{"type", "boolean"},
          {"default", d.dense},
          {"description",
           "fact-check matching by sentence vectors when the index has them and the encoder's model is present "
           "(scripts/fetch-model.sh; without it: words only, said once): the fact-checks nearest the claim's "
           "vector join the candidates and the learned fact-check ranker reads the cosine"}}},
        {"dense_weight",
         {{"type", "number"},
          {"minimum", 0},
          {"maximum", 1},
          {"default", d.dense_weight},
          {"description",
           "with sentence vectors: the weight of the claim's cosine with each fact-check mixed into its score "
           "(min-max normalised); 0: the cosine is only a feature of the learned ranker"}}},
        {"dense_candidates",
         {{"type", "integer"},
          {"minimum", 0},
          {"default", d.dense_candidates},
          {"description", "fact-checks nearest the claim's sentence vector added to the candidates"}}},
        {"author_candidates",
         {{"type", "integer"},
          {"minimum", 0},
          {"default", d.author_candidates},
          {"description",
           "a post with a byline (\"— Name (@handle) date\"): fact-checks found by the claim's words and the "
           "author's name together added to the candidates (the ranker's author_query feature marks them); 0: "
           "off"}}},
        {"refutation_signals",
         {{"type", "boolean"},
          {"default", d.stance.refutation_signals},
          {"description", "negation, antonyms, conflicting numbers and dates, changed actors count against a claim"}}},
        {"wordnet",
         {{"type", "string"},
          {"default", std::string(text::wordnet::kDefaultDir)},
          {"description", "WordNet dictionary folder (Debian wordnet-base); empty: no synonyms or antonyms"}}},
        {"weights",
         {{"type", "object"},
          {"additionalProperties", false},
          {"properties", weights_props},
          {"default", weights_default},
          {"description", "re-ranking weights (tuned on CLEF-2020 task 2 train), used when \"ranker\" is empty"}}},
        {"ranker",
         {{"type", "string"},
          {"default", ""},
          {"description",
           "learned re-ranking model, a file in the plugin's data folder (\"ranker.json\": fitted on CLEF-2020 "
           "task 2 train by factpipe-train-crossref-ranker, for matching claims to fact-checks) or an absolute "
           "path; empty: the weighted sum of \"weights\""}}},
        {"factcheck_ranker",
         {{"type", "string"},
          {"default", ""},
          {"description",
           "learned model that ranks fact-check matches among themselves (\"ranker.json\", fitted on CLEF-2020 "
           "task 2 train for exactly that), while source passages keep the weighted sum; a file in the plugin's "
           "data folder or an absolute path; empty: fact-checks by the weighted sum too. Ignored when \"ranker\" is "
           "set"}}},
        {"factcheck_min_coverage",
         num(0.1,
             "a fact-check match of an article's claim that the stance check finds unrelated is still listed, "
             "without weight in the verdict, when it holds this share of the claim's words, idf-weighted (a "
             "claim given as a whole, such as a post, lists its top_k nearest matches of each kind anyway)")},
        {"link_documents",
         {{"type", "boolean"},
          {"default", true},
          {"description",
           "link the same claim in other documents of this run (every other document of the batch, whatever the "
           "order)"}}},
        {"link_memory_claims",
         {{"type", "integer"},
          {"minimum", 0},
          {"default", BatchMemory::kDefaultEarlierLimit},
          {"description",
           "claims of earlier batches (--batch-size) kept for linking, the oldest forgotten first: memory stays "
           "bounded by the batch size however long the run (the current batch is always kept whole)"}}},
        {"verify_quotes",
         {{"type", "boolean"}, {"default", true}, {"description", "check quotations against transcripts and reports"}}},
        {"quote_min_similarity",
         num(d.quote_min_similarity, "word similarity from which a quotation counts as altered, not not_found")},
        {"verdict_threshold", num(d.verdict.strong, "combined confidence needed to call a claim supported or refuted")},
        {"dispute_threshold",
         num(d.verdict.disputed,
             "support and refutation both at least this strong: disputed (else the stronger side wins)")}}}};
}

std::string cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/factpipe";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/factpipe";
  return (fs::temp_directory_path() / "factpipe").string();
}

}  // namespace

PluginInfo CrossrefStage::describe() {
  PluginInfo info;
  info.name = "crossref";
  info.version = "1.0.0";
  info.description =
      "Cross-references claims with an SQLite FTS5 index of sources and fact-checks: BM25 candidates "
      "re-ranked by coverage, synonyms, entities, numbers, dates and claimant; stance per passage; a verdict; "
      "quotation checks against transcripts";
  info.license = "MIT";
  StageLayers l = layers(Json::object());
  info.requires_layers = std::move(l.requires_layers);
  info.provides_layers = std::move(l.provides_layers);
  info.config_schema = schema();
  info.thread_safe = true;
  info.prepare_batch = true;  // links claims across the documents of a batch in both directions
  return info;
}

StageLayers CrossrefStage::layers(const Json& config) {
  // A claim's entities are looked for by name, a post's claim is read without its markup; the quotations are
  // read and verified only when verify_quotes is on.
  StageLayers l{{Layer::markup, Layer::entities, Layer::claims}, {Layer::evidence, Layer::verdicts}};
  if (config.value("verify_quotes", true)) {
    l.requires_layers.push_back(Layer::quotes);
    l.provides_layers.push_back(Layer::quote_verification);
  }
  return l;
}

fs::path CrossrefStage::default_db_path(const std::vector<fs::path>& sources) {
  std::string key;
  for (const auto& s : sources) {
    std::error_code ec;
    key += fs::weakly_canonical(fs::absolute(s), ec).string() + "\n";
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(content_hash(key)));
  return fs::path(cache_dir()) / (std::string("crossref-") + hex + ".sqlite");
}

void CrossrefStage::configure(const Json& config, const Context& ctx) {
  // The host has validated the config against the schema and filled in its defaults (EngineConfig's).
  ctx_ = ctx;
  EngineConfig ec;
  auto set = [&](const char* key, auto& target) { target = config.at(key).get<std::decay_t<decltype(target)>>(); };
  set("top_k", ec.top_k);
  set("min_score", ec.min_score);
  set("candidates", ec.candidates);
  set("rerank", ec.rerank);
  set("idf_candidates", ec.idf_candidates);
  set("max_postings", ec.max_postings);
  set("exact_postings", ec.exact_postings);
  set("synonyms", ec.synonyms);
  set("dense", ec.dense);
  set("dense_weight", ec.dense_weight);
  set("dense_candidates", ec.dense_candidates);
  set("author_candidates", ec.author_candidates);
  set("refutation_signals", ec.stance.refutation_signals);
  set("quote_min_similarity", ec.quote_min_similarity);
  set("verdict_threshold", ec.verdict.strong);
  set("dispute_threshold", ec.verdict.disputed);
  const Json& w = config.at("weights");
  auto& W = ec.weights;
  for (auto [key, target] : {std::pair{"bm25", &W.bm25},
                             {"coverage", &W.coverage},
                             {"passage_coverage", &W.passage_coverage},
                             {"title_coverage", &W.title_coverage},
                             {"proximity", &W.proximity},
                             {"entities", &W.entities},
                             {"numbers", &W.numbers},
                             {"dates", &W.dates},
                             {"claimant", &W.claimant}})
    *target = w.at(key).get<double>();
  set("link_documents", link_documents_);
  memory_.set_earlier_limit(config.at("link_memory_claims").get<std::size_t>());
  set("factcheck_min_coverage", factcheck_min_coverage_);
  set("verify_quotes", verify_quotes_);

  load_word_lists(ctx.data_dir().string());
  // The learned re-ranker: a bad or missing file fails here, naming it.
  auto model = [&](const char* key) -> std::shared_ptr<const RankerModel> {
    auto file = config.at(key).get<std::string>();
    if (file.empty()) return nullptr;
    return RankerModel::load(fs::path(file).is_absolute() ? fs::path(file) : ctx.data_dir() / file);
  };
  ec.ranker = model("ranker");
  ec.factcheck_ranker = model("factcheck_ranker");

  std::shared_ptr<const WordNet> wordnet;
  auto wn_dir = config.at("wordnet").get<std::string>();
  if (!wn_dir.empty()) {
    if (!fs::exists(fs::path(wn_dir) / "data.noun"))
      throw std::runtime_error("crossref: WordNet not found: " + (fs::path(wn_dir) / "data.noun").string() +
                               " (install Debian's wordnet-base, or set \"wordnet\": \"\")");
    wordnet = WordNet::shared(wn_dir);
  }

  std::vector<fs::path> sources;
  auto db = config.at("db").get<std::string>();
  auto listed = config.at("sources").get<std::vector<std::string>>();
  // The bundled examples go into their own cache index only: a database the user names is used as it is.
  if (listed.empty() && db.empty()) listed = config.at("example_sources").get<std::vector<std::string>>();
  for (const auto& s : listed) {
    fs::path p = ctx.resolve(s);
    if (!fs::exists(p)) throw std::runtime_error("crossref: source not found: " + p.string() + " (from \"" + s + "\")");
    sources.push_back(p);
  }
  db_path_ = db.empty() ? (sources.empty() ? fs::path() : default_db_path(sources)) : ctx.resolve(db);
  if (!sources.empty()) {
    // Index new or changed sources now, before the first document. A read-only location that is already
    // up to date is fine.
    auto index_into = [&](const fs::path& path) {
      SourceIndex index(path);
      IndexStats s = index.update(sources);
      for (const auto& e : s.errors) ctx.warn("crossref: bad source record: " + e.to_string());
      if (s.files_indexed || s.files_removed)
        ctx.info("crossref: indexed " + std::to_string(s.files_indexed) + " files (" + std::to_string(s.passages) +
                 " passages) into " + path.string());
    };
    try {
      index_into(db_path_);
    } catch (const std::exception& e) {
      if (fs::exists(db_path_)) {
        ctx.warn(std::string("crossref: cannot update the index, using it as it is: ") + e.what());
      } else if (db.empty()) {
        // No writable cache (a read-only home): a per-run index in the temp folder still works.
        fs::path fallback = fs::temp_directory_path() / "factpipe" / db_path_.filename();
        ctx.warn(std::string("crossref: ") + e.what() + "; indexing into " + fallback.string());
        db_path_ = fallback;
        index_into(db_path_);
      } else {
        throw;
      }
    }
  } else if (!db_path_.empty() && !fs::exists(db_path_)) {
    throw std::runtime_error("crossref: index not found: " + db_path_.string() + " (build it with `factpipe index`)");
  }
  if (db_path_.empty()) ctx.warn("crossref: no sources and no db configured: claims get no evidence from an index");
  engine_ = std::make_unique<Engine>(db_path_, ec, wordnet);
}

std::string CrossrefStage::query_text(const Document& doc, const Claim& claim,
                                      const std::vector<text::Markup>& markup) {
  bool valid_span = !claim.span.empty() && claim.span.end <= doc.text.size();
  // A post's claim is read as a reader takes it: without links, emoji and "RT", tags and handles as words
  // (text/README.md). The markup is the segmenter's, by offsets: the document's text is never rewritten.
  if (valid_span)
    for (const auto& m : markup)
      if (m.span.overlaps(claim.span)) return text::clean_view(doc.text, markup, claim.span).text();
  std::string text = !claim.normalized.empty() ? claim.normalized : claim.text;
  if (text.empty() && valid_span) text = std::string(doc.slice(claim.span));
  return text;
}

std::vector<BatchMemory::Entry> CrossrefStage::memory_entries(const Document& doc) {
  std::vector<BatchMemory::Entry> entries;
  utf8::OffsetMap map(doc.text);
  const auto markup = text::markup_of(doc);
  for (const auto& claim : doc.claims) {
    BatchMemory::Entry e{doc.id(),
                         doc.metadata.title,
                         doc.metadata.url,
                         doc.metadata.publisher,
                         doc.metadata.published,
                         query_text(doc, claim, markup),
                         0,
                         0,
                         {}};
    if (!claim.span.empty() && claim.span.end <= doc.text.size()) {
      e.start = map.to_code_point(claim.span.start);
      e.end = map.to_code_point(claim.span.end);
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

void CrossrefStage::prepare_batch(const std::vector<const Document*>& documents) {
  if (!link_documents_) return;
  std::vector<BatchMemory::Entry> all;
  for (const Document* doc : documents)
    for (auto& e : memory_entries(*doc)) all.push_back(std::move(e));
  memory_.add(std::move(all));
  batch_prepared_ = true;
}

void CrossrefStage::start_run() {
  memory_.clear();
  batch_prepared_ = false;
}

std::vector<Evidence> CrossrefStage::link_documents(const Document& doc, const ClaimProfile& profile) const {
  std::vector<Evidence> links;
  const auto& cfg = engine_->config();
  // The candidates' shared-word weight is exactly the coverage feature, so only claims that can pass the
  // test below are compared (0.25 when matching figures can make up for fewer shared words); at most 20.
  const double least = profile.numbers.empty() ? document_link_min_ : std::min(document_link_min_, 0.25);
  for (const auto& other_ptr : memory_.candidates(profile, doc.id(), least, 20)) {
    const BatchMemory::Entry& other = *other_ptr;
    const PassageProfile& passage = other.profile;
    Features f = compute_features(profile, passage, "", "");
    bool numbers_match = !profile.numbers.empty() && f.numbers >= 1.0;
    // The same claim both ways: most of this claim's words in the other and most of the other's in this
    // one, so that a long sentence that merely mentions the same people is not "the same claim".
    double both_ways = std::min(f.coverage, f.passage_coverage);
    if (both_ways < document_link_min_ && !(numbers_match && both_ways >= 0.25)) continue;
    StanceResult st = judge_stance(profile, passage, f, cfg.stance);
    if (st.stance == Stance::unrelated) continue;
    Evidence e;
    e.kind = "document";
    e.source_id = other.doc_id;
    e.title = other.title;
    e.url = other.url;
    e.publisher = other.publisher;
    e.date = other.date;
    e.passage = other.text;
    e.passage_start = other.start;
    e.passage_end = other.end;
    e.score = cfg.weights.combine(f);
    // Another article repeating a claim is not independent proof: it links, it does not decide.
    e.stance = st.stance == Stance::supports ? Stance::discusses : st.stance;
    e.confidence = st.confidence * 0.5;
    e.extra = Json{{"crossref", {{"reason", "the same claim in another document of this run: " + st.reason}}}};
    links.push_back(std::move(e));
  }
  std::stable_sort(links.begin(), links.end(), [](const Evidence& a, const Evidence& b) { return a.score > b.score; });
  return links;
}

void CrossrefStage::process(Document& doc) {
  const auto& cfg = engine_->config();
  const auto markup = text::markup_of(doc);
  std::vector<ClaimInput> inputs(doc.claims.size());
  // A post's byline names its author: the engine asks for fact-checks about them too.
  std::string author;
  for (const auto& m : markup)
    if (m.kind == text::MarkupKind::byline) author = m.name;
  std::vector<std::string> texts(doc.claims.size());
  for (std::size_t i = 0; i < doc.claims.size(); ++i) {
    const Claim& claim = doc.claims[i];
    ClaimInput& in = inputs[i];
    in.text = texts[i] = query_text(doc, claim, markup);
    in.claimant = claim.claimant;
    in.author = author;
    for (int ei : claim.entities)
      if (ei >= 0 && ei < static_cast<int>(doc.entities.size()))
        in.entities.push_back(
            {doc.entities[static_cast<std::size_t>(ei)].name, doc.entities[static_cast<std::size_t>(ei)].type});
  }
  // Every claim of the document encoded in one call and scanned against the fact-check vectors together (the
  // same cosines as claim by claim, for less).
  const auto claim_vectors = engine_->claim_vectors(texts);
  for (std::size_t i = 0; i < doc.claims.size(); ++i) {
    Claim& claim = doc.claims[i];
    const ClaimInput& in = inputs[i];
    ClaimProfile profile;
    // Source passages and earlier fact-checks are ranked apart: each kind keeps top_k of its own.
    auto ranked = engine_->rank(in, cfg.top_k * 4, &profile, claim_vectors.empty() ? nullptr : &claim_vectors[i]);
    if (ranked.empty()) profile = engine_->profile(in);
    claim.evidence.clear();
    const bool whole_text = claim.extra.contains("claims") && claim.extra["claims"].is_object() &&
                            claim.extra["claims"].value("whole_text", false);
    int passages = 0, factchecks = 0;
    for (const auto& p : ranked) {
      if (p.score < cfg.min_score) continue;
      bool factcheck = p.kind == "factcheck";
      int& kept = factcheck ? factchecks : passages;
      if (kept >= cfg.top_k) continue;
      Evidence e = engine_->to_evidence(profile, p);
      // A passage must be about the claim to be evidence. A claim given as a whole (a post, a claim pasted in)
      // lists its nearest matches, ranked, even when the stance check finds them unrelated (they then have no
      // weight in the verdict): a post's wording is loose (on CLEF-2020 train 266 of the 710 right fact-checks
      // in the top 5 were "unrelated"; a coverage bar of 0.1 cost 0.019 MAP@5 there). An article's claim lists
      // such a fact-check only when it holds `factcheck_min_coverage` of the claim's words.
      bool listed_anyway = whole_text || (factcheck && p.features.coverage >= factcheck_min_coverage_);
      if (e.stance == Stance::unrelated && !listed_anyway) continue;
      claim.evidence.push_back(std::move(e));
      ++kept;
    }
    // Passages first, then fact-checks, each kind best first.
    std::stable_sort(claim.evidence.begin(), claim.evidence.end(), [](const Evidence& a, const Evidence& b) {
      bool fa = a.kind == "factcheck", fb = b.kind == "factcheck";
      return fa != fb ? fb : a.score > b.score;
    });
    std::vector<Evidence> links;
    if (link_documents_) links = link_documents(doc, profile);
    if (static_cast<int>(links.size()) > cfg.top_k) links.resize(static_cast<std::size_t>(cfg.top_k));
    // Other documents of the run are not evidence: they are listed apart and do not weigh in the verdict (on
    // Climate-FEVER, a batch of independent claims on one topic, they only added noise).
    claim.verdict = decide_verdict(claim.evidence, cfg.verdict);
    if (!links.empty()) {
      Json list = Json::array();
      for (const auto& e : links) list.push_back(link_json(e));
      claim.extra["crossref"]["links"] = std::move(list);
    } else if (auto it = claim.extra.find("crossref"); it != claim.extra.end() && it->is_object()) {
      it->erase("links");  // from an earlier run of this stage
    }
  }
  if (verify_quotes_) {
    for (auto& quote : doc.quotes) {
      if (!quoted_verbatim(quote.kind) || quote.span.empty() || quote.span.end > doc.text.size()) continue;
      std::string text(doc.slice(quote.span));
      std::string speaker = quote.speaker ? quote.speaker->name : std::string();
      quote.verification = engine_->verify_quote(text, speaker, doc.metadata.published);
    }
  }
  // A host without prepare_batch: remember this document for the ones that come after it.
  if (link_documents_ && !batch_prepared_) memory_.add(memory_entries(doc));
  doc.add_layer("evidence");
  doc.add_layer("verdicts");
  doc.add_layer("quote_verification");
}

}  // namespace factpipe::crossref
