// Go flag-package parsing of nats-server's flags, and the merge of flags over the config file.
#include "engine/config/command_line.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "engine/config/conf_parser.h"
#include "engine/config/config_error.h"
#include "engine/config/options_from_config.h"

namespace nwb::config {
namespace {

enum class Flag {
    Help, Version, Port, Name, Addr, ClientAdvertise, Debug, Trace, VerboseTrace, DebugTrace,
    DebugVerboseTrace, Logtime, LogtimeUtc, User, Pass, Auth, Config, Check, Pid, Log, HttpPort,
    PortsFileDir, JetStream, StoreDir,
    // accepted and ignored: they only matter with a cluster listener or NATS Streaming
    ClusterName, ClusterAdvertise, NoAdvertise, ConnectRetries, Streaming,
    // features nwb-server lacks
    HttpsPort, Routes, Cluster, Tls, TlsVerify, TlsCert, TlsKey, TlsCaCert,
    HelpTls, Signal, Syslog, RemoteSyslog, LogSizeLimit, MaxTracedMsgLen, Profile,
};

enum class Type { Bool, Int, String };

struct Spec {
    std::string_view name;
    Flag flag;
    Type type;
};

constexpr Spec kSpecs[] = {
    {"h", Flag::Help, Type::Bool}, {"help", Flag::Help, Type::Bool},
    {"v", Flag::Version, Type::Bool}, {"version", Flag::Version, Type::Bool},
    {"p", Flag::Port, Type::Int}, {"port", Flag::Port, Type::Int},
    {"n", Flag::Name, Type::String}, {"name", Flag::Name, Type::String},
    {"server_name", Flag::Name, Type::String},
    {"a", Flag::Addr, Type::String}, {"addr", Flag::Addr, Type::String},
    {"net", Flag::Addr, Type::String},
    {"client_advertise", Flag::ClientAdvertise, Type::String},
    {"D", Flag::Debug, Type::Bool}, {"debug", Flag::Debug, Type::Bool},
    {"V", Flag::Trace, Type::Bool}, {"trace", Flag::Trace, Type::Bool},
    {"VV", Flag::VerboseTrace, Type::Bool}, {"DV", Flag::DebugTrace, Type::Bool},
    {"DVV", Flag::DebugVerboseTrace, Type::Bool},
    {"T", Flag::Logtime, Type::Bool}, {"logtime", Flag::Logtime, Type::Bool},
    {"logtime_utc", Flag::LogtimeUtc, Type::Bool},
    {"user", Flag::User, Type::String}, {"pass", Flag::Pass, Type::String},
    {"auth", Flag::Auth, Type::String},
    {"c", Flag::Config, Type::String}, {"config", Flag::Config, Type::String},
    {"t", Flag::Check, Type::Bool},
    {"P", Flag::Pid, Type::String}, {"pid", Flag::Pid, Type::String},
    {"l", Flag::Log, Type::String}, {"log", Flag::Log, Type::String},
    {"cluster_name", Flag::ClusterName, Type::String},
    {"cluster_advertise", Flag::ClusterAdvertise, Type::String},
    {"no_advertise", Flag::NoAdvertise, Type::Bool},
    {"connect_retries", Flag::ConnectRetries, Type::Int},
    {"sd", Flag::StoreDir, Type::String}, {"store_dir", Flag::StoreDir, Type::String},
    {"ns", Flag::Streaming, Type::String},
    {"m", Flag::HttpPort, Type::Int}, {"http_port", Flag::HttpPort, Type::Int},
    {"ms", Flag::HttpsPort, Type::Int}, {"https_port", Flag::HttpsPort, Type::Int},
    {"js", Flag::JetStream, Type::Bool}, {"jetstream", Flag::JetStream, Type::Bool},
    {"routes", Flag::Routes, Type::String},
    {"cluster", Flag::Cluster, Type::String}, {"cluster_listen", Flag::Cluster, Type::String},
    {"tls", Flag::Tls, Type::Bool}, {"tlsverify", Flag::TlsVerify, Type::Bool},
    {"tlscert", Flag::TlsCert, Type::String}, {"tlskey", Flag::TlsKey, Type::String},
    {"tlscacert", Flag::TlsCaCert, Type::String},
    {"help_tls", Flag::HelpTls, Type::Bool},
    {"sl", Flag::Signal, Type::String}, {"signal", Flag::Signal, Type::String},
    {"s", Flag::Syslog, Type::Bool}, {"syslog", Flag::Syslog, Type::Bool},
    {"r", Flag::RemoteSyslog, Type::String}, {"remote_syslog", Flag::RemoteSyslog, Type::String},
    {"log_size_limit", Flag::LogSizeLimit, Type::Int},
    {"max_traced_msg_len", Flag::MaxTracedMsgLen, Type::Int},
    {"ports_file_dir", Flag::PortsFileDir, Type::String},
    {"profile", Flag::Profile, Type::Int},
};

struct Setting {
    Flag flag = Flag::Help;
    std::string name;     ///< as Go names it in messages, without dashes: "p", "cluster"
    std::string spelled;  ///< as typed: "-p", "--cluster"
    bool on = false;
    std::int64_t number = 0;
    std::string text;
};

struct ParsedArgs {
    std::vector<Setting> settings;     ///< in command-line order
    std::vector<std::string> positional;
};

/// Values may arrive in literal double quotes (nats.c's test harness runs the server without a
/// shell): one surrounding pair is dropped.
std::string unquote(std::string value) {
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        return value.substr(1, value.size() - 2);
    }
    return value;
}

/// Go's strconv.ParseBool.
std::optional<bool> parseBool(std::string_view s) {
    for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) {
        if (s == t) return true;
    }
    for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) {
        if (s == f) return false;
    }
    return std::nullopt;
}

