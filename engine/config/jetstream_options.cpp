// nats-server 2.9.10's JetStream start-up defaults (jetstream.go EnableJetStream,
// dynJetStreamConfig, diskAvailable) and banner.
#include "engine/config/jetstream_options.h"

#include <cmath>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace nwb::config {
namespace {

constexpr std::int64_t kMaxStoreDefault = std::int64_t{1} << 40;    // 1 TB, when statfs fails
constexpr std::int64_t kMaxMemoryDefault = std::int64_t{256} << 20;  // when RAM is unknown

/// 75% of the space available to unprivileged users under `dir` (created first, as Go does).
std::int64_t diskAvailable(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    struct statvfs fs {};
    if (::statvfs(dir.c_str(), &fs) != 0) return kMaxStoreDefault;
    const auto bytes = static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
    return static_cast<std::int64_t>(bytes / 4 * 3);
}

/// 75% of the physical memory.
std::int64_t memoryAvailable() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page_size = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_size <= 0) return kMaxMemoryDefault;
    return static_cast<std::int64_t>(pages) * page_size / 4 * 3;
}

}  // namespace

std::filesystem::path tempDirectory() {
    const char* tmp = std::getenv("TMPDIR");
    return tmp != nullptr && *tmp != '\0' ? std::filesystem::path(tmp) : std::filesystem::path("/tmp");
}

jetstream::JetStreamConfig jetStreamConfig(const core::ServerOptions& opts) {
    jetstream::JetStreamConfig config;
    // Unset limits are -1 (nats-server's setBaselineOptions); an explicit 0 stays 0.
    const std::int64_t max_memory = opts.jetstream_max_memory.value_or(-1);
    const std::int64_t max_store = opts.jetstream_max_store.value_or(-1);
    if (max_memory <= 0 || max_store <= 0) {
        // dynJetStreamConfig: "make it consistent for restarts" under <temp>/nats.
        config.store_dir = opts.store_dir.empty() ? tempDirectory() / "nats"
                                                  : std::filesystem::path(opts.store_dir);
        config.max_file_store = max_store >= 0 && opts.jetstream_max_store
                                    ? max_store
                                    : diskAvailable(config.store_dir / "jetstream");
        config.max_memory_store = max_memory >= 0 && opts.jetstream_max_memory ? max_memory
                                                                               : memoryAvailable();
    } else {
        config.store_dir = opts.store_dir.empty() ? tempDirectory()
                                                  : std::filesystem::path(opts.store_dir);
        config.max_memory_store = max_memory;
        config.max_file_store = max_store;
    }
    config.domain = opts.jetstream_domain;
    config.sync_interval = opts.jetstream_sync_interval
                               ? store::SyncPolicy::interval(*opts.jetstream_sync_interval)
                               : store::SyncPolicy::always();
    return config;
}

std::string friendlyBytes(std::int64_t bytes) {
    const auto value = static_cast<double>(bytes);
    constexpr double kBase = 1024;
    if (value < kBase) return fmt::format("{} B", bytes);
    const int exp = static_cast<int>(std::log(value) / std::log(kBase));
    static constexpr const char* kPrefixes[] = {"K", "M", "G", "T", "P", "E"};
    return fmt::format("{:.2f} {}B", value / std::pow(kBase, exp), kPrefixes[exp - 1]);
}

std::vector<std::string> jetStreamBanner(const jetstream::JetStreamConfig& config) {
    std::vector<std::string> lines = {
        "Starting JetStream",
        R"(    _ ___ _____ ___ _____ ___ ___   _   __  __)",
        R"( _ | | __|_   _/ __|_   _| _ \ __| /_\ |  \/  |)",
        R"(| || | _|  | | \__ \ | | |   / _| / _ \| |\/| |)",
        R"( \__/|___| |_| |___/ |_| |_|_\___/_/ \_\_|  |_|)",
        "",
        "         https://docs.nats.io/jetstream",
        "",
        "---------------- JETSTREAM ----------------",
        "  Max Memory:      " + friendlyBytes(config.max_memory_store),
        "  Max Storage:     " + friendlyBytes(config.max_file_store),
        "  Store Directory: \"" + (config.store_dir / "jetstream").string() + "\"",
    };
    if (!config.domain.empty()) lines.push_back("  Domain:          " + config.domain);
    lines.emplace_back("-------------------------------------------");
    return lines;
}

}  // namespace nwb::config
