// Server-wide JetStream settings (nats-server `jetstream { ... }` block and -js/-sd flags).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/store/file_store.h"

namespace nwb::jetstream {

struct JetStreamConfig {
    std::filesystem::path store_dir;  ///< streams live in <store_dir>/jetstream/<account>/streams/
    std::int64_t max_memory_store = -1;  ///< bytes for memory streams; -1: unlimited
    std::int64_t max_file_store = -1;    ///< bytes for file streams; -1: unlimited
    std::string domain;                  ///< adds $JS.<domain>.API.> and "domain" in replies
    store::SyncPolicy sync_interval = store::SyncPolicy::always();  ///< ours: fsync before ack
    int worker_threads = 2;  ///< threads for API requests and stream disk work
};

}  // namespace nwb::jetstream
