// Unique server identities in the shape of nats-server's nkey-based ids.
#include "engine/base/server_id.h"

#include <openssl/rand.h>

#include <array>

namespace nwb::base {

std::string newServerId() {
    static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::array<unsigned char, 55> random{};
    RAND_bytes(random.data(), static_cast<int>(random.size()));
    std::string id = "N";
    for (unsigned char b : random) id.push_back(kAlphabet[b % kAlphabet.size()]);
    return id;
}

}  // namespace nwb::base
