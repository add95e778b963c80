#pragma once
// The expensive part of the accounts — solves and the products with S — done on the CPU (accounts.cpp) or on
// the GPU (cuda/accounts_gpu.cpp); everything after it is cheap host arithmetic shared by both.
#include <vector>

#include "worldsys/accounts/accounts.hpp"

namespace worldsys::detail {

struct Products {
  Matrix X;                    // L Y_r
  Matrix M;                    // S L (empty unless asked)
  Matrix Le;                   // L |e|, e = x - Z1 - Y1: the identity check's tolerance
  Matrix cba_sector;           // stressors x n, column (r, j): r's footprint arising in sector j
  std::vector<Matrix> flows;   // per stressor, origin x consumer
  double residual = 0, residual_M = 0, rcond = 0;
};

// Pieces of Leontief's constructor that the GPU path shares (leontief.cpp).
std::vector<double> inverse_output(const std::vector<double>& x);  // 1/x, 0 where x = 0
// A numeric error naming the sectors at fault unless the spectral radius of A is below 1.
void require_productive(const Mrio& m, const std::vector<double>& inv_x);
std::vector<float> identity_minus_A_f32(const Matrix& Z, const std::vector<double>& inv_x);
// ||I - A||_1, refusing non-finite entries with their labels (what LuFactor checks of the matrix it factors).
double identity_minus_A_norm1(const Mrio& m, const std::vector<double>& inv_x);
// The error when mixed-precision refinement stops converging above 1e-12.
[[noreturn]] void refinement_stalled(double relative_residual);

// |x - Z1 - Y1|, n x 1.
Matrix row_imbalance(const Mrio& m);

// On the device; S = intensities (s x n), Yr = final demand by region. Defined only in CUDA builds.
Products gpu_products(const Mrio& m, const Matrix& S, const Matrix& Yr, const AccountsOptions& opt);

}  // namespace worldsys::detail
