#include "packed_kernel.hpp"

#include <cstdlib>
#include <string_view>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FACTPIPE_ENCODER_X86 1
#endif

namespace factpipe::encoder {
namespace {

constexpr Eigen::Index kPanel = 16;

#ifdef FACTPIPE_ENCODER_X86
// R rows of x times one 16-column panel, bias added. Compiled for AVX2+FMA only; called only when the CPU
// has them. Uses nothing but intrinsics, so no inline function is compiled twice with different targets.
template <int R>
__attribute__((target("avx2,fma"))) inline void panel_rows(const float* x, Eigen::Index ldx, const float* panel,
                                                            Eigen::Index depth, const float* bias, float* y,
                                                            Eigen::Index ldy) {
  __m256 acc[R][2];
  const __m256 b0 = _mm256_loadu_ps(bias), b1 = _mm256_loadu_ps(bias + 8);
  for (int r = 0; r < R; ++r) {
    acc[r][0] = b0;
    acc[r][1] = b1;
  }
  for (Eigen::Index k = 0; k < depth; ++k) {
    const __m256 w0 = _mm256_loadu_ps(panel + k * kPanel), w1 = _mm256_loadu_ps(panel + k * kPanel + 8);
    for (int r = 0; r < R; ++r) {
      const __m256 a = _mm256_broadcast_ss(x + r * ldx + k);
      acc[r][0] = _mm256_fmadd_ps(a, w0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(a, w1, acc[r][1]);
    }
  }
  for (int r = 0; r < R; ++r) {
    _mm256_storeu_ps(y + r * ldy, acc[r][0]);
    _mm256_storeu_ps(y + r * ldy + 8, acc[r][1]);
  }
}

__attribute__((target("avx2,fma"))) void multiply_avx2(const float* x, Eigen::Index n, Eigen::Index depth,
                                                        const float* panels, Eigen::Index cols, const float* bias,
                                                        float* y) {
  constexpr Eigen::Index kRows = 6;  // 12 accumulators + 2 panel registers of the 16
  for (Eigen::Index p = 0; p < cols / kPanel; ++p) {
    const float* panel = panels + p * depth * kPanel;
    const float* panel_bias = bias + p * kPanel;
    Eigen::Index i = 0;
    for (; i + kRows <= n; i += kRows)
      panel_rows<kRows>(x + i * depth, depth, panel, depth, panel_bias, y + i * cols + p * kPanel, cols);
    const float* xr = x + i * depth;
    float* yr = y + i * cols + p * kPanel;
    switch (n - i) {
      case 5: panel_rows<5>(xr, depth, panel, depth, panel_bias, yr, cols); break;
      case 4: panel_rows<4>(xr, depth, panel, depth, panel_bias, yr, cols); break;
      case 3: panel_rows<3>(xr, depth, panel, depth, panel_bias, yr, cols); break;
      case 2: panel_rows<2>(xr, depth, panel, depth, panel_bias, yr, cols); break;
      case 1: panel_rows<1>(xr, depth, panel, depth, panel_bias, yr, cols); break;
      default: break;
    }
  }
}
#endif

}  // namespace

bool PackedKernel::vectorised() {
  // FACTPIPE_ENCODER_KERNEL=portable forces Eigen's product (read when a model loads), so tests cover both.
  if (const char* choice = std::getenv("FACTPIPE_ENCODER_KERNEL"); choice && std::string_view(choice) == "portable") return false;
#ifdef FACTPIPE_ENCODER_X86
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

PackedKernel::PackedKernel(RowMatrix kernel, RowVector bias)
    : rows_(kernel.rows()), kernel_(std::move(kernel)), bias_(std::move(bias)) {
  if (!vectorised() || kernel_.cols() % kPanel != 0) return;
  const Eigen::Index depth = kernel_.rows();
  panels_.resize(static_cast<std::size_t>(depth * kernel_.cols()));
  for (Eigen::Index p = 0; p < kernel_.cols() / kPanel; ++p)
    for (Eigen::Index k = 0; k < depth; ++k)
      for (Eigen::Index c = 0; c < kPanel; ++c)
        panels_[static_cast<std::size_t>((p * depth + k) * kPanel + c)] = kernel_(k, p * kPanel + c);
  kernel_ = RowMatrix();  // the panels hold the same numbers
}

PackedKernel::RowMatrix PackedKernel::apply(const RowMatrix& x) const {
  RowMatrix y(x.rows(), cols());
#ifdef FACTPIPE_ENCODER_X86
  if (!panels_.empty()) {
    multiply_avx2(x.data(), x.rows(), rows_, panels_.data(), cols(), bias_.data(), y.data());
    return y;
  }
#endif
  y.noalias() = x * kernel_;
  y.rowwise() += bias_;
  return y;
}

}  // namespace factpipe::encoder