/// Go's strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / 0 prefixes. Returns the error
/// text ("parse error", "value out of range") or empty.
std::string parseInt(std::string_view s, std::int64_t& out) {
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    if (s.size() > 1 && s[0] == '0') {
        const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
        if (p == 'x' || p == 'o' || p == 'b') {
            base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            s.remove_prefix(2);
        } else {
            base = 8;
            s.remove_prefix(1);
        }
    }
    if (s.empty()) return "parse error";
    std::uint64_t v = 0;
    bool overflow = false;
    for (const char c : s) {
        int d = 0;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        else return "parse error";
        if (d >= base) return "parse error";
        if (v > (UINT64_MAX - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(base)) {
            overflow = true;
        } else {
            v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
        }
    }
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (overflow || v > limit) return "value out of range";
    out = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
    return {};
}

/// Go's flag.FlagSet.Parse: flags up to the first non-flag argument or "--".
ParsedArgs parseFlags(const std::vector<std::string>& args) {
    ParsedArgs parsed;
    std::size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() < 2 || arg[0] != '-') break;
        const std::size_t dashes = arg[1] == '-' ? 2 : 1;
        if (dashes == 2 && arg.size() == 2) {  // "--" ends the flags
            ++i;
            break;
        }
        std::string name = arg.substr(dashes);
        if (name.empty() || name[0] == '-' || name[0] == '=') {
            throw UsageError(fmt::format("bad flag syntax: {}", arg));
        }
        std::optional<std::string> value;
        if (const std::size_t eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        const auto spec = std::find_if(std::begin(kSpecs), std::end(kSpecs),
                                       [&](const Spec& s) { return s.name == name; });
        if (spec == std::end(kSpecs)) {
            throw UsageError(fmt::format("flag provided but not defined: -{}", name));
        }
        Setting setting;
        setting.flag = spec->flag;
        setting.name = name;
        setting.spelled = std::string(dashes, '-') + name;
        if (spec->type == Type::Bool) {
            setting.on = true;
            if (value) {
                const std::optional<bool> b = parseBool(unquote(*value));
                if (!b) {
                    throw UsageError(fmt::format("invalid boolean value \"{}\" for -{}: parse error",
                                                 *value, name));
                }
                setting.on = *b;
            }
        } else {
            if (!value) {
                if (i + 1 >= args.size()) {
                    throw UsageError(fmt::format("flag needs an argument: -{}", name));
                }
                value = args[++i];
            }
            setting.text = unquote(*value);
            if (spec->type == Type::Int) {
                const std::string problem = parseInt(setting.text, setting.number);
                if (!problem.empty()) {
                    throw UsageError(fmt::format("invalid value \"{}\" for flag -{}: {}", *value,
                                                 name, problem));
                }
            }
        }
        parsed.settings.push_back(std::move(setting));
    }
    parsed.positional.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
    return parsed;
}

