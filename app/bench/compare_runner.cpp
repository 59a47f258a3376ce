// The --compare loop: server lifecycles, alternating rounds and /proc sampling.
#include "app/bench/compare_runner.h"

#include "app/bench/js_checks.h"
#include "app/bench/proc_stats.h"
#include "app/bench/result_output.h"
#include "app/bench/server_process.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <sys/vfs.h>
#include <thread>
#include <unistd.h>

namespace nwb::bench {
namespace {

/// Idle RSS is read this long after the server first answers, once start-up allocations settle.
constexpr auto kIdleSettle = std::chrono::milliseconds(300);

void note(const CompareSettings& settings, const std::string& text) {
    if (settings.context.progress) std::fprintf(stderr, "%s\n", text.c_str());
}

std::string headline(const RunResult& r) {
    std::string figure;
    for (const auto& m : r.keyMetrics()) {
        if (!figure.empty()) figure += ", ";
        figure += formatFigure(m.value) + " " + m.name;
        if (figure.size() > 70) break;
    }
    return figure + " [" + r.verdict() + "]";
}

}  // namespace

std::string defaultNwbBinary() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "nwb-server";
    return (self.parent_path() / ".." / "server" / "nwb-server").lexically_normal().string();
}

std::string defaultRefBinary() {
    if (const char* path = std::getenv("PATH")) {
        std::string_view rest(path);
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const auto dir = rest.substr(0, colon);
            if (!dir.empty()) {
                const std::string candidate = std::string(dir) + "/nats-server";
                if (::access(candidate.c_str(), X_OK) == 0) return candidate;
            }
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    return "/usr/sbin/nats-server";
}

namespace {

/// A JetStream store directory for one server start, removed when this goes.
class StoreDir {
public:
    static std::expected<std::unique_ptr<StoreDir>, std::string> create(
        const std::filesystem::path& parent) {
        std::string pattern = (parent / "nwb-bench-js-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            return std::unexpected("cannot create a store directory under " + parent.string() +
                                   ": " + std::strerror(errno));
        }
        return std::unique_ptr<StoreDir>(new StoreDir(pattern));
    }
    ~StoreDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    StoreDir(const StoreDir&) = delete;
    StoreDir& operator=(const StoreDir&) = delete;
    const std::string& path() const { return path_; }

private:
    explicit StoreDir(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

/// One server under test, with its store when it runs JetStream.
struct RunningServer {
    std::unique_ptr<StoreDir> store;  ///< declared first: the process goes before its store
    std::unique_ptr<ServerProcess> process;
    std::optional<std::uint64_t> peak_rss_kib;

    /// Stops the process (remembering its peak RSS) and removes its store.
    void stop() {
        if (process) {
            if (const auto hwm = processMemoryKib(process->pid(), "VmHWM"))
                peak_rss_kib = std::max(peak_rss_kib.value_or(0), *hwm);
            process->stop();
            process.reset();
        }
        store.reset();
    }
};

std::filesystem::path storeParent(const CompareSettings& settings) {
    if (!settings.store_parent.empty()) return settings.store_parent;
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    return ec ? std::filesystem::path("/tmp") : dir;
}

std::string describeStoreParent(const std::filesystem::path& parent) {
    struct statfs info {};
    if (::statfs(parent.c_str(), &info) != 0) return parent.string();
    return parent.string() + " (" + filesystemName(static_cast<std::uint64_t>(info.f_type)) + ")";
}

}  // namespace

CompareData runCompare(const CompareSettings& settings, const std::vector<PlannedScenario>& plan) {
    CompareData data;
    data.machine = readMachineInfo();
    data.rounds = settings.rounds;
    data.placement = settings.placement;
    data.subscriber_mode = settings.context.subscriber_mode;
    if (const auto self = processCpus(0)) data.client_cpus = formatCpuList(*self);
    for (int server = 0; server < 2; ++server) {
        data.servers[server].binary = settings.binaries[server];
        data.servers[server].version = serverVersion(settings.binaries[server]);
    }
    const std::filesystem::path store_parent = storeParent(settings);
    for (const auto& planned : plan) {
        if (isJetStreamScenario(planned.spec.name))
            data.store_note = describeStoreParent(store_parent);
    }

    for (std::size_t index = 0; index < plan.size(); ++index) {
        const PlannedScenario& planned = plan[index];
        const bool jetstream = isJetStreamScenario(planned.spec.name);
        ScenarioRecord record;
        record.plan = planned;
        RunningServer servers[2];
        // Starts (or restarts) one server, with a fresh store for JetStream; "" or the error.
        const auto startServer = [&](int server) -> std::string {
            servers[server].stop();
            std::vector<std::string> args;
            if (jetstream) {
                auto store = StoreDir::create(store_parent);
                if (!store) return store.error();
                servers[server].store = std::move(*store);
                args = {"-js", "-sd", servers[server].store->path()};
            }
            auto started = ServerProcess::start(settings.binaries[server], args,
                                                std::chrono::seconds(10), settings.server_affinity);
            if (!started) {
                servers[server].store.reset();
                return started.error();
            }
            servers[server].process = std::move(*started);
            // Read back, so the report shows where each server really ran.
            const auto cpus = processCpus(servers[server].process->pid());
            data.servers[server].cpus = cpus ? formatCpuList(*cpus) : "unknown";
            if (!settings.server_affinity.empty() && cpus != settings.server_affinity) {
                return "its CPU affinity is " + data.servers[server].cpus + ", not " +
                       formatCpuList(settings.server_affinity);
            }
            auto& startups = jetstream ? data.servers[server].js_startup_seconds
                                       : data.servers[server].startup_seconds;
            startups.push_back(servers[server].process->startupSeconds());
            return "";
        };
        // Alternate which server starts first, so neither always starts on a quieter machine.
        const int first = index % 2 == 0 ? kNwb : kRef;
        for (const int server : {first, 1 - first}) {
            if (auto error = startServer(server); !error.empty()) {
                record.error = fmt::format("{} did not start: {}", kServerLabels[server], error);
                break;
            }
        }
        if (record.error.empty()) {
            std::this_thread::sleep_for(kIdleSettle);
            for (int server = 0; server < 2; ++server) {
                if (const auto rss = processMemoryKib(servers[server].process->pid(), "VmRSS")) {
                    (jetstream ? data.servers[server].js_idle_rss_kib
                               : data.servers[server].idle_rss_kib)
                        .push_back(static_cast<double>(*rss));
                }
            }
        }
        for (std::uint32_t round = 1; round <= settings.rounds && record.error.empty(); ++round) {
            for (int server = 0; server < 2; ++server) {
                // JetStream: every run on a fresh server and store, so nothing accumulates.
                if (jetstream && round > 1) {
                    if (auto error = startServer(server); !error.empty()) {
                        record.error =
                            fmt::format("{} did not restart: {}", kServerLabels[server], error);
                        break;
                    }
                }
                ServerProcess& process = *servers[server].process;
                RunContext ctx = settings.context;
                ctx.url = process.url();
                ctx.label = fmt::format("{} [{}] round {}/{}", planned.spec.text,
                                        kServerLabels[server], round, settings.rounds);
                // CPU over the whole run, unless the runner marks its timed part.
                auto cpu_before = processCpuSeconds(process.pid());
                auto self_before = processCpuSeconds(::getpid());
                std::optional<std::optional<double>> cpu_end;
                std::optional<double> self_end;
                ctx.measure_begin = [&] {
                    cpu_before = processCpuSeconds(process.pid());
                    self_before = processCpuSeconds(::getpid());
                };
                ctx.measure_end = [&] {
                    cpu_end = processCpuSeconds(process.pid());
                    self_end = processCpuSeconds(::getpid());
                };
                RunResult result = planned.info->run(ctx, planned.params);
                const auto cpu_after = cpu_end ? *cpu_end : processCpuSeconds(process.pid());
                const auto self_after = cpu_end ? self_end : processCpuSeconds(::getpid());
                result.scenario = planned.spec.text;
                if (cpu_before && cpu_after) result.server_cpu_seconds = *cpu_after - *cpu_before;
                if (self_before && self_after)
                    result.client_cpu_seconds = *self_after - *self_before;
                if (!process.running()) {
                    result.error =
                        "the server exited during the run" +
                        (result.error.empty() ? std::string() : " (" + result.error + ")");
                }
                note(settings, fmt::format("  {}: {}", ctx.label, headline(result)));
                record.runs[server].push_back(std::move(result));
                if (!process.running()) {
                    // Keep going with a fresh server, so one crash does not hide the other figures.
                    if (auto error = startServer(server); !error.empty()) {
                        record.error = fmt::format("{} exited and did not restart: {}",
                                                   kServerLabels[server], error);
                        break;
                    }
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        for (int server = 0; server < 2; ++server) {
            servers[server].stop();
            record.peak_rss_kib[server] = servers[server].peak_rss_kib;
        }
        data.scenarios.push_back(std::move(record));
    }
    return data;
}

}  // namespace nwb::bench
