// nats-server's command line (server/opts.go ConfigureOptions, main.go): Go flag syntax, the
// config file first, then the flags over it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/server_options.h"

namespace nwb::config {

enum class RunMode {
    Run,
    CheckConfig,  ///< -t: the config file is valid; print checkConfigMessage() to stderr, exit 0
    ShowVersion,  ///< -v, --version or the command "version"
    ShowHelp,     ///< -h, --help or the command "help": print usageText() to stdout, exit 0
};

struct CommandLine {
    RunMode mode = RunMode::Run;
    core::ServerOptions options;        ///< defaults, then the config file, then the flags
    std::vector<std::string> warnings;  ///< config warnings; nats-server prints them to stderr
};

/// Parses `args` (without the program name) like nats-server: `-x`, `--x`, `-x=v`, `-x v`;
/// a value in literal double quotes loses one pair of them. Loads the config file (-c) and
/// applies the flags over it; unless -t, also makes validateOptions()' checks.
/// Throws UsageError for a malformed command line (`flag provided but not defined: -x`); print
/// it followed by the usage text. Throws ConfigError for everything else (bad config, a flag for
/// a feature nwb-server lacks: `clustering (--cluster) is not supported yet`); print it as
/// `nwb-server: <what()>`. nats-server exits 1 in both cases of ConfigError.
CommandLine loadServerOptions(const std::vector<std::string>& args);

/// The help text, in nats-server's layout, listing the flags nwb-server understands.
std::string usageText();

/// What -t prints on success: `<exe>: configuration file <file> is valid` (nats-server 2.9.10).
std::string checkConfigMessage(std::string_view exe, std::string_view config_file);

}  // namespace nwb::config
