// Command-line parsing for nwb-bench.
#include "app/bench/bench_options.h"

#include "app/bench/js_checks.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace nwb::bench {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Splits `text` into leading digits and a suffix; fails on no digits or overflow.
std::expected<std::pair<std::uint64_t, std::string>, std::string> splitNumber(
    std::string_view text, std::string_view what) {
    std::uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ptr == text.data())
        return std::unexpected("not a " + std::string(what) + ": '" + std::string(text) + "'");
    if (ec == std::errc::result_out_of_range)
        return std::unexpected("too large: '" + std::string(text) + "'");
    return std::pair{value, lower(std::string_view(ptr, text.data() + text.size() - ptr))};
}

std::expected<std::uint64_t, std::string> scale(std::uint64_t value, std::uint64_t factor,
                                                std::string_view text) {
    if (factor != 0 && value > std::numeric_limits<std::uint64_t>::max() / factor) {
        return std::unexpected("too large: '" + std::string(text) + "'");
    }
    return value * factor;
}

std::expected<std::uint32_t, std::string> parseClients(std::string_view text) {
    auto n = parseCount(text);
    if (!n) return std::unexpected(n.error());
    if (*n > 10'000) return std::unexpected("too many clients: '" + std::string(text) + "'");
    return static_cast<std::uint32_t>(*n);
}

std::expected<std::uint32_t, std::string> parseBatch(std::string_view text) {
    auto n = parseCount(text);
    if (!n) return std::unexpected(n.error());
    if (*n == 0 || *n > 1'000'000) return std::unexpected("must be 1..1000000");
    return static_cast<std::uint32_t>(*n);
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::expected<std::uint64_t, std::string> parseCount(std::string_view text) {
    auto parts = splitNumber(text, "count");
    if (!parts) return std::unexpected(parts.error());
    const auto& [value, suffix] = *parts;
    if (suffix.empty()) return value;
    if (suffix == "k") return scale(value, 1'000, text);
    if (suffix == "m") return scale(value, 1'000'000, text);
    if (suffix == "g") return scale(value, 1'000'000'000, text);
    return std::unexpected("bad count suffix in '" + std::string(text) + "' (use k, m or g)");
}

std::expected<std::uint64_t, std::string> parseByteSize(std::string_view text) {
    auto parts = splitNumber(text, "size");
    if (!parts) return std::unexpected(parts.error());
    const auto& [value, suffix] = *parts;
    if (suffix.empty() || suffix == "b") return value;
    if (suffix == "k" || suffix == "kib" || suffix == "kb") return scale(value, 1024, text);
    if (suffix == "m" || suffix == "mib" || suffix == "mb") return scale(value, 1024 * 1024, text);
    return std::unexpected("bad size suffix in '" + std::string(text) + "' (use k/KiB or m/MiB)");
}

std::expected<double, std::string> parseRate(std::string_view text) {
    if (auto count = parseCount(text)) return static_cast<double>(*count);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value < 0) {
        return std::unexpected("not a rate: '" + std::string(text) + "'");
    }
    return value;
}

std::expected<ScenarioSpec, std::string> parseScenarioSpec(std::string_view text) {
    ScenarioSpec spec;
    spec.text = std::string(text);
    std::size_t pos = text.find(':');
    spec.name = std::string(text.substr(0, pos));
    if (spec.name.empty()) return std::unexpected("empty scenario name in '" + spec.text + "'");
    while (pos != std::string_view::npos) {
        const std::size_t next = text.find(':', pos + 1);
        const auto item =
            text.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size()) {
            return std::unexpected("expected key=value in '" + spec.text + "', got '" +
                                   std::string(item) + "'");
        }
        const std::string key(item.substr(0, eq));
        static constexpr std::string_view kKeys[] = {"msgs",     "size", "pubs", "subs",
                                                     "subjects", "rate", "batch"};
        if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
            return std::unexpected("unknown key '" + key + "' in '" + spec.text +
                                   "' (msgs, size, pubs, subs, subjects, rate, batch)");
        }
        spec.overrides[key] = std::string(item.substr(eq + 1));
        pos = next;
    }
    return spec;
}

std::expected<std::vector<ScenarioSpec>, std::string> parseScenarioList(std::string_view text) {
    std::vector<ScenarioSpec> specs;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const auto item =
            text.substr(start, comma == std::string_view::npos ? comma : comma - start);
        if (!item.empty()) {
            auto spec = parseScenarioSpec(item);
            if (!spec) return std::unexpected(spec.error());
            specs.push_back(std::move(*spec));
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    if (specs.empty()) return std::unexpected("no scenarios in '" + std::string(text) + "'");
    return specs;
}

std::expected<ScenarioParams, std::string> resolveParams(const ScenarioParams& defaults,
                                                         const ParamOverrides& global,
                                                         const ScenarioSpec& spec) {
    ScenarioParams p = defaults;
    if (global.msgs) p.msgs = *global.msgs;
    if (global.size) p.size = *global.size;
    if (global.pubs) p.pubs = *global.pubs;
    if (global.subs) p.subs = *global.subs;
    if (global.subjects) p.subjects = *global.subjects;
    if (global.rate) p.rate = *global.rate;
    if (global.batch) p.batch = *global.batch;
    for (const auto& [key, value] : spec.overrides) {
        const auto fail = [&](const std::string& why) {
            return std::unexpected(spec.text + ": " + key + ": " + why);
        };
        if (key == "msgs") {
            auto v = parseCount(value);
            if (!v) return fail(v.error());
            p.msgs = *v;
        } else if (key == "size") {
            auto v = parseByteSize(value);
            if (!v) return fail(v.error());
            p.size = *v;
        } else if (key == "rate") {
            auto v = parseRate(value);
            if (!v) return fail(v.error());
            p.rate = *v;
        } else if (key == "batch") {
            auto v = parseBatch(value);
            if (!v) return fail(v.error());
            p.batch = *v;
        } else {
            auto v = parseClients(value);
            if (!v) return fail(v.error());
            (key == "pubs" ? p.pubs : key == "subs" ? p.subs : p.subjects) = *v;
        }
    }
    if (p.msgs == 0) return std::unexpected(spec.text + ": msgs must be at least 1");
    if (p.pubs == 0) return std::unexpected(spec.text + ": pubs must be at least 1");
    if (p.subjects == 0) return std::unexpected(spec.text + ": subjects must be at least 1");
    if (p.size > 64ull * 1024 * 1024) return std::unexpected(spec.text + ": size is above 64 MiB");
    return p;
}

std::string usageText() {
    return R"(Usage: nwb-bench [options]
A NATS benchmark on libnats (nats.c); works against any NATS server.

Scenarios (--list shows their defaults):
  pub        publishers only                  pubsub   pub -> sub, 1:1
  fanout     1 publisher -> N subscribers     nxm      N publishers x M subscribers
  queue      queue group of N members         req      request-reply, closed loop
  req-open   request-reply at a fixed rate, latency from the intended send time
JetStream scenarios (each on a fresh file-storage stream or KV bucket, deleted afterwards):
  js-pub-sync   js_Publish, one at a time      js-pub-async  js_PublishAsync, batch in flight
  js-fetch      pull consumer, Fetch of batch, no acks
  js-fetch-ack  the same with explicit acks, one per message
  js-ordered    ordered push consumer          kv-put / kv-get  KV puts, gets in random order

Options:
  --url URL            server to benchmark (default nats://127.0.0.1:4222)
  --scenarios LIST     comma-separated specs name[:key=value...], keys msgs size pubs subs subjects
                       rate batch; e.g. pub,fanout:subs=8,pubsub:size=1KiB (default: the standard set
                       pub,pubsub,fanout:subs=4,queue:subs=4,pubsub:size=1KiB,req)
  --scenario SPEC      add one scenario (repeatable)
  --js                 add the JetStream set (js-pub-sync,js-pub-async,js-fetch,js-fetch-ack,
                       js-ordered,kv-put,kv-get); alone, it runs just that set
  --msgs N             messages (requests) per run over all publishers; k/m suffixes
  --size BYTES         payload size, at least 8 (16+ carries a send time); k/KiB suffixes
  --pubs N             publishers or requesters
  --subs N             subscribers, queue members or responders
  --subjects N         publishers cycle over N subjects; subscribers then use a wildcard
  --rate N             messages/s over all publishers (0: flat out); req-open's request rate
  --batch N            js-fetch(-ack): messages per Fetch (default 256); js-pub-async: publishes
                       awaiting their ack (default 4096)
  --rounds N           runs per scenario (default 1; --compare: 5, at least 5)
  --flush-every N      publishers flush (PING/PONG) every N messages (default: ~8 MiB of data)
  --window N           a publisher stays at most N messages ahead of the slowest subscriber
                       (default: ~16 MiB of data), so no server sees a slow consumer
  --timeout SECONDS    fail a run that makes no progress for this long (default 10)
  --json FILE          write results as JSON ('-': stdout)
  --csv FILE           write results as CSV ('-': stdout)
  --compare            start nwb-server and nats-server, run every scenario against both,
                       alternating rounds, and print medians and nwb/ref ratios
  --nwb PATH           nwb-server for --compare (default: ../server/nwb-server beside nwb-bench)
  --ref PATH           reference server for --compare (default: nats-server on PATH, /usr/sbin)
  --store-dir DIR      --compare with JetStream scenarios starts both servers with -js and a fresh
                       store directory under DIR for every run, removed afterwards (default: $TMPDIR
                       or /tmp)
  --pin                --compare: split the CPUs this process may use in two, the first half
                       (rounded down) for both servers, the rest for nwb-bench and all its
                       threads; e.g. on 2 CPUs the servers run on CPU 0 and nwb-bench on CPU 1
  --server-cpus LIST   --compare: run both servers on these CPUs (e.g. 0 or 0-1,4); set before
                       exec, so nats-server's GOMAXPROCS follows it
  --client-cpus LIST   run nwb-bench (every thread, libnats's too) on these CPUs
  --sub-mode MODE      how pub/sub scenarios consume: async (default; a libnats callback on the
                       subscription's delivery thread) or sync (natsSubscription_NextMsg on a
                       thread of nwb-bench's); delivery is verified either way
  --quiet              no progress on stderr
  --list               list scenarios and exit
  -h, --help           this text

Exit status: 0 when every run delivered every message exactly once, 1 when a run lost,
duplicated or reordered messages or failed, 2 on a usage error.
)";
}

std::expected<BenchOptions, std::string> parseCommandLine(const std::vector<std::string>& args) {
    BenchOptions options;
    bool scenarios_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::string value;
        bool has_inline_value = false;
        if (startsWith(arg, "--")) {
            if (const auto eq = arg.find('='); eq != std::string::npos) {
                value = arg.substr(eq + 1);
                arg.resize(eq);
                has_inline_value = true;
            }
        }
        const auto next = [&]() -> std::expected<std::string, std::string> {
            if (has_inline_value) return value;
            if (i + 1 >= args.size()) return std::unexpected(std::string("needs a value"));
            return args[++i];
        };
        const auto flag = [&]() -> std::expected<void, std::string> {
            if (has_inline_value) return std::unexpected(std::string("takes no value"));
            return {};
        };
#define NWB_TRY(var, expr) \
    auto var = (expr);     \
    if (!var) return std::unexpected(arg + ": " + var.error())

        if (arg == "-h" || arg == "--help") {
            NWB_TRY(ok, flag());
            options.help = true;
        } else if (arg == "--list") {
            NWB_TRY(ok, flag());
            options.list = true;
        } else if (arg == "--compare") {
            NWB_TRY(ok, flag());
            options.compare = true;
        } else if (arg == "--quiet" || arg == "-q") {
            NWB_TRY(ok, flag());
            options.quiet = true;
        } else if (arg == "--url" || arg == "-s" || arg == "--server") {
            NWB_TRY(v, next());
            options.url = *v;
        } else if (arg == "--scenarios") {
            NWB_TRY(v, next());
            NWB_TRY(list, parseScenarioList(*v));
            if (!scenarios_given) options.scenarios.clear();
            scenarios_given = true;
            options.scenarios.insert(options.scenarios.end(), list->begin(), list->end());
        } else if (arg == "--js") {
            NWB_TRY(ok, flag());
            NWB_TRY(list, parseScenarioList(kJetStreamScenarios));
            if (!scenarios_given) options.scenarios.clear();
            scenarios_given = true;
            options.scenarios.insert(options.scenarios.end(), list->begin(), list->end());
        } else if (arg == "--scenario") {
            NWB_TRY(v, next());
            NWB_TRY(spec, parseScenarioSpec(*v));
            scenarios_given = true;
            options.scenarios.push_back(std::move(*spec));
        } else if (arg == "--msgs") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseCount(*v));
            options.params.msgs = *n;
        } else if (arg == "--size") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseByteSize(*v));
            options.params.size = *n;
        } else if (arg == "--pubs" || arg == "--subs" || arg == "--subjects") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseClients(*v));
            (arg == "--pubs"   ? options.params.pubs
             : arg == "--subs" ? options.params.subs
                               : options.params.subjects) = *n;
        } else if (arg == "--rate") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseRate(*v));
            options.params.rate = *n;
        } else if (arg == "--batch") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseBatch(*v));
            options.params.batch = *n;
        } else if (arg == "--rounds") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseCount(*v));
            if (*n == 0 || *n > 1000) return std::unexpected(arg + ": must be 1..1000");
            options.rounds = static_cast<std::uint32_t>(*n);
        } else if (arg == "--flush-every") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseCount(*v));
            options.flush_every = *n;
        } else if (arg == "--window") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseCount(*v));
            options.window = *n;
        } else if (arg == "--timeout") {
            NWB_TRY(v, next());
            NWB_TRY(n, parseRate(*v));
            if (*n <= 0) return std::unexpected(arg + ": must be positive");
            options.stall_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(*n * 1000));
        } else if (arg == "--json" || arg == "--csv") {
            NWB_TRY(v, next());
            (arg == "--json" ? options.json_path : options.csv_path) = *v;
        } else if (arg == "--store-dir") {
            NWB_TRY(v, next());
            if (v->empty()) return std::unexpected(arg + ": needs a directory");
            options.store_parent = *v;
        } else if (arg == "--pin") {
            NWB_TRY(ok, flag());
            options.placement.split = true;
        } else if (arg == "--server-cpus" || arg == "--client-cpus") {
            NWB_TRY(v, next());
            NWB_TRY(cpus, parseCpuList(*v));
            (arg == "--server-cpus" ? options.placement.server : options.placement.client) =
                std::move(*cpus);
        } else if (arg == "--sub-mode") {
            NWB_TRY(v, next());
            if (*v == "async") {
                options.subscriber_mode = SubscriberMode::Async;
            } else if (*v == "sync") {
                options.subscriber_mode = SubscriberMode::Sync;
            } else {
                return std::unexpected(arg + ": '" + *v + "' is not async or sync");
            }
        } else if (arg == "--nwb" || arg == "--ref") {
            NWB_TRY(v, next());
            (arg == "--nwb" ? options.nwb_binary : options.ref_binary) = *v;
        } else {
            return std::unexpected("unknown option '" + args[i] + "' (see --help)");
        }
#undef NWB_TRY
    }
    if (options.scenarios.empty()) options.scenarios = *parseScenarioList(kStandardScenarios);
    if (options.compare && options.rounds && *options.rounds < 5) {
        return std::unexpected("--rounds: --compare needs at least 5 rounds");
    }
    if (!options.compare && (options.placement.split || !options.placement.server.empty())) {
        return std::unexpected(std::string(options.placement.split ? "--pin" : "--server-cpus") +
                               ": needs --compare (only --compare starts servers)");
    }
    if (options.placement.split &&
        (!options.placement.server.empty() || !options.placement.client.empty())) {
        return std::unexpected("--pin: give either --pin or --server-cpus/--client-cpus");
    }
    if (!options.json_path.empty() && options.json_path == options.csv_path) {
        return std::unexpected("--json and --csv cannot both write to '" + options.json_path + "'");
    }
    return options;
}

}  // namespace nwb::bench
