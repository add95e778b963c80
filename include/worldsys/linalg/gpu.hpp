#pragma once
// The optional GPU backend (CMake -DWORLDSYS_CUDA=ON; cuSOLVER getrf/getrs and cuBLAS on an NVIDIA device).
// Builds without it, and machines without a device, get a usage error that says how to fix it: never a crash.
// No CUDA header appears here (pimpl), so nothing outside src/*/cuda/ depends on the toolkit.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys {

enum class Device { cpu, gpu };
// "cpu" or "gpu"; a usage error otherwise.
Device parse_device(const std::string& name);
const char* to_string(Device d);

// Whether this build has the CUDA backend.
bool gpu_built();
// Empty when a GPU can be used; otherwise why not and how to fix it (one sentence for an error message).
std::string gpu_unavailable_reason();
// Throws a usage error with gpu_unavailable_reason() unless a GPU can be used.
void require_gpu();
// "NVIDIA H100 80GB HBM3 (79.1 GiB, compute capability 9.0)" for device 0; empty without one.
std::string gpu_description();

// LuFactor's interface on the device: one getrf (cuSOLVER, float64 or float32), then getrs for as many
// right-hand sides as needed, plain or transposed. The factors stay on the device; the host-side solve copies
// B there and back. rcond() is Hager's 1-norm estimate from a few device solves (LAPACK gecon's method).
class GpuLu {
 public:
  struct Impl;  // device buffers; defined in src/linalg/cuda/ (the accounts' device path uses it directly)

  explicit GpuLu(const Matrix& M, const std::function<std::string(size_t)>& label = {});
  GpuLu(const std::vector<float>& M, size_t n, const std::function<std::string(size_t)>& label = {});
  explicit GpuLu(std::unique_ptr<Impl> impl);
  ~GpuLu();
  GpuLu(GpuLu&&) noexcept;

  size_t n() const;
  bool single() const;
  void solve(Matrix& B) const;             // B := M^-1 B
  void solve_transposed(Matrix& B) const;  // B := M^-T B
  Matrix inverse() const;
  double rcond() const;
  Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace worldsys
