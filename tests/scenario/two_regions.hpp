#pragma once
// The hand table shared by the scenario and price-model tests.
#include "worldsys/core/mrio.hpp"

namespace worldsys::test {

// Two regions (S, N) x one sector, one final-demand category:
//   Z = [20 10; 30 40], x = (100, 200), Y = [60 10; 30 100] (columns: demand of S, of N), balanced.
//   A = [0.2 0.05; 0.3 0.2], I - A = [0.8 -0.05; -0.3 0.8], det = 0.625, L = [1.28 0.08; 0.48 1.28].
//   labour_compensation W = (30, 60), labour_hours H = (10, 5): 3 and 12 per hour.
inline Mrio two() {
  Mrio m;
  m.regions = {"S", "N"};
  m.sectors = {"all"};
  m.sector_names = {"all"};
  m.categories = {"hh"};
  m.unit = "USD";
  m.Z = Matrix(2, 2);
  m.Z(0, 0) = 20, m.Z(0, 1) = 10, m.Z(1, 0) = 30, m.Z(1, 1) = 40;
  m.Y = Matrix(2, 2);
  m.Y(0, 0) = 60, m.Y(0, 1) = 10, m.Y(1, 0) = 30, m.Y(1, 1) = 100;
  m.x = {100, 200};
  m.stressors = {{"labour_compensation", "USD", "", {}}, {"labour_hours", "h", "", {}}};
  m.F = Matrix(2, 2);
  m.F(0, 0) = 30, m.F(0, 1) = 60, m.F(1, 0) = 10, m.F(1, 1) = 5;
  m.F_Y = Matrix(2, 2);
  validate(m, "two");
  return m;
}

}  // namespace worldsys::test