const Setting* lastOf(const ParsedArgs& parsed, Flag flag) {
    const Setting* found = nullptr;
    for (const Setting& s : parsed.settings) {
        if (s.flag == flag) found = &s;
    }
    return found;
}

int clampedInt(std::int64_t v) {
    return static_cast<int>(std::clamp<std::int64_t>(v, INT_MIN, INT_MAX));
}

[[noreturn]] void notSupported(std::string_view feature, const Setting& s, bool plural = false) {
    throw ConfigError(fmt::format("{} ({}) {} not supported yet", feature, s.spelled,
                                  plural ? "are" : "is"));
}

/// Flags for features nwb-server lacks fail, unless their value asks for nothing.
void refuseMissingFeatures(const ParsedArgs& parsed) {
    bool tls_disabled = false;
    const Setting* tls_flag = nullptr;
    for (const Setting& s : parsed.settings) {
        switch (s.flag) {
            case Flag::HttpsPort:
                if (s.number != 0) notSupported("HTTPS monitoring", s);
                break;
            case Flag::Routes:
            case Flag::Cluster:
                if (!s.text.empty()) notSupported("clustering", s);
                break;
            case Flag::Tls:
                if (!s.on) tls_disabled = true;  // -tls=false switches TLS off whatever follows
                if (tls_flag == nullptr) tls_flag = &s;
                break;
            case Flag::TlsVerify:
            case Flag::TlsCert:
            case Flag::TlsKey:
            case Flag::TlsCaCert:
                if (tls_flag == nullptr) tls_flag = &s;
                break;
            case Flag::Syslog:
                if (s.on) notSupported("syslog", s);
                break;
            case Flag::RemoteSyslog:
                if (!s.text.empty()) notSupported("syslog", s);
                break;
            case Flag::LogSizeLimit:
                if (s.number != 0) notSupported("log rotation", s);
                break;
            case Flag::MaxTracedMsgLen:
                if (s.number != 0) notSupported("trace truncation", s);
                break;
            case Flag::Profile:
                if (s.number != 0) notSupported("profiling", s);
                break;
            default:
                break;
        }
    }
    if (tls_flag != nullptr && !tls_disabled) notSupported("TLS", *tls_flag);
}

void applyFlags(const ParsedArgs& parsed, core::ServerOptions& opts) {
    for (const Setting& s : parsed.settings) {
        switch (s.flag) {
            case Flag::Port:
                opts.port = clampedInt(s.number);
                if (opts.port == 0) opts.port = 4222;  // nats-server: 0 means the default port
                break;
            case Flag::Name: opts.server_name = s.text; break;
            case Flag::Addr: opts.host = s.text; break;
            case Flag::ClientAdvertise: opts.client_advertise = s.text; break;
            case Flag::Debug: opts.debug = s.on; break;
            case Flag::Trace: opts.trace = s.on; break;
            case Flag::Logtime: opts.logtime = s.on; break;
            case Flag::LogtimeUtc: opts.logtime_utc = s.on; break;
            case Flag::User: opts.username = s.text; break;
            case Flag::Pass: opts.password = s.text; break;
            case Flag::Auth: opts.auth_token = s.text; break;
            case Flag::Pid: opts.pid_file = s.text; break;
            case Flag::Log: opts.log_file = s.text; break;
            case Flag::HttpPort:
                // nats-server: a flag of 0 leaves the config file's port in place.
                if (s.number != 0) opts.http_port = clampedInt(s.number);
                break;
            case Flag::PortsFileDir:
                if (!s.text.empty()) opts.ports_file_dir = s.text;
                break;
            case Flag::JetStream: opts.jetstream = s.on; break;
            case Flag::StoreDir: opts.store_dir = s.text; break;
            default: break;
        }
    }
    // The combined flags come last, in Go's flag.Visit order (sorted by name): DV, DVV, VV.
    if (const Setting* dv = lastOf(parsed, Flag::DebugTrace)) {
        opts.debug = opts.trace = dv->on;
    }
    if (const Setting* dvv = lastOf(parsed, Flag::DebugVerboseTrace)) {
        opts.debug = opts.trace = opts.trace_verbose = dvv->on;
    }
    if (const Setting* vv = lastOf(parsed, Flag::VerboseTrace)) {
        opts.trace = opts.trace_verbose = vv->on;
    }
}

}  // namespace

