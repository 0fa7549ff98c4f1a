#include "report_common.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "escaping.hpp"
#include "text_layout.hpp"

namespace factpipe::report::detail {
namespace {

std::string string_setting(const Json& s, const char* key) {
  if (!s.contains(key) || s[key].is_null()) return {};
  if (!s[key].is_string())
    throw std::invalid_argument(std::string("report.") + key + ": expected a string, got " + s[key].dump());
  return s[key].get<std::string>();
}

bool valid_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

Settings read_settings(const Options& options) {
  const Json& s = options.settings;
  Settings out;
  if (s.is_null()) {
    out.date = today_utc();
    return out;
  }
  if (!s.is_object()) throw std::invalid_argument("report: expected an object of settings, got " + s.dump());
  if (auto v = string_setting(s, "organisation"); !v.empty()) out.organisation = v;
  out.organisation_url = string_setting(s, "organisation_url");
  if (!out.organisation_url.empty() && !http_url(out.organisation_url))
    throw std::invalid_argument("report.organisation_url: expected an http or https url, got \"" +
                                out.organisation_url + "\"");
  out.review_url_base = string_setting(s, "review_url_base");
  if (!out.review_url_base.empty() && !http_url(out.review_url_base))
    throw std::invalid_argument("report.review_url_base: expected an http or https url, got \"" + out.review_url_base +
                                "\"");
  out.date = string_setting(s, "date");
  if (!out.date.empty() && !valid_date(out.date))
    throw std::invalid_argument("report.date: expected YYYY-MM-DD, got \"" + out.date + "\"");
  if (out.date.empty()) out.date = today_utc();
  if (s.contains("max_evidence") && !s["max_evidence"].is_null()) {
    const Json& m = s["max_evidence"];
    long long n = 0;
    if (m.is_number_integer()) {
      n = m.get<long long>();
    } else if (m.is_string()) {  // a YAML scalar the host passed on as text
      const std::string& t = m.get_ref<const std::string&>();
      bool digits = !t.empty() && t.size() < 10 && t.find_first_not_of("0123456789") == std::string::npos;
      n = digits ? std::stoll(t) : 0;
    }
    if (n < 1) throw std::invalid_argument("report.max_evidence: expected an integer >= 1, got " + m.dump());
    out.max_evidence = static_cast<std::size_t>(n);
  }
  return out;
}

std::string today_utc() {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

Label verdict_label(std::string_view v) {
  if (v == "supported") return {"supported", "Supported", "\u2713"};
  if (v == "refuted") return {"refuted", "Refuted", "\u2717"};
  if (v == "disputed") return {"disputed", "Disputed", "\u00B1"};
  if (v == "not_enough_evidence") return {"nee", "Not enough evidence", "?"};
  if (v.empty()) return {"none", "Not checked", "\u2013"};
  return {"other", claim_type_label(v), "\u2022"};
}

Label stance_label(Stance s) {
  switch (s) {
    case Stance::supports:
      return {"supports", "Supports", "\u2713"};
    case Stance::refutes:
      return {"refutes", "Refutes", "\u2717"};
    case Stance::discusses:
      return {"discusses", "Discusses", "\u2026"};
    case Stance::unrelated:
      break;
  }
  return {"unrelated", "Unrelated", "\u2013"};
}

Label quote_kind_label(QuoteKind k) {
  switch (k) {
    case QuoteKind::direct:
      return {"direct", "Direct quote", "\u201C"};
    case QuoteKind::partial:
      return {"partial", "Partial quote", "\u2018"};
    case QuoteKind::mixed:
      return {"mixed", "Reported speech with a quotation", "\u2192"};
    case QuoteKind::indirect:
      break;
  }
  return {"indirect", "Reported speech", "\u2192"};
}

Label verification_label(std::string_view status) {
  if (status == "verbatim") return {"verbatim", "Verbatim", "\u2713"};
  if (status == "altered") return {"altered", "Altered", "\u2260"};
  if (status == "not_found") return {"notfound", "Not found in sources", "\u2013"};
  return {"other", claim_type_label(status), "\u2022"};
}

std::string claim_type_label(std::string_view type) {
  std::string out = squash_space(type);
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "\u2013";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "\u2013";
  return fixed(fraction * 100.0, 0) + "%";
}

std::string document_title(const Document& doc) {
  if (auto t = squash_space(doc.metadata.title); !t.empty()) return t;
  if (!doc.metadata.id.empty()) return doc.metadata.id;
  return "Untitled document";
}

std::vector<std::string> document_authors(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& a : doc.metadata.authors)
    if (auto name = squash_space(a); !name.empty()) out.push_back(std::move(name));
  return out;
}

std::string authors_line(const std::vector<std::string>& authors) {
  std::string out;
  for (std::size_t i = 0; i < authors.size(); ++i)
    out += (i == 0 ? "" : i + 1 == authors.size() ? " and " : ", ") + authors[i];
  return out;
}

std::string claim_text(const Document& doc, const Claim& c) {
  if (!c.text.empty()) return c.text;
  return std::string(doc.slice(snap(doc.text, c.span)));
}

std::string quote_text(const Document& doc, const Quote& q) { return std::string(doc.slice(snap(doc.text, q.span))); }

std::string speaker_name(const Document& doc, const Quote& q) {
  if (!q.speaker) return {};
  int e = q.speaker->entity;
  if (e >= 0 && static_cast<std::size_t>(e) < doc.entities.size() && !doc.entities[e].name.empty())
    return squash_space(doc.entities[e].name);
  return squash_space(q.speaker->name);
}

std::string speaker_mention(const Document& doc, const Quote& q) {
  if (!q.speaker || !q.speaker->mention) return {};
  std::string m = squash_space(doc.slice(snap(doc.text, *q.speaker->mention)));
  return m == speaker_name(doc, q) ? std::string() : m;
}

std::vector<std::size_t> ranked_claims(const Document& doc) {
  std::vector<std::size_t> order(doc.claims.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto score = [&](std::size_t i) { return std::isfinite(doc.claims[i].score) ? doc.claims[i].score : -1.0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score(a) > score(b); });
  return order;
}

std::vector<SpeakerGroup> speaker_groups(const Document& doc) {
  std::vector<SpeakerGroup> groups;
  std::map<std::string, std::size_t> by_key;
  SpeakerGroup unattributed;
  for (std::size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    std::string name = speaker_name(doc, q);
    if (name.empty()) {
      unattributed.quotes.push_back(i);
      continue;
    }
    int e = q.speaker->entity;
    // Keyed by entity when resolved, else by name (GCC 12 warns falsely on "x" + std::string here).
    std::string key(1, 'n');
    if (e >= 0 && static_cast<std::size_t>(e) < doc.entities.size()) {
      key[0] = 'e';
      key += std::to_string(e);
    } else {
      key += name;
    }
    // An unresolved speaker with an entity's canonical name is the same person.
    if (!by_key.count(key))
      for (const auto& [k, g] : by_key)
        if (groups[g].name == name) {
          by_key[key] = g;
          break;
        }
    auto [it, fresh] = by_key.emplace(key, groups.size());
    if (fresh) groups.push_back({name, {}});
    groups[it->second].quotes.push_back(i);
  }
  if (!unattributed.quotes.empty()) groups.push_back(std::move(unattributed));
  return groups;
}

Counts count(const Document& doc) {
  Counts c;
  c.quotes = doc.quotes.size();
  for (const auto& q : doc.quotes) {
    switch (q.kind) {
      case QuoteKind::direct:
        ++c.direct;
        break;
      case QuoteKind::partial:
        ++c.partial;
        break;
      case QuoteKind::indirect:
      case QuoteKind::mixed:
        ++c.indirect;
        break;
    }
    if (speaker_name(doc, q).empty()) ++c.unattributed;
    if (q.verification) {
      ++c.verified;
      if (q.verification->status == "verbatim") ++c.verbatim;
      else if (q.verification->status == "altered") ++c.altered;
      else if (q.verification->status == "not_found") ++c.not_found;
    }
  }
  for (const auto& g : speaker_groups(doc))
    if (!g.name.empty()) ++c.speakers;
  c.claims = doc.claims.size();
  for (const auto& cl : doc.claims) {
    if (cl.verdict) {
      ++c.checked;
      ++c.verdicts[cl.verdict->label];
    }
    for (const auto& e : cl.evidence) (e.kind == "factcheck" ? c.factchecks : c.evidence)++;
  }
  return c;
}

std::string pipeline_file(const Document& doc, const Options& options) {
  return options.pipeline_file.empty() ? doc.provenance.config_file : options.pipeline_file;
}

std::vector<const Evidence*> passages_of(const Claim& c) {
  std::vector<const Evidence*> out;
  for (const auto& e : c.evidence)
    if (e.kind != "factcheck") out.push_back(&e);
  return out;
}

std::vector<const Evidence*> factchecks_of(const Claim& c) {
  std::vector<const Evidence*> out;
  for (const auto& e : c.evidence)
    if (e.kind == "factcheck") out.push_back(&e);
  return out;
}

std::vector<std::string> verdict_order(const std::map<std::string, std::size_t>& seen) {
  std::vector<std::string> out{"supported", "refuted", "disputed", "not_enough_evidence"};
  for (const auto& [label, n] : seen)
    if (std::find(out.begin(), out.end(), label) == out.end()) out.push_back(label);
  return out;
}

}  // namespace factpipe::report::detail
