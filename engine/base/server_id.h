// Unique server identities in the shape of nats-server's (an "N" followed by 55 base32 characters).
#pragma once

#include <string>

namespace nwb::base {

/// A fresh random server id. Thread-safe.
std::string newServerId();

}  // namespace nwb::base
