#include "features.hpp"

namespace factpipe::claims::features {
namespace {

std::string_view length_bucket(std::size_t words) {
  if (words <= 3) return "1-3";
  if (words <= 6) return "4-6";
  if (words <= 10) return "7-10";
  if (words <= 20) return "11-20";
  if (words <= 35) return "21-35";
  return "36+";
}

}  // namespace

void add_shape(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t words = 0;
  bool question = false, exclamation = false, colon = false, dash = false, greeting_start = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const auto& w = s.words[i];
    if (w.kind != WordKind::punct) ++words;
    if (w.lower == "?") question = true;
    if (w.lower == "!") exclamation = true;
    if (w.lower == ":") colon = true;
    if (w.lower == "-" || w.lower == "--") dash = true;
  }
  if (!s.words.empty() && (s.tags[0] & kGreeting)) greeting_start = true;
  f.add("shape:len", length_bucket(words));
  if (question) f.add("shape:question");
  if (!s.words.empty() && s.words.back().lower == "?") f.add("shape:ends_question");
  if (!s.words.empty() && (s.tags[0] & kQuestionWord)) f.add("shape:wh_start");
  if (exclamation) f.add("shape:exclamation");
  if (colon) f.add("shape:colon");
  if (dash) f.add("shape:dash");
  if (greeting_start) f.add("shape:greeting_start");
  if (!s.words.empty() && s.words.back().kind != WordKind::punct) f.add("shape:no_final_punct");
  if (!s.words.empty() && (s.words.back().lower == "..." || s.words.back().lower == "-")) f.add("shape:trailing_off");
}

}  // namespace factpipe::claims::features
