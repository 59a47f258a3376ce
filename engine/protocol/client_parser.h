// Incremental, zero-copy parser for the client side of the NATS protocol (nats-server parser.go semantics).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nwb::protocol {

/// Why parsing stopped. Everything but Ok means the connection must be closed.
enum class ParseStatus : std::uint8_t {
    Ok,              ///< all input consumed (a partial op may be buffered)
    Stopped,         ///< a handler asked to stop (it has already dealt with the connection)
    UnknownOp,       ///< -ERR 'Unknown Protocol Operation', then close
    MaxControlLine,  ///< -ERR 'maximum control line exceeded', then close
    MaxPayload,      ///< -ERR 'Maximum Payload Violation', then close
    BadArgs,         ///< malformed arguments: close without -ERR
    AuthViolation,   ///< -ERR 'Authorization Violation', then close
};

/// The arguments of a PUB or HPUB, and (in onMsg) its payload. Views are valid during the call only.
struct PubArgs {
    std::string_view subject;
    std::string_view reply;
    std::string_view header_size_text;  ///< as the client wrote it (HPUB only)
    std::string_view total_size_text;   ///< as the client wrote it
    std::int64_t header_size = -1;      ///< -1 for PUB
    std::int64_t total_size = 0;
};

/// Receives each complete operation. Return false to stop parsing (e.g. the connection closed).
class ClientParserHandler {
public:
    virtual ~ClientParserHandler() = default;
    virtual bool onConnect(std::string_view json) = 0;
    /// Called once the PUB/HPUB arguments are known, before the payload arrives.
    virtual bool onPubArgs(const PubArgs& args) = 0;
    /// `data` holds headers followed by the payload, without the trailing CRLF.
    virtual bool onMsg(const PubArgs& args, std::string_view data) = 0;
    virtual bool onSub(std::string_view subject, std::string_view queue, std::string_view sid) = 0;
    virtual bool onUnsub(std::string_view sid, std::int64_t max) = 0;  ///< max -1: none given
    virtual bool onPing() = 0;
    virtual bool onPong() = 0;
    virtual bool onInfo(std::string_view json) = 0;
    virtual bool onErr(std::string_view text) = 0;
    /// The first op is not CONNECT while authentication is pending. Return true to accept it anyway
    /// (nats-server does so when `no_auth_user` is set).
    virtual bool onOpBeforeConnect() = 0;
};

/// Parses a byte stream incrementally; input may be split at any byte. Not thread-safe: one per
/// connection, used on that connection's I/O thread.
class ClientParser {
public:
    ClientParser(std::int32_t max_control_line, std::int32_t max_payload)
        : max_control_line_(max_control_line), max_payload_(max_payload) {}

    /// Parses all of `data`, calling the handler for each complete op.
    ParseStatus parse(std::string_view data, ClientParserHandler& handler);

    /// While true, any first op other than CONNECT goes to onOpBeforeConnect().
    void setAwaitingConnect(bool awaiting) { awaiting_connect_ = awaiting; }
    void setMaxPayload(std::int32_t max_payload) { max_payload_ = max_payload; }
    /// The handler may call this from onConnect to learn whether HPUB is allowed.
    void setHeadersAllowed(bool allowed) { headers_allowed_ = allowed; }

private:
    enum class State : std::uint8_t {
        OpStart, OpName, OpArgSpace, Arg, SkipToEol, Payload, PayloadEndR, PayloadEndN
    };
    enum class Op : std::uint8_t { None, Pub, HPub, Sub, Unsub, Ping, Pong, Connect, Info, PlusOk, MinusErr };

    ParseStatus dispatchLine(std::string_view line, ClientParserHandler& handler);
    ParseStatus parsePubArgs(std::string_view line, bool with_headers);
    ParseStatus deliverMsg(std::string_view data, ClientParserHandler& handler);
    void resetToStart();
    void ownPubLine();

    std::int32_t max_control_line_;
    std::int32_t max_payload_;
    bool awaiting_connect_ = false;
    bool headers_allowed_ = false;

    State state_ = State::OpStart;
    Op op_ = Op::None;
    std::string_view op_name_;    ///< the expected letters of the op being matched
    std::size_t op_pos_ = 0;      ///< letters of op_name_ matched so far
    std::string arg_buf_;         ///< a control line split across reads
    std::size_t arg_start_ = 0;   ///< where the control line starts in the current read
    bool arg_in_data_ = false;    ///< the control line so far lies in the current read
    std::string pub_line_;        ///< the PUB/HPUB control line, copied while its payload is split
    std::string_view pub_line_view_;
    bool pub_line_owned_ = false;
    PubArgs pub_{};
    std::string msg_buf_;         ///< a payload split across reads
    bool msg_split_ = false;
};

}  // namespace nwb::protocol
