// Server logging in nats-server's format, built on spdlog with a custom level flag.
#include "engine/base/logger.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace nwb::base {
namespace {

/// nats-server's three-letter level labels.
class LevelFlag final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        std::string_view label = "INF";
        switch (msg.level) {
            case spdlog::level::trace: label = "TRC"; break;
            case spdlog::level::debug: label = "DBG"; break;
            case spdlog::level::warn: label = "WRN"; break;
            case spdlog::level::err: label = "ERR"; break;
            case spdlog::level::critical: label = "FTL"; break;
            default: break;
        }
        dest.append(label.data(), label.data() + label.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<LevelFlag>();
    }
};

}  // namespace

Logger::Logger(const LogSettings& settings) : debug_(settings.debug), trace_(settings.trace) {
    spdlog::sink_ptr sink;
    if (settings.file.empty()) {
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else {
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.file, false);
    }
    auto formatter = std::make_unique<spdlog::pattern_formatter>(
        settings.logtime_utc ? spdlog::pattern_time_type::utc : spdlog::pattern_time_type::local);
    formatter->add_flag<LevelFlag>('*');
    formatter->set_pattern(settings.logtime ? "[%P] %Y/%m/%d %H:%M:%S.%f [%*] %v" : "[%P] [%*] %v");
    sink->set_formatter(std::move(formatter));
    logger_ = std::make_shared<spdlog::logger>("nwb", sink);
    logger_->set_level(spdlog::level::trace);
    logger_->flush_on(spdlog::level::trace);
}

}  // namespace nwb::base
