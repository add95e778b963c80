#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"

using namespace worldsys;

TEST(Accounts, TinyTableIdentitiesHoldExactly) {
  const Mrio m = test::tiny_mrio();
  const Accounts a = compute_accounts(m);
  ASSERT_EQ(a.stressors.size(), 2u);
  for (size_t k = 0; k < 2; ++k) {
    double cba = 0, pba = 0;
    for (size_t r = 0; r < 2; ++r) {
      cba += a.cba(k, r);
      pba += a.pba(k, r);
      EXPECT_NEAR(a.cba(k, r), a.pba(k, r) + a.imp(k, r) - a.exp(k, r), 1e-10 * std::abs(a.pba(k, r)));
    }
    EXPECT_NEAR(cba, pba, 1e-12 * pba);
  }
  EXPECT_LT(a.residual, 1e-14);
}
