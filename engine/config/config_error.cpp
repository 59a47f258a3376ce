// Formatting of configuration errors.
#include "engine/config/config_error.h"

#include <fmt/format.h>

namespace nwb::config {

ConfigError::ConfigError(std::string problem)
    : std::runtime_error(problem), problem_(std::move(problem)) {}

ConfigError::ConfigError(const Position& where, std::string problem)
    : std::runtime_error(where.known() ? fmt::format("{}:{}:{}: {}", where.file, where.line,
                                                     where.column, problem)
                                       : problem),
      position_(where),
      problem_(std::move(problem)) {}

}  // namespace nwb::config
