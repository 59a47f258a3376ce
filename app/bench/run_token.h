// A random token that keeps each run's subjects apart from earlier runs and other clients.
#pragma once

#include <cstdio>
#include <random>
#include <string>

namespace nwb::bench {

inline std::string randomToken() {
    std::random_device device;
    std::uint64_t value = (std::uint64_t{device()} << 32) | device();
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

}  // namespace nwb::bench
