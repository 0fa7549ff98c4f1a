#include "checkworthiness_lexicon.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace factpipe::claims {
namespace {

constexpr std::array<std::pair<const char*, Tag>, 25> kSections{{
    {"hedges", kHedge},
    {"opinion", kOpinion},
    {"reporting_verbs", kReporting},
    {"first_singular", kFirstSingular},
    {"first_plural", kFirstPlural},
    {"second_person", kSecondPerson},
    {"third_pronoun_subjects", kThirdPronoun},
    {"comparison", kComparison},
    {"trend", kTrend},
    {"superlative_not", kSuperlativeNot},
    {"months", kMonth},
    {"weekdays", kWeekday},
    {"time_words", kTimeWord},
    {"future", kFuture},
    {"past_irregular", kPastIrregular},
    {"perfect_aux", kPerfectAux},
    {"modal_obligation", kObligation},
    {"causal", kCausal},
    {"position", kPosition},
    {"greetings", kGreeting},
    {"number_words", kNumberWord},
    {"money", kMoney},
    {"negation", kNegation},
    {"question_words", kQuestionWord},
    {"identity_titles", kIdentityTitle},
}};

}  // namespace

CheckworthinessLexicon CheckworthinessLexicon::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("claims: cannot read word lists " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

CheckworthinessLexicon CheckworthinessLexicon::parse(std::string_view content, const std::string& name) {
  std::map<std::string, std::set<std::string>> sorted;
  std::string current;
  std::size_t line_no = 0, pos = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::istringstream words{std::string(line)};
    std::string w;
    while (words >> w) {
      if (w.front() == '[') {
        if (w.back() != ']' || w.size() < 3)
          throw std::runtime_error(name + ":" + std::to_string(line_no) + ": bad section header '" + w + "'");
        current = w.substr(1, w.size() - 2);
        sorted[current];
        continue;
      }
      if (current.empty())
        throw std::runtime_error(name + ":" + std::to_string(line_no) + ": word '" + w + "' before any [section]");
      std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      sorted[current].insert(w);
    }
  }
  CheckworthinessLexicon lex;
  for (auto& [section, tag] : kSections) {
    auto it = sorted.find(section);
    if (it == sorted.end()) throw std::runtime_error(name + ": word list [" + section + "] is missing");
    for (auto& w : it->second) {
      const std::uint32_t* before = lex.tags_.find(w);
      lex.tags_.insert_or_assign(w, (before ? *before : 0u) | tag);
    }
  }
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  for (auto& [section, words] : sorted) {
    mix(section);
    for (auto& w : words) mix(w);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  lex.fingerprint_ = buf;
  return lex;
}

}  // namespace factpipe::claims
