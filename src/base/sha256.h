// SHA-256 through OpenSSL's EVP interface. The digest algorithm is fetched once per process
// (OpenSSL 3's one-shot SHA256() refetches it on every call and is 3-4x slower on small inputs).
// Thread-safety: Sha256 objects are not shared; the fetched algorithm is immutable and shared.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ordo {

using Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  void Update(const Digest& digest);
  // Finishes and resets, so the object can hash the next message.
  Digest Finish();

  static Digest Of(std::string_view bytes);

 private:
  void* ctx_;  // EVP_MD_CTX*, kept opaque so OpenSSL headers stay out of this header
};

std::string ToHex(const Digest& d);
// REQUIRES nothing; returns false when hex is not 64 hex digits.
bool FromHex(std::string_view hex, Digest& out);

}  // namespace ordo
