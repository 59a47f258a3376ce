// Unique server identities in the shape of nats-server's nkey-based ids.
#include "engine/base/server_id.h"

#include <sys/random.h>

#include <array>
#include <random>

namespace nwb::base {

std::string newServerId() {
    static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::array<unsigned char, 55> random{};
    // getrandom() rather than a crypto library: an id needs uniqueness, and this keeps
    // libcrypto out of the server's start-up.
    if (getrandom(random.data(), random.size(), 0) != static_cast<ssize_t>(random.size())) {
        std::random_device device;
        for (auto& b : random) b = static_cast<unsigned char>(device());
    }
    std::string id = "N";
    for (unsigned char b : random) id.push_back(kAlphabet[b % kAlphabet.size()]);
    return id;
}

}  // namespace nwb::base
