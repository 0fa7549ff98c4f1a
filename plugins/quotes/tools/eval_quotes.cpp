// factpipe-eval-quotes (run as `factpipe eval quotes ...`): runs segmenter + entities + quotes over
// PolNeAR and prints the quote-attribution metric of issue 3, plus the entities+quotes throughput.
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include <factpipe/document_json.hpp>
#include <factpipe/utf8.hpp>

#include "entities_stage.hpp"
#include "eval/polnear.hpp"
#include "eval/quote_metric.hpp"
#include "quotes_stage.hpp"
#include "segmenter_stage.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using namespace factpipe::quotes::eval;

namespace {

// CPU time of this thread: the machine is shared, so wall time would measure the neighbours.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Pipeline {
  segmenter::SegmenterStage seg;
  entities::EntitiesStage ent;
  quotes::QuotesStage quo;
  explicit Pipeline(const fs::path& plugins) {
    seg.configure(Json::object(), Context::for_library(plugins / "factpipe-segmenter.so", "segmenter"));
    ent.configure(Json::object(), Context::for_library(plugins / "factpipe-entities.so", "entities"));
    quo.configure(Json::object(), Context::for_library(plugins / "factpipe-quotes.so", "quotes"));
  }
};

void print_counts(const char* label, const Counts& c) {
  std::printf("%-22s gold %5zu  predicted %5zu  matched %5zu  P %.4f  R %.4f  F1 %.4f\n", label, c.gold, c.predicted,
              c.matched, c.precision(), c.recall(), c.f1());
  std::printf("%-22s speaker accuracy %.4f (%zu/%zu)  attribution P %.4f R %.4f F1 %.4f\n", "", c.speaker_accuracy(),
              c.speaker_correct, c.matched, c.attribution_precision(), c.attribution_recall(), c.attribution_f1());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Quote attribution on PolNeAR: direct-quote P/R/F1, speaker accuracy, attribution F1, indirect recall"};
  std::string polnear = FACTPIPE_DEFAULT_POLNEAR;
  std::string split = "dev";
  std::string plugins = FACTPIPE_DEFAULT_PLUGIN_DIR;
  std::string errors, dump;
  app.add_option("--polnear", polnear, "PolNeAR folder (with train/ and dev/)")->capture_default_str();
  app.add_option("--split", split, "dev or train")->check(CLI::IsMember({"dev", "train"}))->capture_default_str();
  app.add_option("--plugin-dir", plugins, "Folder of the built plugins (for their data)")->capture_default_str();
  app.add_option("--errors", errors, "Write every missed / extra / wrongly attributed quotation to this file");
  app.add_option("--dump", dump, "Run on one text file and print the document JSON instead");
  CLI11_PARSE(app, argc, argv);

  try {
    Pipeline pipe(plugins);
    if (!dump.empty()) {
      std::ifstream in(dump, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + dump);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      Document doc = document_from_text(fs::path(dump).stem().string(), text);
      pipe.seg.process(doc);
      pipe.ent.process(doc);
      pipe.quo.process(doc);
      Json j = to_json(doc);
      j.erase("tokens");
      j.erase("sentences");
      j.erase("paragraphs");
      std::cout << j.dump(1) << "\n";
      return 0;
    }
    if (!fs::is_directory(polnear))
      throw std::runtime_error("PolNeAR not found at '" + polnear + "' (give --polnear DIR; see ../shared/datasets/README.md)");
    auto articles = read_split(polnear, split);
    if (articles.empty()) throw std::runtime_error("no annotated articles in " + polnear + "/" + split);
    Counts all, three;
    std::vector<std::string> mismatches;
    double seconds = 0, entity_seconds = 0;
    std::size_t bytes = 0;
    for (const auto& a : articles) {
      Document doc = document_from_text(a.id, a.text);
      pipe.seg.process(doc);
      double t0 = cpu_seconds();
      pipe.ent.process(doc);
      double t1 = cpu_seconds();
      pipe.quo.process(doc);
      seconds += cpu_seconds() - t0;
      entity_seconds += t1 - t0;
      bytes += doc.text.size();
      utf8::OffsetMap map(doc.text);
      auto cp = [&](const Span& s) { return CpSpan{map.to_code_point(s.start), map.to_code_point(s.end)}; };
      std::vector<Predicted> direct;
      std::vector<CpSpan> indirect;
      for (const auto& q : doc.quotes) {
        if (q.kind == QuoteKind::indirect) {
          indirect.push_back(cp(q.span));
          continue;
        }
        Predicted p;
        p.span = cp(q.span);
        p.words = count_words(a.cps, p.span);
        if (q.speaker) {
          if (q.speaker->mention) p.mention = cp(*q.speaker->mention);
          p.name = q.speaker->name;
        }
        direct.push_back(std::move(p));
      }
      three += score_article(a, direct, indirect, 3, errors.empty() ? nullptr : &mismatches);
      all += score_article(a, direct, indirect, 1);
    }
    std::printf("PolNeAR %s: %zu articles, %.2f MB\n", split.c_str(), articles.size(), double(bytes) / 1e6);
    print_counts("direct quotes >= 3 words", three);
    print_counts("direct quotes all lengths", all);
    std::printf("indirect attributions   recall %.4f (%zu/%zu)\n", three.indirect_recall(), three.indirect_found,
                three.indirect_gold);
    std::printf("throughput entities+quotes: %.2f MB/s per core (CPU time %.3f s; entities %.3f s, quotes %.3f s)\n",
                double(bytes) / 1e6 / seconds, seconds, entity_seconds, seconds - entity_seconds);
    if (!errors.empty()) {
      std::ofstream out(errors);
      if (!out) throw std::runtime_error("cannot write " + errors);
      for (const auto& m : mismatches) out << m << "\n";
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe eval quotes: %s\n", e.what());
    return 1;
  }
  return 0;
}
