// Error texts and the default clock of the stores.
#include "engine/store/store_error.h"

#include <chrono>

#include "engine/store/store_types.h"

namespace nwb::store {

std::string_view errcText(Errc code) {
    switch (code) {
        case Errc::NotFound: return "no message found";
        case Errc::Eof: return "stream store EOF";
        case Errc::MaxMsgs: return "maximum messages exceeded";
        case Errc::MaxBytes: return "maximum bytes exceeded";
        case Errc::MaxMsgsPerSubject: return "maximum messages per subject exceeded";
        case Errc::MsgTooLarge: return "message too large";
        case Errc::InvalidArgument: return "invalid argument";
        case Errc::Closed: return "store is closed";
        case Errc::Io: return "storage I/O error";
        case Errc::Corrupt: return "stored record is corrupt";
    }
    return "unknown store error";
}

Clock systemClock() {
    return [] {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
}

}  // namespace nwb::store
