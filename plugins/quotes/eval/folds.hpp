#pragma once
// Cross-validation folds by article, fixed by a seed.
#include <vector>

namespace factpipe::quotes::eval {

// Article i of `n` goes to fold position(i) % k in an order shuffled by `seed` (std::mt19937_64 and a
// Fisher-Yates shuffle written out, so the folds do not depend on the standard library's shuffle).
// Throws std::invalid_argument unless 2 <= k <= n.
std::vector<unsigned> assign_folds(std::size_t n, unsigned k, unsigned long long seed);

}  // namespace factpipe::quotes::eval
