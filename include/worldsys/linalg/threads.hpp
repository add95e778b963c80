#pragma once
// Independent tasks (years of a panel) spread over the cores. While tasks run in parallel, BLAS runs
// single-threaded inside each, so the two levels of parallelism never fight over the same cores.
#include <cstddef>
#include <functional>

namespace worldsys {

// Runs body(0..count-1) on up to `threads` threads (0 = the number of cores); rethrows the first exception
// (the one with the lowest index) after all threads have stopped.
void parallel_for(size_t count, const std::function<void(size_t)>& body, unsigned threads = 0);

// BLAS single-threaded while this object lives (restored after): results that must not depend on the number of
// threads (Monte Carlo draws run serially or in parallel) use the same single-threaded kernels either way.
class SerialBlas {
 public:
  SerialBlas();
  ~SerialBlas();
  SerialBlas(const SerialBlas&) = delete;
  SerialBlas& operator=(const SerialBlas&) = delete;

 private:
  int saved_;
};

}  // namespace worldsys
