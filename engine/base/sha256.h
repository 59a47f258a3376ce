// SHA-256 (FIPS 180-4), small and dependency-free: nwb-server does not load libcrypto for one hash.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace nwb::base {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// The SHA-256 digest of `data`. Thread-safe.
Sha256Digest sha256(std::string_view data);

}  // namespace nwb::base
