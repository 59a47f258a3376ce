// Errors of the control plane's configuration: a config file problem, or a bad command line.
#pragma once

#include <stdexcept>
#include <string>

namespace nwb::config {

/// Where a value or a problem sits in a config file: 1-based line and column (in characters).
struct Position {
    std::string file;
    int line = 0;    ///< 0: unknown (the error names no place)
    int column = 0;

    bool known() const { return line > 0; }
    friend bool operator==(const Position&, const Position&) = default;
};

/// A configuration problem. what() is `file:line:column: problem`, or just `problem` when the
/// problem has no place in a file (e.g. "open x.conf: no such file or directory").
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::string problem);
    ConfigError(const Position& where, std::string problem);

    const Position& position() const { return position_; }
    const std::string& problem() const { return problem_; }

private:
    Position position_;
    std::string problem_;
};

/// A malformed command line (unknown flag, missing or bad value). Like nats-server, the caller
/// prints what() followed by the usage text.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace nwb::config
