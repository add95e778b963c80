#include "worldsys/linalg/threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

extern "C" int openblas_get_num_threads();
extern "C" void openblas_set_num_threads(int);

namespace worldsys {

void parallel_for(size_t count, const std::function<void(size_t)>& body, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = unsigned(std::min<size_t>(threads, count));
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) body(i);
    return;
  }
  const int blas_threads = openblas_get_num_threads();
  openblas_set_num_threads(1);
  std::atomic<size_t> next{0};
  std::mutex mu;
  size_t failed_at = count;
  std::exception_ptr error;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < count;) {
        try {
          body(i);
        } catch (...) {
          std::lock_guard lock(mu);
          if (i < failed_at) failed_at = i, error = std::current_exception();
        }
      }
    });
  for (auto& th : pool) th.join();
  openblas_set_num_threads(blas_threads);
  if (error) std::rethrow_exception(error);
}

SerialBlas::SerialBlas() : saved_(openblas_get_num_threads()) { openblas_set_num_threads(1); }
SerialBlas::~SerialBlas() { openblas_set_num_threads(saved_); }

}  // namespace worldsys
