// Password and token comparison as nats-server does it: bcrypt when the configured value is a hash.
#include "engine/auth/password_check.h"

#include <crypt.h>
#include <memory>
#include <string>

namespace nwb::auth {
namespace {

constexpr std::size_t kBcryptLength = 60;      // "$2b$10$" + 22 salt chars + 31 hash chars
constexpr std::size_t kBcryptHashOffset = 29;  // where the 31 hash chars start

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// Equal-length inputs take the same time whatever their content (Go's subtle.ConstantTimeCompare).
bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

bool bcryptMatches(std::string_view configured, std::string_view provided) {
    if (configured.size() != kBcryptLength) return false;
    // A C string cannot carry a NUL, and Go would hash the bytes after it: never accept one.
    if (provided.find('\0') != std::string_view::npos) return false;
    // Go's bcrypt runs one algorithm whatever the minor letter; in libxcrypt that is $2b$.
    // ($2x$ there reproduces an old sign-extension bug and $2a$ adds a countermeasure to it.)
    std::string setting(configured);
    setting[2] = 'b';
    const std::string phrase(provided);
    auto data = std::make_unique<crypt_data>();
    const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
    if (out == nullptr) return false;
    const std::string_view computed(out);
    // Compare only the hash: libxcrypt re-encodes the salt's unused low bits, Go keeps them as
    // given.
    if (computed.size() != kBcryptLength) return false;
    return constantTimeEquals(computed.substr(kBcryptHashOffset),
                              configured.substr(kBcryptHashOffset));
}

}  // namespace

bool isBcryptHash(std::string_view configured) {
    return configured.size() >= 7 && configured[0] == '$' && configured[1] == '2' &&
           (configured[2] == 'a' || configured[2] == 'b' || configured[2] == 'x' ||
            configured[2] == 'y') &&
           configured[3] == '$' && isDigit(configured[4]) && isDigit(configured[5]) &&
           configured[6] == '$';
}

bool passwordMatches(std::string_view configured, std::string_view provided) {
    if (isBcryptHash(configured)) return bcryptMatches(configured, provided);
    return constantTimeEquals(configured, provided);
}

}  // namespace nwb::auth
