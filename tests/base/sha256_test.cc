#include "base/sha256.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

TEST(Sha256, MatchesFipsVectors) {
  EXPECT_EQ(ToHex(Sha256::Of("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Sha256::Of("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(ToHex(h.Finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Reusable after Finish.
  h.Update("abc");
  EXPECT_EQ(ToHex(h.Finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, HexRoundTrips) {
  Digest d = Sha256::Of("x");
  Digest back{};
  ASSERT_TRUE(FromHex(ToHex(d), back));
  EXPECT_EQ(d, back);
  EXPECT_FALSE(FromHex("zz", back));
}

}  // namespace
}  // namespace ordo
