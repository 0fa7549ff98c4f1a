#pragma once
// Adam, as both quote trainers use it: one step over every weight, with L2 on the weights in the gradient.

#include <cmath>
#include <cstddef>
#include <vector>

namespace factpipe::quotes::training {

class Adam {
 public:
  Adam(std::size_t size, double learning_rate, double l2)
      : m_(size, 0.0), v_(size, 0.0), learning_rate_(learning_rate), l2_(l2) {}

  // One step at iteration `it` (from 1): the gradient is `grad[i] * scale + l2 * w[i]`.
  template <class Weights, class Grad>
  void step(Weights& w, const Grad& grad, double scale, int it) {
    for (std::size_t i = 0; i < m_.size(); ++i) {
      double g = grad[i] * scale + l2_ * w[i];
      m_[i] = kBeta1 * m_[i] + (1 - kBeta1) * g;
      v_[i] = kBeta2 * v_[i] + (1 - kBeta2) * g * g;
      double mh = m_[i] / (1 - std::pow(kBeta1, it)), vh = v_[i] / (1 - std::pow(kBeta2, it));
      w[i] -= learning_rate_ * mh / (std::sqrt(vh) + kEpsilon);
    }
  }

 private:
  static constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEpsilon = 1e-8;
  std::vector<double> m_, v_;
  double learning_rate_, l2_;
};

}  // namespace factpipe::quotes::training
