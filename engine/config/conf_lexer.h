// Tokenizer for the nats-server config syntax (REFERENCE §9.1), a state machine with the same
// states, quirks and error texts as nats-server's conf/lex.go.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nwb::config {

enum class ConfTokenType {
    Error,  ///< text is the problem
    Eof,
    Key,
    String,
    Bool,
    Integer,  ///< digits with an optional size suffix, e.g. "1MB"
    Float,
    DateTime,
    Variable,  ///< text is the name without the '$'
    Include,   ///< text is the path as written
    ArrayStart,
    ArrayEnd,
    MapStart,
    MapEnd,
};

struct ConfToken {
    ConfTokenType type = ConfTokenType::Eof;
    std::string text;
    std::size_t offset = 0;  ///< byte offset of the token (or of the problem) in the input
};

class ConfLexer {
public:
    explicit ConfLexer(std::string_view input);

    /// The next token. After an Error or Eof token, every call returns Eof.
    ConfToken next();

    /// 1-based line and column (counted in UTF-8 characters) of a byte offset.
    std::pair<int, int> lineColumn(std::size_t offset) const;

private:
    enum class State {
        Top, TopValueEnd,
        KeyStart, DubQuotedKey, QuotedKey, Key, KeyEnd,
        IncludeStart, Include, IncludeQuoted, IncludeDubQuoted, IncludeBare,
        Value, ArrayValue, ArrayValueEnd, ArrayEnd,
        MapKeyStart, MapQuotedKey, MapDubQuotedKey, MapKey, MapKeyEnd, MapValue, MapValueEnd, MapEnd,
        QuotedString, DubQuotedString, BareString, StringEscape, StringHex, Block,
        Number, ConvenientNumber, DateAfterYear, NegNumberStart, NegNumber, FloatStart, Float,
        IpAddress,
        CommentStart, Comment,
        Done,
    };

    State step(State state);

    State top();
    State topValueEnd();
    State keyStart();
    State quotedKey(char32_t quote, State self);
    State key();
    State keyEnd();
    State keyword(State fall_through, State push_on_include, bool push);
    State includeStart();
    State include();
    State includeQuoted(char32_t quote, const char* eof_problem, State self);
    State includeBare();
    State value();
    State arrayValue();
    State arrayValueEnd();
    State mapKeyStart();
    State mapQuotedKey(char32_t quote, const char* eof_problem, State self);
    State mapKey();
    State mapKeyEnd();
    State mapValue();
    State mapValueEnd();
    State quotedString();
    State dubQuotedString();
    State bareString();
    State stringEscape();
    State stringHex();
    State block();
    State number();
    State convenientNumber();
    State dateAfterYear();
    State negNumberStart();
    State negNumber();
    State floatStart();
    State floatDigits();
    State ipAddress();
    State comment();

    char32_t nextRune();
    char32_t peekRune();
    void backup();
    void ignore();
    void push(State state);
    State pop();
    bool opensComment(char32_t r, State resume);
    void emit(ConfTokenType type, std::size_t begin);
    void addCurrentStringPart(std::size_t drop);
    State addStringPart(std::string_view part);
    State error(std::size_t offset, std::string problem);
    std::size_t lastRuneOffset() const { return pos_ - width_; }
    bool isBoolText() const;

    std::string_view input_;
    std::vector<std::size_t> line_starts_;
    std::size_t pos_ = 0;
    std::size_t start_ = 0;
    std::size_t width_ = 0;
    std::size_t key_begin_ = 0;
    std::size_t value_begin_ = 0;
    std::string parts_;      ///< decoded pieces of a string with escapes
    bool has_parts_ = false;
    State string_state_ = State::BareString;  ///< where an escape returns to
    State state_ = State::Top;
    std::vector<State> stack_;
    std::deque<ConfToken> tokens_;
};

}  // namespace nwb::config
