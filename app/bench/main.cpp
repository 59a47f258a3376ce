// nwb-bench: a NATS benchmark on libnats against one server, or nwb-server against nats-server.
#include "app/bench/bench_options.h"
#include "app/bench/compare_runner.h"
#include "app/bench/cpu_placement.h"
#include "app/bench/machine_info.h"
#include "app/bench/planned_scenario.h"
#include "app/bench/result_output.h"
#include "app/bench/scenario.h"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <nats/nats.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace nwb::bench;

constexpr int kExitFailedRun = 1;
constexpr int kExitUsage = 2;

std::string listScenarios() {
    std::string out = fmt::format("{:<13} {:>10} {:>6} {:>5} {:>5} {:>8} {:>7}  {}\n", "scenario",
                                  "msgs", "size", "pubs", "subs", "subjects", "rate", "what");
    for (const auto& s : scenarios()) {
        const auto& d = s.defaults;
        out += fmt::format("{:<13} {:>10} {:>6} {:>5} {:>5} {:>8} {:>7}  {}\n", s.name, d.msgs,
                           d.size, d.pubs, d.subs, d.subjects, d.rate, s.summary);
    }
    return out;
}

std::vector<PlannedScenario> planScenarios(const BenchOptions& options, std::string& error) {
    std::vector<PlannedScenario> plan;
    for (const auto& spec : options.scenarios) {
        const ScenarioInfo* info = findScenario(spec.name);
        if (info == nullptr) {
            error = "unknown scenario '" + spec.name + "' (see --list)";
            return {};
        }
        auto params = resolveParams(info->defaults, options.params, spec);
        if (!params) {
            error = params.error();
            return {};
        }
        if (info->validate) {
            if (auto why = info->validate(*params); !why.empty()) {
                error = spec.text + ": " + why;
                return {};
            }
        }
        plan.push_back({spec, info, *params});
    }
    return plan;
}

int writeOutputs(const BenchOptions& options, const std::string& json, const std::string& csv) {
    int status = 0;
    for (const auto& [path, text] :
         {std::pair{options.json_path, json}, std::pair{options.csv_path, csv}}) {
        if (path.empty()) continue;
        if (auto error = writeOutput(path, text); !error.empty()) {
            std::fprintf(stderr, "nwb-bench: %s\n", error.c_str());
            status = kExitFailedRun;
        }
    }
    return status;
}

int runSingle(const BenchOptions& options, const std::vector<PlannedScenario>& plan,
              const CpuPlacement& placement) {
    const std::uint32_t rounds = options.rounds.value_or(1);
    const bool table_to_stdout = options.json_path != "-" && options.csv_path != "-";
    FILE* table_out = table_to_stdout ? stdout : stderr;
    std::fputs(
        machineHeader(readMachineInfo(), placement.active() ? placement.describe() : "").c_str(),
        table_out);
    std::fprintf(table_out, "# server %s\n", options.url.c_str());
    std::vector<RoundResult> rows;
    for (const auto& planned : plan) {
        for (std::uint32_t round = 1; round <= rounds; ++round) {
            RunContext ctx;
            ctx.url = options.url;
            ctx.label = fmt::format("{} round {}/{}", planned.spec.text, round, rounds);
            ctx.progress = !options.quiet;
            ctx.stall_timeout = options.stall_timeout;
            ctx.flush_every = options.flush_every;
            ctx.window = options.window;
            ctx.subscriber_mode = options.subscriber_mode;
            RunResult result = planned.info->run(ctx, planned.params);
            result.scenario = planned.spec.text;
            if (!options.quiet) {
                std::fprintf(stderr, "  %s: %s\n", ctx.label.c_str(), result.verdict().c_str());
            }
            rows.push_back({round, "", std::move(result)});
        }
    }
    std::fputs(formatTable(rows).c_str(), table_out);

    boost::json::array json_rows;
    std::string csv = csvHeader();
    bool all_ok = true;
    for (const auto& row : rows) {
        auto o = resultToJson(row.result);
        o["round"] = row.round;
        json_rows.push_back(std::move(o));
        csv += csvRow(row);
        all_ok = all_ok && row.result.ok();
    }
    const auto machine = readMachineInfo();
    boost::json::object root{
        {"machine", boost::json::object{{"cores", machine.cores},
                                        {"cpu_model", machine.cpu_model},
                                        {"kernel", machine.kernel},
                                        {"date", machine.date_utc},
                                        {"libnats", machine.libnats},
                                        {"load_average", machine.load_average}}},
        {"url", options.url},
        {"runs", std::move(json_rows)}};
    int status = writeOutputs(options, boost::json::serialize(root) + "\n", csv);
    if (!all_ok) {
        std::fprintf(table_out,
                     "\n!!! at least one run failed: it lost, duplicated or reordered messages, or "
                     "did not complete (see the check column)\n");
        status = kExitFailedRun;
    }
    return status;
}

int runComparison(const BenchOptions& options, const std::vector<PlannedScenario>& plan,
                  const CpuPlacement& placement, const CpuList& allowed) {
    CompareSettings settings;
    settings.binaries[kNwb] = options.nwb_binary.empty() ? defaultNwbBinary() : options.nwb_binary;
    settings.binaries[kRef] = options.ref_binary.empty() ? defaultRefBinary() : options.ref_binary;
    settings.rounds = options.rounds.value_or(5);
    settings.context.progress = !options.quiet;
    settings.context.stall_timeout = options.stall_timeout;
    settings.context.flush_every = options.flush_every;
    settings.context.window = options.window;
    settings.context.subscriber_mode = options.subscriber_mode;
    settings.store_parent = options.store_parent;
    settings.placement = placement;
    settings.server_affinity =
        !placement.server.empty() || placement.client.empty() ? placement.server : allowed;
    const CompareData data = runCompare(settings, plan);
    const std::string report = formatCompareReport(data);
    const bool report_to_stdout = options.json_path != "-" && options.csv_path != "-";
    std::fputs(report.c_str(), report_to_stdout ? stdout : stderr);
    int status = writeOutputs(options, boost::json::serialize(compareToJson(data)) + "\n",
                              compareToCsv(data));
    if (!failedRuns(data).empty()) status = kExitFailedRun;
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::fprintf(stderr, "nwb-bench: %s\n", options.error().c_str());
        return kExitUsage;
    }
    if (options->help) {
        std::fputs(usageText().c_str(), stdout);
        return 0;
    }
    if (options->list) {
        std::fputs(listScenarios().c_str(), stdout);
        return 0;
    }
    std::string error;
    const auto plan = planScenarios(*options, error);
    if (!error.empty()) {
        std::fprintf(stderr, "nwb-bench: %s\n", error.c_str());
        return kExitUsage;
    }
    const auto allowed = processCpus(0);
    const auto placement = resolvePlacement(options->placement, allowed.value_or(CpuList{}));
    if (!placement) {
        std::fprintf(stderr, "nwb-bench: %s\n", placement.error().c_str());
        return kExitUsage;
    }
    // Before nats_Open, so libnats's threads start with the mask; pinThisProcess covers the rest.
    if (!placement->client.empty()) {
        if (auto why = pinThisProcess(placement->client); !why.empty()) {
            std::fprintf(stderr, "nwb-bench: %s\n", why.c_str());
            return kExitFailedRun;
        }
    }
    nats_Open(-1);
    const int status = options->compare
                           ? runComparison(*options, plan, *placement, allowed.value_or(CpuList{}))
                           : runSingle(*options, plan, *placement);
    nats_CloseAndWait(5000);
    return status;
}
