// The config tokenizer. State names and error texts follow nats-server's conf/lex.go so that
// the same files are accepted and rejected with the same words.
#include "engine/config/conf_lexer.h"

#include <algorithm>

#include <fmt/format.h>

namespace nwb::config {
namespace {

constexpr char32_t kEof = 0xFFFFFFFF;
constexpr char32_t kRuneError = 0xFFFD;

bool isWhitespace(char32_t r) { return r == ' ' || r == '\t'; }
bool isNewline(char32_t r) { return r == '\n' || r == '\r'; }
bool isDigit(char32_t r) { return r >= '0' && r <= '9'; }
bool isKeySeparator(char32_t r) { return r == '=' || r == ':'; }

/// Go's unicode.IsSpace.
bool isSpace(char32_t r) {
    switch (r) {
        case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
        case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
        case 0x3000:
            return true;
        default:
            return r >= 0x2000 && r <= 0x200A;
    }
}

bool isNumberSuffix(char32_t r) {
    switch (r) {
        case 'k': case 'K': case 'm': case 'M': case 'g': case 'G': case 't': case 'T':
        case 'p': case 'P': case 'e': case 'E':
            return true;
        default:
            return false;
    }
}

/// Ends an integer: what may follow a number (or a size suffix) directly.
bool endsNumber(char32_t r) {
    return isNewline(r) || r == kEof || r == '}' || r == ';' || r == ',' || isWhitespace(r) ||
           isDigit(r);
}

std::string encodeUtf8(char32_t r) {
    std::string out;
    if (r < 0x80) {
        out += static_cast<char>(r);
    } else if (r < 0x800) {
        out += static_cast<char>(0xC0 | (r >> 6));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += static_cast<char>(0xE0 | (r >> 12));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (r >> 18));
        out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    }
    return out;
}

/// A rune as nats-server prints it in an error; end of input reads "EOF" instead of a NUL byte.
std::string describe(char32_t r) {
    if (r == kEof) return "EOF";
    if (r == '\n') return "\\n";
    return encodeUtf8(r);
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

ConfLexer::ConfLexer(std::string_view input) : input_(input) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < input_.size(); ++i) {
        if (input_[i] == '\n') line_starts_.push_back(i + 1);
    }
}

std::pair<int, int> ConfLexer::lineColumn(std::size_t offset) const {
    offset = std::min(offset, input_.size());
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line_start = *(it - 1);
    int column = 1;
    for (std::size_t i = line_start; i < offset; ++i) {
        if ((static_cast<unsigned char>(input_[i]) & 0xC0) != 0x80) ++column;
    }
    return {static_cast<int>(it - line_starts_.begin()), column};
}

ConfToken ConfLexer::next() {
    while (tokens_.empty()) {
        if (state_ == State::Done) return ConfToken{ConfTokenType::Eof, {}, input_.size()};
        state_ = step(state_);
    }
    ConfToken token = std::move(tokens_.front());
    tokens_.pop_front();
    if (token.type == ConfTokenType::Error || token.type == ConfTokenType::Eof) {
        state_ = State::Done;
        tokens_.clear();
    }
    return token;
}

// ---- primitives -------------------------------------------------------------------------------

