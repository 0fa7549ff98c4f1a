#include "folds.hpp"

#include <numeric>
#include <random>
#include <stdexcept>

namespace factpipe::quotes::eval {

std::vector<unsigned> assign_folds(std::size_t n, unsigned k, unsigned long long seed) {
  if (k < 2 || k > n) throw std::invalid_argument("cross-validation needs 2 <= K <= number of articles");
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  std::vector<unsigned> fold(n);
  for (std::size_t i = 0; i < n; ++i) fold[order[i]] = static_cast<unsigned>(i % k);
  return fold;
}

}  // namespace factpipe::quotes::eval
