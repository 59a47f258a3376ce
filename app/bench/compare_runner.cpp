// The --compare loop: server lifecycles, alternating rounds and /proc sampling.
#include "app/bench/compare_runner.h"

#include "app/bench/proc_stats.h"
#include "app/bench/result_output.h"
#include "app/bench/server_process.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
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

CompareData runCompare(const CompareSettings& settings, const std::vector<PlannedScenario>& plan) {
    CompareData data;
    data.machine = readMachineInfo();
    data.rounds = settings.rounds;
    for (int server = 0; server < 2; ++server) {
        data.servers[server].binary = settings.binaries[server];
        data.servers[server].version = serverVersion(settings.binaries[server]);
    }

    for (std::size_t index = 0; index < plan.size(); ++index) {
        const PlannedScenario& planned = plan[index];
        ScenarioRecord record;
        record.plan = planned;
        std::unique_ptr<ServerProcess> servers[2];
        // Alternate which server starts first, so neither always starts on a quieter machine.
        const int first = index % 2 == 0 ? kNwb : kRef;
        for (const int server : {first, 1 - first}) {
            auto started = ServerProcess::start(settings.binaries[server]);
            if (!started) {
                record.error =
                    fmt::format("{} did not start: {}", kServerLabels[server], started.error());
                break;
            }
            servers[server] = std::move(*started);
            data.servers[server].startup_seconds.push_back(servers[server]->startupSeconds());
        }
        if (record.error.empty()) {
            std::this_thread::sleep_for(kIdleSettle);
            for (int server = 0; server < 2; ++server) {
                if (const auto rss = processMemoryKib(servers[server]->pid(), "VmRSS")) {
                    data.servers[server].idle_rss_kib.push_back(static_cast<double>(*rss));
                }
            }
        }
        for (std::uint32_t round = 1; round <= settings.rounds && record.error.empty(); ++round) {
            for (int server = 0; server < 2; ++server) {
                ServerProcess& process = *servers[server];
                RunContext ctx = settings.context;
                ctx.url = process.url();
                ctx.label = fmt::format("{} [{}] round {}/{}", planned.spec.text,
                                        kServerLabels[server], round, settings.rounds);
                const auto cpu_before = processCpuSeconds(process.pid());
                const auto self_before = processCpuSeconds(::getpid());
                RunResult result = planned.info->run(ctx, planned.params);
                const auto cpu_after = processCpuSeconds(process.pid());
                const auto self_after = processCpuSeconds(::getpid());
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
                    auto restarted = ServerProcess::start(settings.binaries[server]);
                    if (!restarted) {
                        record.error = fmt::format("{} exited and did not restart: {}",
                                                   kServerLabels[server], restarted.error());
                        break;
                    }
                    servers[server] = std::move(*restarted);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        for (int server = 0; server < 2; ++server) {
            if (!servers[server]) continue;
            record.peak_rss_kib[server] = processMemoryKib(servers[server]->pid(), "VmHWM");
            servers[server]->stop();
        }
        data.scenarios.push_back(std::move(record));
    }
    return data;
}

}  // namespace nwb::bench
