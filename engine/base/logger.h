// Server logging in nats-server's format: "[pid] 2006/01/02 15:04:05.000000 [INF] message".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <spdlog/logger.h>

namespace nwb::base {

struct LogSettings {
    bool debug = false;
    bool trace = false;
    bool logtime = true;
    bool logtime_utc = false;
    std::string file;  ///< empty: stderr
};

/// A named server logger. Thread-safe: any thread may log.
class Logger {
public:
    explicit Logger(const LogSettings& settings);

    template <typename... Args>
    void info(fmt::format_string<Args...> f, Args&&... args) {
        logger_->info(fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void warn(fmt::format_string<Args...> f, Args&&... args) {
        logger_->warn(fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void error(fmt::format_string<Args...> f, Args&&... args) {
        logger_->error(fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void fatal(fmt::format_string<Args...> f, Args&&... args) {
        logger_->critical(fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void debug(fmt::format_string<Args...> f, Args&&... args) {
        if (debug_) logger_->debug(fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void trace(fmt::format_string<Args...> f, Args&&... args) {
        if (trace_) logger_->trace(fmt::format(f, std::forward<Args>(args)...));
    }

    bool debugEnabled() const { return debug_; }
    bool traceEnabled() const { return trace_; }

private:
    std::shared_ptr<spdlog::logger> logger_;
    bool debug_;
    bool trace_;
};

}  // namespace nwb::base
