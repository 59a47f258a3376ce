// The shape of one benchmark run: how many messages, how big, how many clients.
#pragma once

#include <cstdint>

namespace nwb::bench {

struct ScenarioParams {
    std::uint64_t msgs = 0;      ///< messages (or requests) in total, over all publishers
    std::uint64_t size = 16;     ///< payload bytes
    std::uint32_t pubs = 1;      ///< publishers (or requesters)
    std::uint32_t subs = 0;      ///< subscribers (queue members, responders)
    std::uint32_t subjects = 1;  ///< publishers cycle over this many subjects
    double rate = 0;  ///< messages per second over all publishers; 0: as fast as possible
    std::uint32_t batch = 0;  ///< JetStream: messages per fetch, or async publishes in flight
};

}  // namespace nwb::bench