char32_t ConfLexer::nextRune() {
    if (pos_ >= input_.size()) {
        width_ = 0;
        return kEof;
    }
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(input_[pos_ + i]); };
    const std::size_t left = input_.size() - pos_;
    const unsigned char b0 = byte(0);
    char32_t r = kRuneError;
    std::size_t width = 1;
    const auto cont = [&](std::size_t i) { return i < left && (byte(i) & 0xC0) == 0x80; };
    if (b0 < 0x80) {
        r = b0;
    } else if (b0 >= 0xC2 && b0 < 0xE0 && cont(1)) {
        r = ((b0 & 0x1F) << 6) | (byte(1) & 0x3F);
        width = 2;
    } else if (b0 >= 0xE0 && b0 < 0xF0 && cont(1) && cont(2)) {
        r = ((b0 & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
        if (r >= 0x800 && (r < 0xD800 || r > 0xDFFF)) width = 3; else r = kRuneError;
    } else if (b0 >= 0xF0 && b0 < 0xF5 && cont(1) && cont(2) && cont(3)) {
        r = ((b0 & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
            (byte(3) & 0x3F);
        if (r >= 0x10000 && r <= 0x10FFFF) width = 4; else r = kRuneError;
    }
    pos_ += width;
    width_ = width;
    return r;
}

char32_t ConfLexer::peekRune() {
    const char32_t r = nextRune();
    backup();
    return r;
}

void ConfLexer::backup() { pos_ -= width_; }

/// True, with `resume` pushed, when the rune just read opens a comment: '#', or '/' followed by
/// '/'. After a lone '/' the reader stays just past it.
bool ConfLexer::opensComment(char32_t r, State resume) {
    if (r == '/') {
        if (nextRune() != '/') {
            backup();
            return false;
        }
    } else if (r != '#') {
        return false;
    }
    push(resume);
    return true;
}
void ConfLexer::ignore() { start_ = pos_; }
void ConfLexer::push(State state) { stack_.push_back(state); }

ConfLexer::State ConfLexer::pop() {
    if (stack_.empty()) return error(pos_, "BUG in lexer: no states to pop.");
    const State last = stack_.back();
    stack_.pop_back();
    return last;
}

void ConfLexer::emit(ConfTokenType type, std::size_t begin) {
    std::string text = std::move(parts_);
    text.append(input_.substr(start_, pos_ - start_));
    tokens_.push_back(ConfToken{type, std::move(text), begin});
    parts_.clear();
    has_parts_ = false;
    start_ = pos_;
}

void ConfLexer::addCurrentStringPart(std::size_t drop) {
    parts_.append(input_.substr(start_, pos_ - drop - start_));
    has_parts_ = true;
    start_ = pos_;
}

ConfLexer::State ConfLexer::addStringPart(std::string_view part) {
    parts_.append(part);
    has_parts_ = true;
    start_ = pos_;
    return string_state_;
}

ConfLexer::State ConfLexer::error(std::size_t offset, std::string problem) {
    tokens_.push_back(ConfToken{ConfTokenType::Error, std::move(problem), offset});
    return State::Done;
}

bool ConfLexer::isBoolText() const {
    std::string text(input_.substr(start_, pos_ - start_));
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text == "true" || text == "false" || text == "on" || text == "off" || text == "yes" ||
           text == "no";
}

ConfLexer::State ConfLexer::step(State state) {
    switch (state) {
        case State::Top: return top();
        case State::TopValueEnd: return topValueEnd();
        case State::KeyStart: return keyStart();
        case State::DubQuotedKey: return quotedKey('"', State::DubQuotedKey);
        case State::QuotedKey: return quotedKey('\'', State::QuotedKey);
        case State::Key: return key();
        case State::KeyEnd: return keyEnd();
        case State::IncludeStart: return includeStart();
        case State::Include: return include();
        case State::IncludeQuoted:
            return includeQuoted('\'', "Unexpected EOF in quoted include", state);
        case State::IncludeDubQuoted:
            return includeQuoted('"', "Unexpected EOF in double quoted include", state);
        case State::IncludeBare: return includeBare();
        case State::Value: return value();
        case State::ArrayValue: return arrayValue();
        case State::ArrayValueEnd: return arrayValueEnd();
        case State::ArrayEnd:
            ignore();
            emit(ConfTokenType::ArrayEnd, pos_ - 1);
            return pop();
        case State::MapKeyStart: return mapKeyStart();
        case State::MapQuotedKey:
            return mapQuotedKey('\'', "Unexpected EOF processing quoted map key.", state);
        case State::MapDubQuotedKey:
            return mapQuotedKey('"', "Unexpected EOF processing double quoted map key.", state);
        case State::MapKey: return mapKey();
        case State::MapKeyEnd: return mapKeyEnd();
        case State::MapValue: return mapValue();
        case State::MapValueEnd: return mapValueEnd();
        case State::MapEnd:
            ignore();
            emit(ConfTokenType::MapEnd, pos_ - 1);
            return pop();
        case State::QuotedString: return quotedString();
        case State::DubQuotedString: return dubQuotedString();
        case State::BareString: return bareString();
        case State::StringEscape: return stringEscape();
        case State::StringHex: return stringHex();
        case State::Block: return block();
        case State::Number: return number();
        case State::ConvenientNumber: return convenientNumber();
        case State::DateAfterYear: return dateAfterYear();
        case State::NegNumberStart: return negNumberStart();
        case State::NegNumber: return negNumber();
        case State::FloatStart: return floatStart();
        case State::Float: return floatDigits();
        case State::IpAddress: return ipAddress();
        case State::CommentStart:
            ignore();
            return State::Comment;
        case State::Comment: return comment();
        case State::Done: return State::Done;
    }
    return State::Done;
}

// ---- top level --------------------------------------------------------------------------------

ConfLexer::State ConfLexer::top() {
    const char32_t r = nextRune();
    const std::size_t at = lastRuneOffset();
    if (isSpace(r) || r == '{') {
        ignore();
        return State::Top;
    }
    if (opensComment(r, State::Top)) return State::CommentStart;
    if (r == '/' || r == kEof) {
        if (pos_ > start_) return error(at, "Unexpected EOF.");
        emit(ConfTokenType::Eof, pos_);
        return State::Done;
    }
    backup();
    push(State::TopValueEnd);
    return State::KeyStart;
}

ConfLexer::State ConfLexer::topValueEnd() {
    const char32_t r = nextRune();
    if (opensComment(r, State::Top)) return State::CommentStart;
    // A lone '/' is skipped like whitespace, as nats-server does.
    if (r == '/') return State::TopValueEnd;
    if (isWhitespace(r)) return State::TopValueEnd;
    if (isNewline(r) || r == kEof || r == ';' || r == ',' || r == '}') {
        ignore();
        return State::Top;
    }
    return error(lastRuneOffset(),
                 fmt::format("Expected a top-level value to end with a new line, comment or EOF, "
                             "but got '{}' instead.",
                             describe(r)));
}

// ---- keys -------------------------------------------------------------------------------------

ConfLexer::State ConfLexer::keyStart() {
    const char32_t r = peekRune();
    if (isKeySeparator(r)) {
        return error(pos_, fmt::format("Unexpected key separator '{}'", describe(r)));
    }
    if (isSpace(r)) {
        nextRune();
        ignore();
        return State::KeyStart;
    }
    if (r == '"' || r == '\'') {
        key_begin_ = pos_;
        nextRune();
        ignore();
        return r == '"' ? State::DubQuotedKey : State::QuotedKey;
    }
    ignore();
    key_begin_ = pos_;
    nextRune();
    return State::Key;
}

ConfLexer::State ConfLexer::quotedKey(char32_t quote, State self) {
    const char32_t r = peekRune();
    if (r == quote) {
        emit(ConfTokenType::Key, key_begin_);
        nextRune();
        ignore();
        return State::KeyEnd;
    }
    if (r == kEof) {
        if (pos_ > start_) return error(pos_, "Unexpected EOF.");
        emit(ConfTokenType::Eof, pos_);
        return State::Done;
    }
    nextRune();
    return self;
}

ConfLexer::State ConfLexer::key() {
    const char32_t r = peekRune();
    if (isSpace(r)) return keyword(State::KeyEnd, State::Done, false);
    if (isKeySeparator(r) || r == kEof) {
        emit(ConfTokenType::Key, key_begin_);
        return State::KeyEnd;
    }
    nextRune();
    return State::Key;
}

/// A bare key followed by a space may be the `include` keyword.
ConfLexer::State ConfLexer::keyword(State fall_through, State push_on_include, bool push_state) {
    std::string word(input_.substr(start_, pos_ - start_));
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (word == "include") {
        ignore();
        if (push_state) push(push_on_include);
        return State::IncludeStart;
    }
    emit(ConfTokenType::Key, key_begin_);
    return fall_through;
}

ConfLexer::State ConfLexer::keyEnd() {
    const char32_t r = nextRune();
    if (isSpace(r)) {
        ignore();
        return State::KeyEnd;
    }
    if (isKeySeparator(r)) {
        ignore();
        return State::Value;
    }
    if (r == kEof) {
        emit(ConfTokenType::Eof, pos_);
        return State::Done;
    }
    backup();
    return State::Value;
}

// ---- include ----------------------------------------------------------------------------------

ConfLexer::State ConfLexer::includeStart() {
    const char32_t r = nextRune();
    if (isWhitespace(r)) {
        ignore();
        return State::IncludeStart;
    }
    backup();
    return State::Include;
}

ConfLexer::State ConfLexer::include() {
    value_begin_ = pos_;
    const char32_t r = nextRune();
    const auto fail = [&](std::string_view what) {
        return error(lastRuneOffset(), fmt::format("Expected include value but found {}", what));
    };
    if (r == '\'' || r == '"') {
        ignore();
        return r == '"' ? State::IncludeDubQuoted : State::IncludeQuoted;
    }
    if (r == '[') return fail("start of an array");
    if (r == '{') return fail("start of a map");
    if (r == '(') return fail("start of a block");
    if (isDigit(r) || r == '-') return fail("start of a number");
    if (r == '\\') return fail("escape sequence");
    if (isNewline(r)) return fail("new line");
    backup();
    return State::IncludeBare;
}

ConfLexer::State ConfLexer::includeQuoted(char32_t quote, const char* eof_problem, State self) {
    const char32_t r = nextRune();
    if (r == quote) {
        backup();
        emit(ConfTokenType::Include, value_begin_);
        nextRune();
        ignore();
        return pop();
    }
    if (r == kEof) return error(pos_, eof_problem);
    return self;
}

ConfLexer::State ConfLexer::includeBare() {
    const char32_t r = nextRune();
    if (isNewline(r) || r == kEof || r == ';' || r == '}' || isWhitespace(r)) {
        backup();
        emit(ConfTokenType::Include, value_begin_);
        return pop();
    }
    if (r == '\'') {
        backup();
        emit(ConfTokenType::Include, value_begin_);
        nextRune();
        ignore();
        return pop();
    }
    return State::IncludeBare;
}

// ---- values -----------------------------------------------------------------------------------

ConfLexer::State ConfLexer::value() {
    const char32_t r = nextRune();
    if (isWhitespace(r)) {
        ignore();
        return State::Value;
    }
    value_begin_ = lastRuneOffset();
    start_ = value_begin_;
    if (r == '[') {
        ignore();
        emit(ConfTokenType::ArrayStart, value_begin_);
        return State::ArrayValue;
    }
    if (r == '{') {
        ignore();
        emit(ConfTokenType::MapStart, value_begin_);
        return State::MapKeyStart;
    }
    if (r == '\'') {
        ignore();
        return State::QuotedString;
    }
    if (r == '"') {
        ignore();
        string_state_ = State::DubQuotedString;
        return State::DubQuotedString;
    }
    if (r == '-') return State::NegNumberStart;
    if (r == '(') {
        ignore();
        return State::Block;
    }
    if (isDigit(r)) return State::Number;
    if (r == '.') return error(value_begin_, "Floats must start with a digit");
    if (isNewline(r)) return error(value_begin_, "Expected value but found new line");
    backup();
    string_state_ = State::BareString;
    return State::BareString;
}

ConfLexer::State ConfLexer::arrayValue() {
    const char32_t r = nextRune();
    const std::size_t at = lastRuneOffset();
    if (isSpace(r)) {
        ignore();
        return State::ArrayValue;
    }
    if (opensComment(r, State::ArrayValue)) return State::CommentStart;
    if (r == '/' || r == ',') {
        return error(at, "Unexpected array value terminator ','.");
    }
    if (r == ']') return State::ArrayEnd;
    backup();
    push(State::ArrayValueEnd);
    return State::Value;
}

ConfLexer::State ConfLexer::arrayValueEnd() {
    const char32_t r = nextRune();
    if (isWhitespace(r)) {
        ignore();
        return State::ArrayValueEnd;
    }
    if (opensComment(r, State::ArrayValueEnd)) return State::CommentStart;
    if (r == '/' || r == ',' || isNewline(r)) {
        ignore();
        return State::ArrayValue;
    }
    if (r == ']') return State::ArrayEnd;
    return error(lastRuneOffset(),
                 fmt::format("Expected an array value terminator \",\" or an array terminator "
                             "\"]\", but got '{}' instead.",
                             describe(r)));
}

// ---- maps -------------------------------------------------------------------------------------

ConfLexer::State ConfLexer::mapKeyStart() {
    const char32_t r = peekRune();
    if (isKeySeparator(r)) {
        return error(pos_, fmt::format("Unexpected key separator '{}'.", describe(r)));
    }
    if (r == ']') {
        return error(pos_, fmt::format("Unexpected array end '{}' processing map.", describe(r)));
    }
    if (isSpace(r)) {
        nextRune();
        ignore();
        return State::MapKeyStart;
    }
    if (r == '}') {
        nextRune();
        ignore();
        return State::MapEnd;
    }
    if (r == '#' || r == '/') {
        nextRune();
        if (opensComment(r, State::MapKeyStart)) return State::CommentStart;
        // nats-server drops a lone '/' in front of a map key
    } else if (r == '\'' || r == '"') {
        key_begin_ = pos_;
        nextRune();
        ignore();
        return r == '"' ? State::MapDubQuotedKey : State::MapQuotedKey;
    } else if (r == kEof) {
        return error(pos_, "Unexpected EOF processing map.");
    }
    ignore();
    key_begin_ = pos_;
    nextRune();
    return State::MapKey;
}

ConfLexer::State ConfLexer::mapQuotedKey(char32_t quote, const char* eof_problem, State self) {
    const char32_t r = peekRune();
    if (r == kEof) return error(pos_, eof_problem);
    if (r == quote) {
        emit(ConfTokenType::Key, key_begin_);
        nextRune();
        ignore();
        return State::MapKeyEnd;
    }
    nextRune();
    return self;
}

ConfLexer::State ConfLexer::mapKey() {
    const char32_t r = peekRune();
    if (r == kEof) return error(pos_, "Unexpected EOF processing map key.");
    if (isSpace(r)) return keyword(State::MapKeyEnd, State::MapValueEnd, true);
    if (isKeySeparator(r)) {
        emit(ConfTokenType::Key, key_begin_);
        return State::MapKeyEnd;
    }
    nextRune();
    return State::MapKey;
}

ConfLexer::State ConfLexer::mapKeyEnd() {
    const char32_t r = nextRune();
    if (isSpace(r)) {
        ignore();
        return State::MapKeyEnd;
    }
    if (isKeySeparator(r)) {
        ignore();
        return State::MapValue;
    }
    backup();
    return State::MapValue;
}

ConfLexer::State ConfLexer::mapValue() {
    const char32_t r = nextRune();
    if (isSpace(r)) {
        ignore();
        return State::MapValue;
    }
    if (r == ',') return error(lastRuneOffset(), "Unexpected map value terminator \",\".");
    if (r == '}') {
        ignore();
        return State::MapEnd;
    }
    backup();
    push(State::MapValueEnd);
    return State::Value;
}

ConfLexer::State ConfLexer::mapValueEnd() {
    const char32_t r = nextRune();
    if (isWhitespace(r)) {
        ignore();
        return State::MapValueEnd;
    }
    if (opensComment(r, State::MapValueEnd)) return State::CommentStart;
    if (r == '/' || r == ';' || r == ',' || isNewline(r)) {
        ignore();
        return State::MapKeyStart;
    }
    if (r == '}') {
        ignore();
        return State::MapEnd;
    }
    return error(lastRuneOffset(),
                 fmt::format("Expected a map value terminator \",\" or a map terminator \"}}\", "
                             "but got '{}' instead.",
                             describe(r)));
}

// ---- strings ----------------------------------------------------------------------------------

ConfLexer::State ConfLexer::quotedString() {
    const char32_t r = nextRune();
    if (r == '\'') {
        backup();
        emit(ConfTokenType::String, value_begin_);
        nextRune();
        ignore();
        return pop();
    }
    if (r == kEof) {
        if (pos_ > start_) return error(pos_, "Unexpected EOF.");
        emit(ConfTokenType::Eof, pos_);
        return State::Done;
    }
    return State::QuotedString;
}

ConfLexer::State ConfLexer::dubQuotedString() {
    const char32_t r = nextRune();
    if (r == '\\') {
        addCurrentStringPart(1);
        return State::StringEscape;
    }
    if (r == '"') {
        backup();
        emit(ConfTokenType::String, value_begin_);
        nextRune();
        ignore();
        return pop();
    }
    if (r == kEof) {
        if (pos_ > start_ || has_parts_) return error(pos_, "Unexpected EOF.");
        emit(ConfTokenType::Eof, pos_);
        return State::Done;
    }
    return State::DubQuotedString;
}

ConfLexer::State ConfLexer::bareString() {
    const char32_t r = nextRune();
    if (r == '\\') {
        addCurrentStringPart(1);
        return State::StringEscape;
    }
    if (isNewline(r) || r == kEof || r == ';' || r == ',' || r == ']' || r == '}' ||
        isWhitespace(r)) {
        backup();
        if (has_parts_) {
            emit(ConfTokenType::String, value_begin_);
        } else if (isBoolText()) {
            emit(ConfTokenType::Bool, value_begin_);
        } else if (start_ < input_.size() && input_[start_] == '$') {
            ++start_;
            emit(ConfTokenType::Variable, value_begin_);
        } else {
            emit(ConfTokenType::String, value_begin_);
        }
        return pop();
    }
    if (r == '\'') {
        backup();
        emit(ConfTokenType::String, value_begin_);
        nextRune();
        ignore();
        return pop();
    }
    return State::BareString;
}

ConfLexer::State ConfLexer::stringEscape() {
    const char32_t r = nextRune();
    switch (r) {
        case 'x': return State::StringHex;
        case 't': return addStringPart("\t");
        case 'n': return addStringPart("\n");
        case 'r': return addStringPart("\r");
        case '"': return addStringPart("\"");
        case '\\': return addStringPart("\\");
        default:
            return error(lastRuneOffset(),
                         fmt::format("Invalid escape character '{}'. Only the following escape "
                                     "characters are allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\.",
                                     describe(r)));
    }
}

ConfLexer::State ConfLexer::stringHex() {
    const std::size_t digits_begin = pos_;
    for (int i = 0; i < 2; ++i) {
        if (isNewline(nextRune())) {
            return error(lastRuneOffset(),
                         "Expected two hexadecimal digits after '\\x', but hit end of line");
        }
    }
    const std::string_view digits = input_.substr(digits_begin, pos_ - digits_begin);
    const int high = digits.size() == 2 ? hexValue(digits[0]) : -1;
    const int low = digits.size() == 2 ? hexValue(digits[1]) : -1;
    if (high < 0 || low < 0) {
        return error(digits_begin,
                     fmt::format("Expected two hexadecimal digits after '\\x', but got '{}'",
                                 digits));
    }
    const char decoded = static_cast<char>(high * 16 + low);
    return addStringPart(std::string_view(&decoded, 1));
}

/// `( ... )`: everything up to a ')' alone on its line; the newline before it is kept.
ConfLexer::State ConfLexer::block() {
    const char32_t r = nextRune();
    if (r == ')') {
        const std::size_t close = pos_ - 1;
        const bool own_line = close >= 1 && input_[close - 1] == '\n' &&
                              (pos_ == input_.size() || input_[pos_] == '\n');
        if (own_line) {
            pos_ = close;
            emit(ConfTokenType::String, value_begin_);
            pos_ = close + 1;
            ignore();
            return pop();
        }
        return State::Block;
    }
    if (r == kEof) return error(pos_, "Unexpected EOF processing block.");
    return State::Block;
}

// ---- numbers and dates ------------------------------------------------------------------------

ConfLexer::State ConfLexer::number() {
    const char32_t r = nextRune();
    if (r == '-') {
        if (pos_ - start_ != 5) {
            return error(lastRuneOffset(), "All ISO8601 dates must be in full Zulu form.");
        }
        return State::DateAfterYear;
    }
    if (isDigit(r)) return State::Number;
    if (r == '.') return State::FloatStart;
    if (isNumberSuffix(r)) return State::ConvenientNumber;
    if (!endsNumber(r)) {  // e.g. "10s" or "4222abc": a bare string after all
        string_state_ = State::BareString;
        return State::BareString;
    }
    backup();
    emit(ConfTokenType::Integer, value_begin_);
    return pop();
}

ConfLexer::State ConfLexer::convenientNumber() {
    const char32_t r = nextRune();
    if (r == 'b' || r == 'B' || r == 'i' || r == 'I') return State::ConvenientNumber;
    backup();
    if (endsNumber(r)) {
        emit(ConfTokenType::Integer, value_begin_);
        return pop();
    }
    string_state_ = State::BareString;
    return State::BareString;
}

ConfLexer::State ConfLexer::dateAfterYear() {
    static constexpr std::string_view kFormat = "00-00T00:00:00Z";
    for (const char expected : kFormat) {
        const char32_t r = nextRune();
        if (expected == '0') {
            if (!isDigit(r)) {
                return error(lastRuneOffset(),
                             fmt::format("Expected digit in ISO8601 datetime, but found '{}' "
                                         "instead.",
                                         describe(r)));
            }
        } else if (r != static_cast<char32_t>(expected)) {
            return error(lastRuneOffset(),
                         fmt::format("Expected '{}' in ISO8601 datetime, but found '{}' instead.",
                                     expected, describe(r)));
        }
    }
    emit(ConfTokenType::DateTime, value_begin_);
    return pop();
}

ConfLexer::State ConfLexer::negNumberStart() {
    const char32_t r = nextRune();
    if (!isDigit(r)) {
        if (r == '.') return error(lastRuneOffset(), "Floats must start with a digit, not '.'.");
        return error(lastRuneOffset(),
                     fmt::format("Expected a digit but got '{}'.", describe(r)));
    }
    return State::NegNumber;
}

ConfLexer::State ConfLexer::negNumber() {
    const char32_t r = nextRune();
    if (isDigit(r)) return State::NegNumber;
    if (r == '.') return State::FloatStart;
    if (isNumberSuffix(r)) return State::ConvenientNumber;
    backup();
    emit(ConfTokenType::Integer, value_begin_);
    return pop();
}

ConfLexer::State ConfLexer::floatStart() {
    const char32_t r = nextRune();
    if (!isDigit(r)) {
        return error(lastRuneOffset(),
                     fmt::format("Floats must have a digit after the '.', but got '{}' instead.",
                                 describe(r)));
    }
    return State::Float;
}

ConfLexer::State ConfLexer::floatDigits() {
    const char32_t r = nextRune();
    if (isDigit(r)) return State::Float;
    if (r == '.') return State::IpAddress;  // "127.0.0.1": not a float after all
    backup();
    emit(ConfTokenType::Float, value_begin_);
    return pop();
}

ConfLexer::State ConfLexer::ipAddress() {
    const char32_t r = nextRune();
    if (isDigit(r) || r == '.' || r == ':' || r == '-') return State::IpAddress;
    backup();
    emit(ConfTokenType::String, value_begin_);
    return pop();
}

ConfLexer::State ConfLexer::comment() {
    const char32_t r = peekRune();
    if (isNewline(r) || r == kEof) {
        ignore();
        return pop();
    }
    nextRune();
    return State::Comment;
}

}  // namespace nwb::config
