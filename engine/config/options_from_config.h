// Fills ServerOptions from a parsed config file, with nats-server's key names, aliases, checks
// and error texts (server/opts.go processConfigFileLine and its helpers).
#pragma once

#include <string>
#include <vector>

#include "engine/config/conf_value.h"
#include "engine/core/server_options.h"

namespace nwb::config {

/// Applies the top-level options of `root` to `opts`, in file order; keys are case-insensitive.
/// Throws ConfigError at the first problem: a bad value, an unknown key (`unknown field "x"`,
/// unless the key is only used as a $variable), or a feature nwb-server lacks
/// (`"cluster" is not supported yet by nwb-server`). What nats-server accepts with a warning
/// (a bare number of seconds for ping_interval or write_deadline) is appended to `warnings`
/// as `file:line:column: invalid use of field "x": ...`.
void applyConfig(const ConfValue& root, core::ServerOptions& opts,
                 std::vector<std::string>* warnings = nullptr);

/// The checks nats-server makes when it creates the server (not with -t): lame duck grace
/// period below the duration, max_payload not above max_pending, no_auth_user naming a user,
/// a system account among the configured accounts, a JetStream domain usable in subjects.
/// Throws ConfigError with nats-server's text, which names no file position.
void validateOptions(const core::ServerOptions& opts);

}  // namespace nwb::config
