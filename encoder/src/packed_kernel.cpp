#include "packed_kernel.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FACTPIPE_ENCODER_X86 1
#endif

namespace factpipe::encoder {
namespace {

// AVX-512 panels are 64 columns (4 registers per row: 24 accumulators for 6 rows, so each weight load and
// each broadcast feeds more multiply-adds than with 2 registers); AVX2 keeps 16 (16 registers in all).
Eigen::Index panel_width(PackedKernel::Code code) { return code == PackedKernel::Code::avx512 ? 64 : 16; }

#ifdef FACTPIPE_ENCODER_X86
// The micro-kernels: R rows of x times one panel, bias added, then the epilogue (`add`: a matrix laid out as y,
// added after the product, as a residual connection; `relu`), stored once. Each output is the bias plus the
// products in k order by fused multiply-add, then the addition: the same arithmetic as without the epilogue
// followed by a separate pass. Compiled for their instruction set only and called only when the CPU has it;
// they use nothing but intrinsics, so no inline function is compiled twice with different targets.
template <int R>
__attribute__((target("avx2,fma"))) void rows_avx2(const float* x, Eigen::Index depth, const float* panel,
                                                   const float* bias, float* y, Eigen::Index ldy, const float* add,
                                                   bool relu) {
  __m256 acc[R][2];
  for (int r = 0; r < R; ++r) {
    acc[r][0] = _mm256_loadu_ps(bias);
    acc[r][1] = _mm256_loadu_ps(bias + 8);
  }
  for (Eigen::Index k = 0; k < depth; ++k) {
    const __m256 w0 = _mm256_loadu_ps(panel + k * 16), w1 = _mm256_loadu_ps(panel + k * 16 + 8);
    for (int r = 0; r < R; ++r) {
      const __m256 a = _mm256_broadcast_ss(x + r * depth + k);
      acc[r][0] = _mm256_fmadd_ps(a, w0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(a, w1, acc[r][1]);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < 2; ++v) {
      __m256 out = acc[r][v];
      if (add) out = _mm256_add_ps(out, _mm256_loadu_ps(add + r * ldy + v * 8));
      if (relu) out = _mm256_max_ps(out, _mm256_set1_ps(0.0f));
      _mm256_storeu_ps(y + r * ldy + v * 8, out);
    }
}

template <int R>
__attribute__((target("avx512f"))) void rows_avx512(const float* x, Eigen::Index depth, const float* panel,
                                                    const float* bias, float* y, Eigen::Index ldy, const float* add,
                                                    bool relu) {
  __m512 acc[R][4];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < 4; ++v) acc[r][v] = _mm512_loadu_ps(bias + v * 16);
  for (Eigen::Index k = 0; k < depth; ++k) {
    const float* w = panel + k * 64;
    const __m512 w0 = _mm512_loadu_ps(w), w1 = _mm512_loadu_ps(w + 16), w2 = _mm512_loadu_ps(w + 32),
                 w3 = _mm512_loadu_ps(w + 48);
    for (int r = 0; r < R; ++r) {
      const __m512 a = _mm512_set1_ps(x[r * depth + k]);
      acc[r][0] = _mm512_fmadd_ps(a, w0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(a, w1, acc[r][1]);
      acc[r][2] = _mm512_fmadd_ps(a, w2, acc[r][2]);
      acc[r][3] = _mm512_fmadd_ps(a, w3, acc[r][3]);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < 4; ++v) {
      __m512 out = acc[r][v];
      if (add) out = _mm512_add_ps(out, _mm512_loadu_ps(add + r * ldy + v * 16));
      if (relu) out = _mm512_mask_max_ps(out, 0xFFFF, out, _mm512_set1_ps(0.0f));
      _mm512_storeu_ps(y + r * ldy + v * 16, out);
    }
}

using RowsFunction = void (*)(const float*, Eigen::Index, const float*, const float*, float*, Eigen::Index,
                              const float*, bool);
constexpr RowsFunction kRowsAvx2[] = {nullptr,      rows_avx2<1>, rows_avx2<2>, rows_avx2<3>,
                                      rows_avx2<4>, rows_avx2<5>, rows_avx2<6>};
constexpr RowsFunction kRowsAvx512[] = {nullptr,        rows_avx512<1>, rows_avx512<2>, rows_avx512<3>,
                                        rows_avx512<4>, rows_avx512<5>, rows_avx512<6>};

// Every panel, 6 rows at a time, then the 1-5 rows left.
void multiply(const RowsFunction (&rows)[7], Eigen::Index width, const float* x, Eigen::Index n, Eigen::Index depth,
              const float* panels, Eigen::Index cols, const float* bias, float* y, const float* add, bool relu) {
  for (Eigen::Index p = 0; p < cols / width; ++p) {
    const float* panel = panels + p * depth * width;
    for (Eigen::Index i = 0; i < n; i += 6)
      rows[std::min<Eigen::Index>(6, n - i)](x + i * depth, depth, panel, bias + p * width, y + i * cols + p * width,
                                             cols, add ? add + i * cols + p * width : nullptr, relu);
  }
}
#endif

}  // namespace

PackedKernel::Code PackedKernel::best_code() {
#ifdef FACTPIPE_ENCODER_X86
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f");
#else
  const bool avx2 = false, avx512 = false;
#endif
  const char* env = std::getenv("FACTPIPE_ENCODER_KERNEL");
  const std::string_view choice = env ? env : "";
  if (choice == "portable" || !avx2) return Code::portable;
  if (choice == "avx2" || !avx512) return Code::avx2;
  return Code::avx512;
}

PackedKernel::PackedKernel(RowMatrix kernel, RowVector bias)
    : rows_(kernel.rows()), kernel_(std::move(kernel)), bias_(std::move(bias)) {
  const Code code = best_code();
  const Eigen::Index width = panel_width(code);
  if (code == Code::portable || kernel_.cols() % width != 0) return;
  code_ = code;
  const Eigen::Index cols = kernel_.cols();
  panels_.resize(static_cast<std::size_t>(rows_ * cols));
  float* out = panels_.data();
  for (Eigen::Index p = 0; p < cols / width; ++p)
    for (Eigen::Index k = 0; k < rows_; ++k, out += width)
      std::copy_n(kernel_.data() + k * cols + p * width, width, out);
  kernel_ = RowMatrix();  // the panels hold the same numbers
}

PackedKernel::RowMatrix PackedKernel::apply(const RowMatrix& x) const { return apply(x, Epilogue{}); }

PackedKernel::RowMatrix PackedKernel::apply(const RowMatrix& x, const Epilogue& then) const {
  RowMatrix y(x.rows(), cols());
  const float* add = then.add ? then.add->data() : nullptr;
#ifdef FACTPIPE_ENCODER_X86
  if (code_ != Code::portable) {
    multiply(code_ == Code::avx512 ? kRowsAvx512 : kRowsAvx2, panel_width(code_), x.data(), x.rows(), rows_,
             panels_.data(), cols(), bias_.data(), y.data(), add, then.relu);
    return y;
  }
#endif
  // Row by row (Eigen's matrix-vector product, what a one-row x gets anyway): a matrix-matrix product picks
  // its blocking, and with it the order of the sums, by the number of rows, so a sentence encoded in a batch
  // would differ in the last bits from the same sentence encoded alone.
  for (Eigen::Index r = 0; r < x.rows(); ++r) y.row(r).noalias() = x.row(r) * kernel_;
  y.rowwise() += bias_;
  if (add) y += *then.add;
  if (then.relu) y = y.cwiseMax(0.0f);
  return y;
}

}  // namespace factpipe::encoder
