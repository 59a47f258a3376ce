// A subject transform from a source filter to a destination (nats-server 2.10 NewSubjectTransform):
// $N and {{wildcard(N)}}, {{partition}}, {{split..}}, {{slice..}}, {{left}}, {{right}} tokens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::jetstream {

class SubjectTransform {
public:
    /// Any thread; nats-server NewSubjectTransform: an empty source means ">". On failure
    /// `error` (when given) gets nats-server's text ("invalid subject", "invalid mapping
    /// destination: ... in <token>"). nats-server treats an empty destination as "no
    /// transform"; here it is "invalid subject", and callers check for it first. (No
    /// std::expected here: the clang fuzz build includes this header.)
    static std::optional<SubjectTransform> create(std::string_view source,
                                                  std::string_view destination,
                                                  std::string* error = nullptr);

    /// Any thread; nats-server transform.Match: the destination for a literal subject the source
    /// matches; empty when the subject is not literal or not matched.
    std::string match(std::string_view subject) const;

    enum class Kind : std::uint8_t {
        None,
        Wildcard,
        Partition,
        SplitFromLeft,
        SplitFromRight,
        SliceFromLeft,
        SliceFromRight,
        Split,
        Left,
        Right,
    };

private:
    struct DestToken {
        Kind kind = Kind::None;
        std::vector<int> source_indexes;  ///< indexes into the subject's tokens
        std::int32_t int_arg = -1;
        std::string string_arg;
    };

    std::string apply(const std::vector<std::string_view>& tokens) const;

    std::string source_;
    std::string destination_;
    std::vector<std::string> source_tokens_;
    std::vector<std::string> dest_tokens_;
    std::vector<DestToken> mapping_;  ///< one per destination token; empty for a literal source
};

}  // namespace nwb::jetstream
