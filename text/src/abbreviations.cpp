#include <factpipe/text/abbreviations.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace factpipe::text {

AbbreviationList AbbreviationList::parse(std::string_view list, std::string_view name) {
  AbbreviationList out;
  std::size_t line_no = 0;
  while (!list.empty()) {
    auto nl = list.find('\n');
    std::string_view line = trim(list.substr(0, nl));
    list = nl == std::string_view::npos ? std::string_view{} : list.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto where = [&] { return std::string(name) + ":" + std::to_string(line_no) + ": "; };
    auto gap = line.find_first_of(" \t");
    if (gap == std::string_view::npos)
      throw std::runtime_error(where() + "expected '<abbreviation> <class>', got '" + std::string(line) + "'");
    std::string_view word = line.substr(0, gap);
    std::string_view cls = trim(line.substr(gap));
    bool scan = false;
    if (auto flag_gap = cls.find_first_of(" \t"); flag_gap != std::string_view::npos) {
      std::string_view flag = trim(cls.substr(flag_gap));
      cls = cls.substr(0, flag_gap);
      if (flag != "scan")
        throw std::runtime_error(where() + "unknown third column '" + std::string(flag) + "' (allowed: scan)");
      scan = true;
    }
    if (word.size() < 2 || word.back() != '.')
      throw std::runtime_error(where() + "abbreviation '" + std::string(word) + "' must end with a period");
    AbbreviationClass c;
    if (cls == "title") c = AbbreviationClass::title;
    else if (cls == "general") c = AbbreviationClass::general;
    else if (cls == "number") c = AbbreviationClass::number;
    else
      throw std::runtime_error(where() + "unknown class '" + std::string(cls) + "' (allowed: title, general, number)");
    auto [it, inserted] = out.classes_.emplace(std::string(word), c);
    if (!inserted && it->second != c)
      throw std::runtime_error(where() + "'" + std::string(word) + "' is listed twice with different classes");
    if (scan) out.scanned_.insert(lower(word));
  }
  return out;
}

AbbreviationList AbbreviationList::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read abbreviations file " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

}  // namespace factpipe::text
