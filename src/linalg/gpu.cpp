#include "worldsys/linalg/gpu.hpp"

#include <fmt/format.h>

#include "worldsys/core/error.hpp"

namespace worldsys {

Device parse_device(const std::string& name) {
  if (name == "cpu") return Device::cpu;
  if (name == "gpu") return Device::gpu;
  fail(ErrorKind::usage, fmt::format("unknown device '{}'; use cpu or gpu", name));
}

const char* to_string(Device d) { return d == Device::gpu ? "gpu" : "cpu"; }

void require_gpu() {
  const std::string why = gpu_unavailable_reason();
  if (!why.empty()) fail(ErrorKind::usage, why);
}

#ifndef WORLDSYS_HAVE_CUDA
// Built without the backend: every entry point says how to get it. The CUDA build defines these in
// src/linalg/cuda/gpu_lu.cpp.
bool gpu_built() { return false; }
std::string gpu_unavailable_reason() {
  return "this worldsys was built without the GPU backend: rebuild with `cmake -DWORLDSYS_CUDA=ON` on a machine "
         "with the CUDA toolkit (cuSOLVER, cuBLAS), or use --device cpu";
}
std::string gpu_description() { return {}; }

struct GpuLu::Impl {};
GpuLu::GpuLu(const Matrix&, const std::function<std::string(size_t)>&) { require_gpu(); }
GpuLu::GpuLu(const std::vector<float>&, size_t, const std::function<std::string(size_t)>&) { require_gpu(); }
GpuLu::GpuLu(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) { require_gpu(); }
GpuLu::~GpuLu() = default;
GpuLu::GpuLu(GpuLu&&) noexcept = default;
// Unreachable: no GpuLu can be constructed in this build.
size_t GpuLu::n() const { require_gpu(); return 0; }
bool GpuLu::single() const { require_gpu(); return false; }
void GpuLu::solve(Matrix&) const { require_gpu(); }
void GpuLu::solve_transposed(Matrix&) const { require_gpu(); }
Matrix GpuLu::inverse() const { require_gpu(); return {}; }
double GpuLu::rcond() const { require_gpu(); return 0; }
#endif

}  // namespace worldsys
