// CRC32C: the SSE4.2 crc32 instruction when the CPU has it, else slicing-by-8 tables.
#include "engine/store/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace nwb::store {
namespace {

constexpr std::uint32_t kPolynomial = 0x82F63B78u;  // reflected 0x1EDC6F41

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables makeTables() {
    Tables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t k = 1; k < 8; ++k) {
        for (std::size_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xffu];
    }
    return t;
}

constexpr Tables kTables = makeTables();

std::uint32_t load32(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

std::uint32_t softwareUpdate(std::uint32_t c, const unsigned char* p, std::size_t n) {
    while (n >= 8) {
        c ^= load32(p);
        const std::uint32_t hi = load32(p + 4);
        c = kTables[7][c & 0xffu] ^ kTables[6][(c >> 8) & 0xffu] ^ kTables[5][(c >> 16) & 0xffu] ^
            kTables[4][c >> 24] ^ kTables[3][hi & 0xffu] ^ kTables[2][(hi >> 8) & 0xffu] ^
            kTables[1][(hi >> 16) & 0xffu] ^ kTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n-- > 0) c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xffu];
    return c;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint32_t hardwareUpdate(std::uint32_t c,
                                                               const unsigned char* p,
                                                               std::size_t n) {
    std::uint64_t c64 = c;
    while (n >= 8) {
        std::uint64_t v = 0;
        std::memcpy(&v, p, sizeof v);  // x86 is little-endian: the bytes in stream order
        c64 = _mm_crc32_u64(c64, v);
        p += 8;
        n -= 8;
    }
    c = static_cast<std::uint32_t>(c64);
    while (n-- > 0) c = _mm_crc32_u8(c, *p++);
    return c;
}

const bool kHaveHardware = __builtin_cpu_supports("sse4.2");
#endif

}  // namespace

std::uint32_t crc32c(const void* data, std::size_t size, std::uint32_t seed) {
    const auto* p = static_cast<const unsigned char*>(data);
    const std::uint32_t c = ~seed;
#if defined(__x86_64__)
    if (kHaveHardware) return ~hardwareUpdate(c, p, size);
#endif
    return ~softwareUpdate(c, p, size);
}

}  // namespace nwb::store
