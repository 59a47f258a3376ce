// CRC32C (Castagnoli), the checksum of every segment record and index file.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nwb::store {

/// CRC32C of `size` bytes. Pass a previous result as `seed` to continue it over more bytes:
/// crc32c(b, nb, crc32c(a, na)) == crc32c(a followed by b). Any thread; pure function.
std::uint32_t crc32c(const void* data, std::size_t size, std::uint32_t seed = 0);

}  // namespace nwb::store
