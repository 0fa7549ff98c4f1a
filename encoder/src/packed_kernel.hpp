#pragma once
// y = x * W + b for the encoder's dense layers, with W packed once at load time into panels of 16 columns
// (k x 16 floats, contiguous) so that an AVX2+FMA micro-kernel streams it. The kernel is chosen at run time:
// CPUs without AVX2 and FMA (and builds for other architectures) use Eigen's product instead. Both are
// within float rounding of each other; the reference test bounds the difference either way.
#include <vector>

#include <Eigen/Core>

namespace factpipe::encoder {

class PackedKernel {
 public:
  using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

  PackedKernel() = default;
  PackedKernel(RowMatrix kernel, RowVector bias);

  // x [n, rows()] -> [n, cols()].
  RowMatrix apply(const RowMatrix& x) const;

  Eigen::Index rows() const { return rows_; }
  Eigen::Index cols() const { return bias_.cols(); }

  // Whether kernels packed now run the AVX2+FMA code: the CPU has both, and FACTPIPE_ENCODER_KERNEL is not
  // "portable".
  static bool vectorised();

 private:
  Eigen::Index rows_ = 0;
  RowMatrix kernel_;           // [in, out], for the portable path only
  RowVector bias_;
  std::vector<float> panels_;  // cols/16 panels of rows x 16, when vectorised()
};

}  // namespace factpipe::encoder
