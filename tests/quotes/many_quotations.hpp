#pragma once
// A made-up document of 2n quotations: one paragraph of n quotations in one long sentence, with a speaker
// named between them, and one of n short quotations opening their sentences with no cue. Used by the
// quotes tests (the answers) and quotes_bench (linear time in n).
#include <string>

namespace factpipe::test {

inline std::string many_quotations(std::size_t n) {
  std::string t = "Mayor Jane Smith of Springfield spoke on Tuesday. ";
  for (std::size_t i = 0; i < n; ++i)
    t += i % 3 == 0   ? "Jane Smith said \"the bridge will open in May\" and "
         : i % 3 == 1 ? "\"the budget holds\" while "
                      : "\"costs rise\", ";
  t += "she said.\n";
  for (std::size_t i = 0; i < n; ++i) t += i % 2 ? "\"Is it ready?\" " : "\"It is, and it works.\" ";
  t += "\n";
  return t;
}

}  // namespace factpipe::test
