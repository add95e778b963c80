# LAPACK and BLAS come from OpenBLAS, linked explicitly: Debian's default liblapack/libblas alternatives may
# point at the reference implementation, which is ~20x slower. We refuse to configure if the library we
# found does not answer OpenBLAS's own entry point.
find_package(Threads REQUIRED)
find_library(OPENBLAS_LIBRARY NAMES openblas PATHS /usr/lib/x86_64-linux-gnu/openblas-pthread NO_DEFAULT_PATH)
if(NOT OPENBLAS_LIBRARY)
  find_library(OPENBLAS_LIBRARY NAMES openblas REQUIRED)
endif()
file(WRITE ${CMAKE_BINARY_DIR}/openblas_check.cpp [=[
extern "C" char* openblas_get_config();
extern "C" void dgetrf_(const int*, const int*, double*, const int*, int*, int*);
#include <cstdio>
int main() {
  double a[4] = {4, 3, 6, 3}; int n = 2, ipiv[2], info = 0;
  dgetrf_(&n, &n, a, &n, ipiv, &info);
  std::printf("%s", openblas_get_config());
  return info;
}
]=])
try_run(OPENBLAS_RUNS OPENBLAS_COMPILES ${CMAKE_BINARY_DIR}/openblas_check
        SOURCES ${CMAKE_BINARY_DIR}/openblas_check.cpp
        LINK_LIBRARIES ${OPENBLAS_LIBRARY} Threads::Threads
        RUN_OUTPUT_VARIABLE OPENBLAS_CONFIG)
if(NOT OPENBLAS_COMPILES OR NOT OPENBLAS_RUNS EQUAL 0)
  message(FATAL_ERROR "OpenBLAS with LAPACK not usable from ${OPENBLAS_LIBRARY}: install libopenblas-dev "
                      "(bash scripts/setup.sh). worldsys does not build against the reference BLAS.")
endif()
message(STATUS "LAPACK/BLAS: ${OPENBLAS_LIBRARY} (${OPENBLAS_CONFIG})")
set(WORLDSYS_BLAS ${OPENBLAS_LIBRARY})
