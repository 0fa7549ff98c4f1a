#include <factpipe/utf8.hpp>

#include <stdexcept>

namespace factpipe::utf8 {

namespace {
// Length of a well-formed sequence starting at text[i], or 0 with `why` set (RFC 3629 table).
std::size_t sequence_length(std::string_view t, std::size_t i, const char*& why) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  }  // no UTF-16 surrogates
  else if (c >= 0xE1 && c <= 0xEF)
    n = 3;
  else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  }  // nothing above U+10FFFF
  else {
    why = (c >= 0x80 && c <= 0xBF) ? "unexpected continuation byte" : "invalid lead byte";
    return 0;
  }
  if (i + n > t.size()) {
    why = "truncated sequence";
    return 0;
  }
  if (b(i + 1) < lo || b(i + 1) > hi) {
    why = "invalid continuation byte (or overlong / surrogate)";
    return 0;
  }
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) {
      why = "invalid continuation byte";
      return 0;
    }
  return n;
}
}  // namespace

std::optional<Invalid> find_invalid(std::string_view text) {
  // Valid text (nearly always) is checked without counting lines: eight ASCII bytes at a time, then one
  // sequence. Line and column are counted only for the bad sequence's message.
  std::size_t i = 0;
  const char* why = nullptr;
  while (i < text.size()) {
    while (i + 8 <= text.size()) {
      std::uint64_t w;
      __builtin_memcpy(&w, text.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= text.size()) break;
    std::size_t n = sequence_length(text, i, why);
    if (n == 0) break;
    i += n;
  }
  if (i >= text.size()) return std::nullopt;
  std::size_t line = 1, column = 1;
  for (std::size_t k = 0; k < i; ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return Invalid{i, line, column, why};
}

char32_t decode(std::string_view t, std::size_t& i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n && i + k < t.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
  i += n;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

OffsetMap::OffsetMap(std::string_view text) : bytes_(text.size()) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii_ = false;
      break;
    }
  if (ascii_) {
    code_points_ = bytes_;
    return;
  }
  cp_of_byte_.resize(bytes_ + 1);
  byte_of_cp_.reserve(bytes_ + 1);
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < bytes_; ++i) {
    bool lead = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (lead) {
      byte_of_cp_.push_back(static_cast<std::uint32_t>(i));
      cp_of_byte_[i] = cp++;
    } else cp_of_byte_[i] = cp;  // inside a sequence: maps to the code point after its lead
  }
  cp_of_byte_[bytes_] = cp;
  byte_of_cp_.push_back(static_cast<std::uint32_t>(bytes_));
  code_points_ = cp;
}

std::size_t OffsetMap::to_code_point(std::size_t b) const {
  if (b > bytes_)
    throw std::out_of_range("byte offset " + std::to_string(b) + " past the end of the text (" +
                            std::to_string(bytes_) + " bytes)");
  return ascii_ ? b : cp_of_byte_[b];
}

std::size_t OffsetMap::to_byte(std::size_t c) const {
  if (c > code_points_)
    throw std::out_of_range("offset " + std::to_string(c) + " past the end of the text (" +
                            std::to_string(code_points_) + " code points)");
  return ascii_ ? c : byte_of_cp_[c];
}

}  // namespace factpipe::utf8
