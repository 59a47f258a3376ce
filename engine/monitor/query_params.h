// An HTTP query string read as Go's url.Values, and nats-server's typed decoders for it with
// their exact error texts ("Error decoding boolean for 'subs': strconv.ParseBool: ...").
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nwb::monitor {

/// Which connections /connz lists.
enum class ConnState { Open, Closed, Any };

class QueryParams {
public:
    /// Parses "a=1&b=x+y" as Go's url.ParseQuery: pairs that fail to decode (a bad %-escape,
    /// a ';') are dropped.
    explicit QueryParams(std::string_view query);

    /// The first value of `key`, or "" (Go's url.Values.Get).
    std::string get(std::string_view key) const;

    // nats-server's decoders: an absent or empty parameter is false / 0.
    std::expected<bool, std::string> decodeBool(std::string_view key) const;
    std::expected<std::int64_t, std::string> decodeInt(
        std::string_view key) const;  ///< Go's 64-bit int
    std::expected<std::uint64_t, std::string> decodeUint64(std::string_view key) const;
    std::expected<ConnState, std::string> decodeState() const;

    struct Subs {
        bool subs = false;
        bool detail = false;
    };
    /// `subs=detail`, or a boolean.
    std::expected<Subs, std::string> decodeSubs() const;

private:
    std::vector<std::pair<std::string, std::string>> values_;
};

/// Go's strconv.Quote for the texts nats-server puts in its messages.
std::string goQuote(std::string_view s);

}  // namespace nwb::monitor
