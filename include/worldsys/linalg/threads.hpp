#pragma once
// Independent tasks (years of a panel) spread over the cores. While tasks run in parallel, BLAS runs
// single-threaded inside each, so the two levels of parallelism never fight over the same cores.
#include <cstddef>
#include <functional>

namespace worldsys {

// Runs body(0..count-1) on up to `threads` threads (0 = the number of cores); rethrows the first exception
// (the one with the lowest index) after all threads have stopped.
void parallel_for(size_t count, const std::function<void(size_t)>& body, unsigned threads = 0);

// BLAS on one thread while alive, the previous count restored after. Results that must not depend on where or
// how they run (a panel's years under parallel_for, the serial panel verbs, a Dask worker's task, Monte Carlo
// draws serial or parallel) use the same single-threaded kernels: multi-threaded BLAS adds in another order, so
// only this makes a cluster's results equal the serial ones to the last bit.
class SerialBlas {
 public:
  SerialBlas();
  ~SerialBlas();
  SerialBlas(const SerialBlas&) = delete;
  SerialBlas& operator=(const SerialBlas&) = delete;

 private:
  int saved_;
};
// The number of BLAS threads; set_blas_threads returns the previous one.
int blas_threads();
int set_blas_threads(int n);

}  // namespace worldsys
