// From ServerOptions to the JetStream service's settings, with nats-server 2.9.10's defaults
// (store directory under the temp directory, limits from free disk and RAM) and its banner.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/server_options.h"
#include "engine/jetstream/jetstream_config.h"

namespace nwb::config {

/// Go's os.TempDir() on Unix: $TMPDIR, or "/tmp" when unset or empty. Any thread.
std::filesystem::path tempDirectory();

/// nats-server's EnableJetStream: the directory that holds "jetstream/" (-sd, else
/// <temp>/nats, or <temp> itself when both limits are set above 0), max_memory_store (set ≥ 0,
/// else 75% of RAM), max_file_store (set ≥ 0, else 75% of the disk space free under the store
/// directory, which it creates as nats-server does), domain and sync interval. Any thread;
/// touches the file system.
jetstream::JetStreamConfig jetStreamConfig(const core::ServerOptions& opts);

/// nats-server's friendlyBytes: "512 B", "1.00 KB", "17.66 GB" (powers of 1024).
std::string friendlyBytes(std::int64_t bytes);

/// The lines nats-server logs when JetStream starts, from "Starting JetStream" to the closing
/// dashes, for `config` (the store directory shown is <store_dir>/jetstream).
std::vector<std::string> jetStreamBanner(const jetstream::JetStreamConfig& config);

}  // namespace nwb::config
