// Incremental, zero-copy parser for the client side of the NATS protocol.
#include "engine/protocol/client_parser.h"

#include <array>
#include <cstring>

namespace nwb::protocol {
namespace {

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
bool isSpace(char c) { return c == ' ' || c == '\t'; }

/// nats-server's parseSize: 1 to 9 decimal digits, otherwise -1.
std::int64_t parseSize(std::string_view digits) {
    if (digits.empty() || digits.size() > 9) return -1;
    std::int64_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

/// Splits on spaces and tabs (and CR/LF for SUB/UNSUB, as nats-server's splitArg); at most N.
template <std::size_t N>
std::size_t splitArgs(std::string_view line, std::array<std::string_view, N>& out, bool crlf_too) {
    std::size_t count = 0;
    std::size_t i = 0;
    const auto sep = [crlf_too](char c) {
        return c == ' ' || c == '\t' || (crlf_too && (c == '\r' || c == '\n'));
    };
    while (i < line.size()) {
        while (i < line.size() && sep(line[i])) ++i;
        if (i == line.size()) break;
        const std::size_t start = i;
        while (i < line.size() && !sep(line[i])) ++i;
        if (count == N) return N + 1;  // too many
        out[count++] = line.substr(start, i - start);
    }
    return count;
}

}  // namespace

void ClientParser::resetToStart() {
    state_ = State::OpStart;
    op_ = Op::None;
    arg_buf_.clear();
}

ParseStatus ClientParser::parse(std::string_view data, ClientParserHandler& handler) {
    std::size_t i = 0;
    const std::size_t n = data.size();
    while (i < n) {
        switch (state_) {
            case State::OpStart: {
                const char c = upper(data[i]);
                if (awaiting_connect_ && c != 'C') {
                    if (!handler.onOpBeforeConnect()) return ParseStatus::AuthViolation;
                    awaiting_connect_ = false;
                }
                op_pos_ = 1;
                switch (c) {
                    case 'P': op_ = Op::None; op_name_ = "P"; break;  // PUB, PING or PONG
                    case 'H': op_ = Op::HPub; op_name_ = "HPUB"; break;
                    case 'S': op_ = Op::Sub; op_name_ = "SUB"; break;
                    case 'U': op_ = Op::Unsub; op_name_ = "UNSUB"; break;
                    case 'C': op_ = Op::Connect; op_name_ = "CONNECT"; break;
                    case 'I': op_ = Op::Info; op_name_ = "INFO"; break;
                    case '+': op_ = Op::PlusOk; op_name_ = "+OK"; break;
                    case '-': op_ = Op::MinusErr; op_name_ = "-ERR"; break;
                    default: return ParseStatus::UnknownOp;
                }
                state_ = State::OpName;
                ++i;
                break;
            }
            case State::OpName: {
                const char c = upper(data[i]);
                if (op_ == Op::None) {  // second letter after 'P'
                    switch (c) {
                        case 'U': op_ = Op::Pub; op_name_ = "PUB"; break;
                        case 'I': op_ = Op::Ping; op_name_ = "PING"; break;
                        case 'O': op_ = Op::Pong; op_name_ = "PONG"; break;
                        default: return ParseStatus::UnknownOp;
                    }
                    ++op_pos_;
                    ++i;
                } else if (op_pos_ < op_name_.size()) {
                    if (c != op_name_[op_pos_]) return ParseStatus::UnknownOp;
                    ++op_pos_;
                    ++i;
                } else if (op_ == Op::Ping || op_ == Op::Pong || op_ == Op::PlusOk) {
                    state_ = State::SkipToEol;  // anything up to the newline is ignored
                } else if (op_ == Op::Connect) {
                    state_ = State::OpArgSpace;  // CONNECT needs no separator
                } else {
                    if (!isSpace(data[i])) return ParseStatus::UnknownOp;
                    state_ = State::OpArgSpace;
                    ++i;
                }
                break;
            }
            case State::OpArgSpace:
                if (isSpace(data[i])) {
                    ++i;
                    break;
                }
                // nats-server takes the first non-blank byte into the argument unexamined.
                arg_buf_.clear();
                arg_start_ = i;
                arg_in_data_ = true;
                state_ = State::Arg;
                ++i;
                break;
            case State::Arg: {
                const char* nl = static_cast<const char*>(std::memchr(data.data() + i, '\n', n - i));
                if (nl == nullptr) {
                    // A split control line: keep what arrived (once copied, later reads append).
                    if (arg_in_data_) {
                        arg_buf_.assign(data.substr(arg_start_));
                        arg_in_data_ = false;
                    } else {
                        arg_buf_.append(data.substr(i));
                    }
                    if (arg_buf_.size() > static_cast<std::size_t>(max_control_line_)) {
                        return ParseStatus::MaxControlLine;
                    }
                    return ParseStatus::Ok;
                }
                const std::size_t end = static_cast<std::size_t>(nl - data.data());
                std::string_view line;
                if (arg_in_data_) {
                    line = data.substr(arg_start_, end - arg_start_);  // zero-copy: the usual case
                } else {
                    arg_buf_.append(data.substr(i, end - i));
                    line = arg_buf_;
                }
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                i = end + 1;
                if (line.size() > static_cast<std::size_t>(max_control_line_)) {
                    return ParseStatus::MaxControlLine;
                }
                if (const ParseStatus st = dispatchLine(line, handler); st != ParseStatus::Ok) {
                    return st;
                }
                break;
            }
            case State::SkipToEol: {
                const char* nl = static_cast<const char*>(std::memchr(data.data() + i, '\n', n - i));
                if (nl == nullptr) return ParseStatus::Ok;
                i = static_cast<std::size_t>(nl - data.data()) + 1;
                const Op op = op_;
                resetToStart();
                if (op == Op::Ping && !handler.onPing()) return ParseStatus::Stopped;
                if (op == Op::Pong && !handler.onPong()) return ParseStatus::Stopped;
                break;
            }
            case State::Payload: {
                const std::size_t need = static_cast<std::size_t>(pub_.total_size);
                if (!msg_split_ && n - i >= need + 2) {
                    // Fast path: the whole payload and its CRLF are in this read.
                    if (data[i + need] != '\r' || data[i + need + 1] != '\n') {
                        return ParseStatus::UnknownOp;
                    }
                    const std::string_view payload = data.substr(i, need);
                    i += need + 2;
                    if (const ParseStatus st = deliverMsg(payload, handler); st != ParseStatus::Ok) {
                        return st;
                    }
                    break;
                }
                if (!msg_split_) {
                    ownPubLine();  // the views in pub_ must outlive this read
                    msg_split_ = true;
                    msg_buf_.clear();
                    msg_buf_.reserve(need);
                }
                const std::size_t take = std::min(need - msg_buf_.size(), n - i);
                msg_buf_.append(data.substr(i, take));
                i += take;
                if (msg_buf_.size() == need) state_ = State::PayloadEndR;
                break;
            }
            case State::PayloadEndR:
                if (data[i] != '\r') return ParseStatus::UnknownOp;
                state_ = State::PayloadEndN;
                ++i;
                break;
            case State::PayloadEndN: {
                if (data[i] != '\n') return ParseStatus::UnknownOp;
                ++i;
                if (const ParseStatus st = deliverMsg(msg_buf_, handler); st != ParseStatus::Ok) {
                    return st;
                }
                break;
            }
        }
    }
    // Nothing may point into this read once it is over.
    if (state_ == State::Arg && arg_in_data_) {
        arg_buf_.assign(data.substr(arg_start_));  // the read ended just after the line began
        arg_in_data_ = false;
    }
    if (state_ == State::Payload && !msg_split_) ownPubLine();
    return ParseStatus::Ok;
}

void ClientParser::ownPubLine() {
    if (pub_line_owned_) return;
    pub_line_.assign(pub_line_view_);
    const char* old_base = pub_line_view_.data();
    const auto rebase = [&](std::string_view& v) {
        if (!v.empty()) v = std::string_view(pub_line_.data() + (v.data() - old_base), v.size());
    };
    rebase(pub_.subject);
    rebase(pub_.reply);
    rebase(pub_.header_size_text);
    rebase(pub_.total_size_text);
    pub_line_view_ = pub_line_;
    pub_line_owned_ = true;
}

ParseStatus ClientParser::deliverMsg(std::string_view data, ClientParserHandler& handler) {
    const bool ok = handler.onMsg(pub_, data);
    msg_split_ = false;
    msg_buf_.clear();
    resetToStart();
    return ok ? ParseStatus::Ok : ParseStatus::Stopped;
}

ParseStatus ClientParser::parsePubArgs(std::string_view line, bool with_headers) {
    // The views point into the read buffer or arg_buf_; ownPubLine() copies them if the payload
    // is not complete within this read.
    pub_line_view_ = line;
    pub_line_owned_ = false;
    std::array<std::string_view, 4> args;
    const std::size_t count = splitArgs(line, args, false);
    pub_ = PubArgs{};
    if (with_headers) {
        if (count != 3 && count != 4) return ParseStatus::BadArgs;
        pub_.subject = args[0];
        if (count == 4) pub_.reply = args[1];
        pub_.header_size_text = args[count - 2];
        pub_.total_size_text = args[count - 1];
        pub_.header_size = parseSize(pub_.header_size_text);
        pub_.total_size = parseSize(pub_.total_size_text);
        if (pub_.header_size < 0 || pub_.total_size < 0) return ParseStatus::BadArgs;
        if (pub_.header_size > pub_.total_size) return ParseStatus::BadArgs;
    } else {
        if (count != 2 && count != 3) return ParseStatus::BadArgs;
        pub_.subject = args[0];
        if (count == 3) pub_.reply = args[1];
        pub_.total_size_text = args[count - 1];
        pub_.total_size = parseSize(pub_.total_size_text);
        if (pub_.total_size < 0) return ParseStatus::BadArgs;
    }
    if (pub_.total_size > max_payload_) return ParseStatus::MaxPayload;
    return ParseStatus::Ok;
}

ParseStatus ClientParser::dispatchLine(std::string_view line, ClientParserHandler& handler) {
    const Op op = op_;
    switch (op) {
        case Op::Pub:
        case Op::HPub: {
            if (op == Op::HPub && !headers_allowed_) return ParseStatus::BadArgs;
            if (const ParseStatus st = parsePubArgs(line, op == Op::HPub); st != ParseStatus::Ok) {
                return st;
            }
            state_ = State::Payload;
            msg_split_ = false;
            if (!handler.onPubArgs(pub_)) return ParseStatus::Stopped;
            return ParseStatus::Ok;
        }
        case Op::Sub: {
            std::array<std::string_view, 3> args;
            const std::size_t count = splitArgs(line, args, true);
            if (count != 2 && count != 3) return ParseStatus::BadArgs;
            const std::string_view queue = count == 3 ? args[1] : std::string_view{};
            const bool ok = handler.onSub(args[0], queue, args[count - 1]);
            resetToStart();
            return ok ? ParseStatus::Ok : ParseStatus::Stopped;
        }
        case Op::Unsub: {
            std::array<std::string_view, 2> args;
            const std::size_t count = splitArgs(line, args, true);
            if (count != 1 && count != 2) return ParseStatus::BadArgs;
            const std::int64_t max = count == 2 ? parseSize(args[1]) : -1;
            const bool ok = handler.onUnsub(args[0], max);
            resetToStart();
            return ok ? ParseStatus::Ok : ParseStatus::Stopped;
        }
        case Op::Connect: {
            const bool ok = handler.onConnect(line);
            resetToStart();
            return ok ? ParseStatus::Ok : ParseStatus::Stopped;
        }
        case Op::Info: {
            const bool ok = handler.onInfo(line);
            resetToStart();
            return ok ? ParseStatus::Ok : ParseStatus::Stopped;
        }
        case Op::MinusErr: {
            const bool ok = handler.onErr(line);
            resetToStart();
            return ok ? ParseStatus::Ok : ParseStatus::Stopped;
        }
        default:
            return ParseStatus::UnknownOp;
    }
}

}  // namespace nwb::protocol
