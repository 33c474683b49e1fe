// Canonical event bytes never change meaning once written: these golden vectors pin version 1.
#include "model/event_codec.h"

#include <gtest/gtest.h>

#include "feel/value.h"

namespace ordo::model {
namespace {

Event Created() {
  Event e;
  e.type = EventType::kInstanceCreated;
  e.seq = 1;
  e.at = 1700000000000;
  e.key = 42;
  e.ref = 7;
  e.name = "invoice";
  e.number = 3;
  e.text = "INV-1";
  e.variables.emplace("amount", *feel::Value::NumberFromString("1000.50"));
  e.variables.emplace("supplier", feel::Value::String("ACME \"Ltd\""));
  return e;
}

TEST(EventCodec, GoldenBytesOfVersion1) {
  EXPECT_EQ(CanonicalBytes(Created()),
            R"({"v":1,"seq":1,"at":1700000000000,"type":"InstanceCreated","key":42,"element":"",)"
            R"("data":{"definition":7,"process":"invoice","version":3,"businessKey":"INV-1",)"
            R"("variables":{"amount":1000.50,"supplier":"ACME \"Ltd\""}}})");
}

TEST(EventCodec, GoldenChainHashes) {
  Digest h1 = ChainHash(GenesisHash(), CanonicalBytes(Created()));
  Event activated;
  activated.type = EventType::kElementActivated;
  activated.seq = 2;
  activated.at = 1700000000000;
  activated.key = 43;
  activated.element = "start";
  activated.name = "startEvent";
  std::string bytes = CanonicalBytes(activated);
  EXPECT_EQ(bytes, R"({"v":1,"seq":2,"at":1700000000000,"type":"ElementActivated","key":43,"element":"start","data":{"kind":"startEvent"}})");
  Digest h2 = ChainHash(h1, bytes);
  // SHA-256(32 zero bytes || bytes_1), then SHA-256(h1 || bytes_2): fixed forever.
  EXPECT_EQ(ToHex(h1), ToHex(Sha256::Of(std::string(32, '\0') + CanonicalBytes(Created()))));
  EXPECT_EQ(ToHex(h2), ToHex(Sha256::Of(std::string(reinterpret_cast<const char*>(h1.data()), 32) + bytes)));
}

TEST(EventCodec, EveryTypeRoundTrips) {
  for (int t = 1; t <= kEventTypeCount; ++t) {
    Event e;
    e.type = static_cast<EventType>(t);
    e.seq = 5;
    e.at = 1234;
    e.key = 99;
    e.element = "el";
    e.element_instance = 98;
    e.ref = 97;
    e.number = 2;
    e.time = 5678;
    e.name = "n";
    e.text = "t\nx";
    e.list1 = {"a", "b"};
    e.list2 = {"c"};
    e.variables.emplace("v", feel::Value::Bool(true));
    std::string bytes = CanonicalBytes(e);
    auto back = ParseCanonical(bytes);
    ASSERT_TRUE(back.ok()) << EventTypeName(e.type) << ": " << back.status().ToString();
    EXPECT_EQ(CanonicalBytes(*back), bytes) << EventTypeName(e.type);
    EXPECT_EQ(bytes.find('\n'), std::string::npos) << "one event is one line";
  }
}

TEST(EventCodec, CorruptBytesAreDataLoss) {
  for (const char* bad : {"", "{}", R"({"v":2,"seq":1})", R"({"v":1,"seq":1,"at":0,"type":"Nope","key":1,"element":"","data":{}})",
                          R"({"v":1,"seq":1,"at":0,"type":"TaskCompleted","key":1,"element":"","data":{}})"}) {
    auto r = ParseCanonical(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << bad;
  }
}

}  // namespace
}  // namespace ordo::model
