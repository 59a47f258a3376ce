// Parses nats-server config text into a ConfValue tree: includes, $VARIABLES (enclosing maps,
// then the environment), size suffixes and datetimes resolved as nats-server's conf/parse.go does.
#pragma once

#include <string>
#include <string_view>

#include "engine/config/conf_value.h"

namespace nwb::config {

struct ParseOptions {
    bool allow_include = true;  ///< false: `include` is an error (fuzzing, text from the network)
    int max_depth = 128;        ///< nesting of maps and arrays; deeper input is an error
};

/// Parses a file; the root is a map. Throws ConfigError (`file:line:column: problem`).
/// `include` paths are joined to the including file's directory, as nats-server does (even a
/// path starting with '/').
ConfValue parseConfigFile(const std::string& path, const ParseOptions& options = {});

/// Parses text; `name` is the file name used in positions and as the base for includes.
ConfValue parseConfigString(std::string_view text, const std::string& name,
                            const ParseOptions& options = {});

}  // namespace nwb::config
