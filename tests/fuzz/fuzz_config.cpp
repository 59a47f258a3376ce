// Fuzz target: arbitrary text through the config parser and the option mapping. Any outcome
// but a ConfigError or success (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/config/conf_parser.h"
#include "engine/config/options_from_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    nwb::config::ParseOptions options;
    options.allow_include = false;  // never read files named by the input
    try {
        const nwb::config::ConfValue root =
            nwb::config::parseConfigString(text, "fuzz.conf", options);
        nwb::core::ServerOptions opts;
        std::vector<std::string> warnings;
        nwb::config::applyConfig(root, opts, &warnings);
        nwb::config::validateOptions(opts);
    } catch (const nwb::config::ConfigError&) {
    }
    return 0;
}
