// Errors of the stream stores. Texts follow nats-server's store errors (server/store.go).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace nwb::store {

enum class Errc : std::uint16_t {
    NotFound = 1,       ///< "no message found": deleted, or nothing matches
    Eof,                ///< "stream store EOF": past the last sequence
    MaxMsgs,            ///< discard new: "maximum messages exceeded" (JetStream 10077)
    MaxBytes,           ///< discard new: "maximum bytes exceeded" (10077)
    MaxMsgsPerSubject,  ///< discard_new_per_subject: "maximum messages per subject exceeded" (10077)
    MsgTooLarge,        ///< over max_msg_size or a record field's limit: "message too large"
    InvalidArgument,    ///< e.g. an empty subject, or a store directory that cannot be used
    Closed,             ///< "store is closed"
    Io,                 ///< a write, read or fsync failed; the store then refuses writes
    Corrupt,            ///< a record failed its checksum on read
};

struct Error {
    Errc code = Errc::Io;
    std::string detail;  ///< optional: the file, offset or system error
};

template <typename T>
using Result = std::expected<T, Error>;

/// nats-server's text for the error ("maximum messages exceeded", ...).
std::string_view errcText(Errc code);

inline std::unexpected<Error> makeError(Errc code, std::string detail = {}) {
    return std::unexpected(Error{code, std::move(detail)});
}

}  // namespace nwb::store