CommandLine loadServerOptions(const std::vector<std::string>& args) {
    const ParsedArgs parsed = parseFlags(args);
    CommandLine result;
    const auto on = [&](Flag flag) {
        const Setting* s = lastOf(parsed, flag);
        return s != nullptr && s->on;
    };
    if (on(Flag::Version)) {
        result.mode = RunMode::ShowVersion;
        return result;
    }
    if (on(Flag::Help)) {
        result.mode = RunMode::ShowHelp;
        return result;
    }
    if (const Setting* help_tls = lastOf(parsed, Flag::HelpTls); help_tls && help_tls->on) {
        notSupported("TLS", *help_tls);
    }
    if (!parsed.positional.empty()) {
        const std::string command = parsed.positional.front();
        std::string lowered = command;
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lowered == "version") {
            result.mode = RunMode::ShowVersion;
            return result;
        }
        if (lowered == "help") {
            result.mode = RunMode::ShowHelp;
            return result;
        }
        throw ConfigError(fmt::format("unrecognized command: \"{}\"", command));
    }
    if (const Setting* signal = lastOf(parsed, Flag::Signal); signal && !signal->text.empty()) {
        notSupported("sending signals", *signal);
    }

    const bool check = on(Flag::Check);
    const Setting* config = lastOf(parsed, Flag::Config);
    core::ServerOptions& opts = result.options;
    if (config != nullptr && !config->text.empty()) {
        opts.config_file = config->text;
        // nats-server reads the file over the flags already parsed: a store_dir in the file
        // then clashes with -sd ("Duplicate 'store_dir' configuration").
        if (const Setting* sd = lastOf(parsed, Flag::StoreDir)) opts.store_dir = sd->text;
        applyConfig(parseConfigFile(config->text), opts, &result.warnings);
        if (check) {
            // nats-server -t fails on warnings too, printing each on its own line.
            if (!result.warnings.empty()) {
                std::string all;
                for (const std::string& w : result.warnings) all += (all.empty() ? "" : "\n") + w;
                throw ConfigError(all);
            }
            result.mode = RunMode::CheckConfig;
            return result;
        }
    } else if (check) {
        throw ConfigError("must specify [-c, --config] option to check configuration file syntax");
    }

    applyFlags(parsed, opts);
    refuseMissingFeatures(parsed);
    validateOptions(opts);
    return result;
}

std::string usageText() {
    return R"(
Usage: nwb-server [options]

Server Options:
    -a, --addr, --net <host>         Bind to host address (default: 0.0.0.0)
    -p, --port <port>                Use port for clients (default: 4222)
    -n, --name
        --server_name <server_name>  Server name (default: auto)
    -P, --pid <file>                 File to store PID
    -m, --http_port <port>           Use port for http monitoring
    -c, --config <file>              Configuration file
    -t                               Test configuration and exit
        --client_advertise <string>  Client URL to advertise to other servers
        --ports_file_dir <dir>       Creates a ports file in the specified directory (<executable_name>_<pid>.ports).

Logging Options:
    -l, --log <file>                 File to redirect log output
    -T, --logtime                    Timestamp log entries (default: true)
        --logtime_utc                Timestamps in UTC rather than local time
    -D, --debug                      Enable debugging output
    -V, --trace                      Trace the raw protocol
    -VV                              Verbose trace (traces system account as well)
    -DV                              Debug and trace
    -DVV                             Debug and verbose trace (traces system account as well)

JetStream Options:
    -js, --jetstream                 Enable JetStream functionality
    -sd, --store_dir <dir>           Set the storage directory

Authorization Options:
        --user <user>                User required for connections
        --pass <password>            Password required for connections
        --auth <token>               Authorization token required for connections

Common Options:
    -h, --help                       Show this message
    -v, --version                    Show version

Not supported yet: HTTPS monitoring (-ms), TLS (--tls...), clustering
(--routes, --cluster), syslog (-s, -r), signals (-sl), profiling (--profile), log rotation
(--log_size_limit).
)";
}

std::string checkConfigMessage(std::string_view exe, std::string_view config_file) {
    return fmt::format("{}: configuration file {} is valid", exe, config_file);
}

}  // namespace nwb::config
