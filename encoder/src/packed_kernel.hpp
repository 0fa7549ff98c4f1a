#pragma once
// y = x * W + b for the encoder's dense layers, with W packed once at load time into panels of 16 (AVX2) or
// 64 (AVX-512) columns, k x width floats each, contiguous, so that a register-blocked micro-kernel streams
// it. The kernel is chosen when the weights are packed, by what the CPU has; other CPUs (and architectures)
// use Eigen's product. All are within float rounding of each other; the reference test bounds each one.
#include <vector>

#include <Eigen/Core>

namespace factpipe::encoder {

class PackedKernel {
 public:
  using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;
  enum class Code { portable, avx2, avx512 };

  PackedKernel() = default;
  PackedKernel(RowMatrix kernel, RowVector bias);

  // What is done to each output before it is stored (instead of separate passes over y).
  struct Epilogue {
    const RowMatrix* add = nullptr;  // [n, cols()] added to x * W + b (a residual connection)
    bool relu = false;               // then max(y, 0)
  };

  // x [n, rows()] -> [n, cols()].
  RowMatrix apply(const RowMatrix& x) const;
  RowMatrix apply(const RowMatrix& x, const Epilogue& then) const;

  Eigen::Index rows() const { return rows_; }
  Eigen::Index cols() const { return bias_.cols(); }
  Code code() const { return code_; }

  // The best code this CPU runs, unless FACTPIPE_ENCODER_KERNEL names another (portable, avx2, avx512):
  // read each time weights are packed, so that tests cover every path.
  static Code best_code();

 private:
  Eigen::Index rows_ = 0;
  Code code_ = Code::portable;
  RowMatrix kernel_;  // [in, out], for the portable code only
  RowVector bias_;
  std::vector<float> panels_;  // cols/width panels of rows x width
};

}  // namespace factpipe::encoder
