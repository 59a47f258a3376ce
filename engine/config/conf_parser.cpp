// Builds the value tree from tokens: scoping of variables, environment lookup with cycle
// detection, includes, and the conversion of integers, floats, booleans and datetimes.
#include "engine/config/conf_parser.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "engine/config/conf_lexer.h"

namespace nwb::config {
namespace {

/// State shared by a parse and the parses it starts for environment variables.
struct SharedState {
    std::set<std::string> env_references;  ///< variables being expanded from the environment
    std::vector<std::string> include_chain;  ///< files being parsed, for cycle detection
    std::size_t copied_values = 0;  ///< values copied by $references, bounded against blow-ups
};

/// `b: [$a, $a]`, `c: [$b, $b]`, ... doubles at each step; this bounds what references copy.
constexpr std::size_t kMaxCopiedValues = 1'000'000;

std::size_t countValues(const ConfValue& value) {
    std::size_t n = 1;
    if (value.isArray()) {
        for (const ConfValue& element : value.asArray()) n += countValues(element);
    } else if (value.isMap()) {
        for (const ConfMapEntry& entry : value.asMap()) n += countValues(entry.value);
    }
    return n;
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Go's error text for a system error: glibc's message with a lower-case first letter.
std::string systemErrorText(int error) {
    std::string text = std::strerror(error);
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

/// Go's filepath.Dir.
std::string goDir(const std::string& file) {
    const std::filesystem::path parent = std::filesystem::path(file).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

/// Go's filepath.Join(dir, name): always joins, even when `name` starts with '/'.
std::string goJoin(const std::string& dir, const std::string& name) {
    std::string joined = std::filesystem::path(dir + "/" + name).lexically_normal().string();
    while (joined.size() > 1 && joined.back() == '/') joined.pop_back();
    return joined.empty() ? std::string(".") : joined;
}

/// Reads a whole file; the error text is Go's ("open x: no such file or directory").
std::string readFile(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file) throw ConfigError(fmt::format("open {}: {}", path, systemErrorText(errno)));
    std::string data;
    char buffer[65536];
    while (true) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
        data.append(buffer, n);
        if (n < sizeof buffer) break;
    }
    if (std::ferror(file.get())) {
        throw ConfigError(fmt::format("read {}: {}", path, systemErrorText(errno)));
    }
    return data;
}

std::string identityOf(const std::string& path) {
    std::error_code ec;
    std::string identity = std::filesystem::weakly_canonical(path, ec).string();
    return ec ? path : identity;
}

void restamp(ConfValue& value, const Position& where) {
    value.setPosition(where);
    if (value.isArray()) {
        for (ConfValue& element : value.asArray()) restamp(element, where);
    } else if (value.isMap()) {
        for (ConfMapEntry& entry : value.asMap()) {
            entry.key_position = where;
            restamp(entry.value, where);
        }
    }
}

class Parser {
public:
    Parser(std::string_view text, std::string file, std::string base_dir,
           const ParseOptions& options, SharedState& shared)
        : text_(text),
          lexer_(text_),
          file_(std::move(file)),
          base_dir_(std::move(base_dir)),
          options_(options),
          shared_(shared) {}

    ConfValue run();

private:
    struct Frame {
        ConfValue value;                 ///< a map or an array under construction
        std::optional<std::string> key;  ///< map frames: the key waiting for its value
        Position key_position;
    };

    Position at(std::size_t offset) const {
        const auto [line, column] = lexer_.lineColumn(offset);
        return Position{file_, line, column};
    }

    void onKey(const ConfToken& token);
    void open(ConfValue container);
    void close(const ConfToken& token);
    void setValue(ConfValue value);
    void finish(const ConfToken& token);
    ConfValue convertInteger(const ConfToken& token) const;
    ConfValue convertFloat(const ConfToken& token) const;
    ConfValue convertDateTime(const ConfToken& token) const;
    ConfValue lookupVariable(const ConfToken& token);
    ConfValue lookupEnvironment(const std::string& name, const Position& where);
    void include(const ConfToken& token);

    std::string text_;  ///< owned: the lexer keeps a view of it
    ConfLexer lexer_;
    std::string file_;
    std::string base_dir_;
    const ParseOptions& options_;
    SharedState& shared_;
    std::vector<Frame> frames_;
};

ConfValue Parser::run() {
    frames_.push_back(Frame{ConfValue(ConfMap{}, Position{file_, 1, 1}), {}, {}});
    while (true) {
        ConfToken token = lexer_.next();
        switch (token.type) {
            case ConfTokenType::Error: throw ConfigError(at(token.offset), token.text);
            case ConfTokenType::Eof:
                finish(token);
                return std::move(frames_.front().value);
            case ConfTokenType::Key: onKey(token); break;
            case ConfTokenType::MapStart: open(ConfValue(ConfMap{}, at(token.offset))); break;
            case ConfTokenType::ArrayStart: open(ConfValue(ConfArray{}, at(token.offset))); break;
            case ConfTokenType::MapEnd:
            case ConfTokenType::ArrayEnd: close(token); break;
            case ConfTokenType::String:
                setValue(ConfValue(std::move(token.text), at(token.offset)));
                break;
            case ConfTokenType::Bool: {
                const std::string word = lowerAscii(token.text);
                setValue(ConfValue(word == "true" || word == "yes" || word == "on",
                                   at(token.offset)));
                break;
            }
            case ConfTokenType::Integer: setValue(convertInteger(token)); break;
            case ConfTokenType::Float: setValue(convertFloat(token)); break;
            case ConfTokenType::DateTime: setValue(convertDateTime(token)); break;
            case ConfTokenType::Variable: setValue(lookupVariable(token)); break;
            case ConfTokenType::Include: include(token); break;
        }
    }
}

void Parser::onKey(const ConfToken& token) {
    Frame& frame = frames_.back();
    if (frame.key) {
        throw ConfigError(frame.key_position,
                          fmt::format("config is invalid: key \"{}\" has no value", *frame.key));
    }
    frame.key = token.text;
    frame.key_position = at(token.offset);
}

void Parser::open(ConfValue container) {
    if (static_cast<int>(frames_.size()) > options_.max_depth) {
        throw ConfigError(container.position(),
                          fmt::format("maps and arrays are nested more than {} deep",
                                      options_.max_depth));
    }
    frames_.push_back(Frame{std::move(container), {}, {}});
}

void Parser::close(const ConfToken& token) {
    const bool is_map = token.type == ConfTokenType::MapEnd;
    if (frames_.size() < 2 || frames_.back().value.isMap() != is_map) {
        throw ConfigError(at(token.offset), fmt::format("unexpected '{}'", is_map ? '}' : ']'));
    }
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (frame.key) {
        throw ConfigError(frame.key_position,
                          fmt::format("config is invalid: key \"{}\" has no value", *frame.key));
    }
    setValue(std::move(frame.value));
}

void Parser::setValue(ConfValue value) {
    Frame& frame = frames_.back();
    if (frame.value.isArray()) {
        frame.value.asArray().push_back(std::move(value));
        return;
    }
    if (!frame.key) throw ConfigError(value.position(), "config is invalid: value without a key");
    frame.value.asMap().set(std::move(*frame.key), std::move(frame.key_position), std::move(value));
    frame.key.reset();
}

void Parser::finish(const ConfToken& token) {
    if (frames_.size() > 1) throw ConfigError(at(token.offset), "Unexpected EOF.");
    Frame& root = frames_.front();
    // A file may end with the '}' of a JSON-like top-level map; the lexer makes it a bare key.
    if (root.key && *root.key != "}") {
        throw ConfigError(root.key_position,
                          fmt::format("config is invalid: key \"{}\" has no value", *root.key));
    }
}

ConfValue Parser::convertInteger(const ConfToken& token) const {
    const std::string& text = token.text;
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) ||
                                    text[digits] == '-')) {
        ++digits;
    }
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
    if (ec == std::errc::result_out_of_range) {
        throw ConfigError(at(token.offset), fmt::format("integer '{}' is out of the range", text));
    }
    if (ec != std::errc() || end != text.data() + digits) {
        throw ConfigError(at(token.offset), fmt::format("expected integer, but got '{}'", text));
    }
    const std::string suffix = lowerAscii(text.substr(digits));
    int power = 0;
    std::int64_t base = 1000;
    static constexpr std::string_view kPowers = "kmgtpe";
    if (!suffix.empty()) {
        const std::size_t index = kPowers.find(suffix[0]);
        const std::string_view rest = std::string_view(suffix).substr(1);
        if (index == std::string_view::npos) {
            throw ConfigError(at(token.offset), fmt::format("expected integer, but got '{}'", text));
        }
        power = static_cast<int>(index) + 1;
        if (rest == "b" || rest == "i" || rest == "ib") {
            base = 1024;
        } else if (!rest.empty()) {
            throw ConfigError(at(token.offset), fmt::format("expected integer, but got '{}'", text));
        }
    }
    for (int i = 0; i < power; ++i) {
        if (__builtin_mul_overflow(number, base, &number)) {
            throw ConfigError(at(token.offset),
                              fmt::format("integer '{}' is out of the range", text));
        }
    }
    return ConfValue(number, at(token.offset));
}

ConfValue Parser::convertFloat(const ConfToken& token) const {
    const std::string& text = token.text;
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc::result_out_of_range) {
        // The lexer allows no exponent, so only a huge integer part overflows; tiny values
        // round to zero as Go's strconv.ParseFloat does.
        const bool tiny = text.find_first_not_of("-0") == text.find('.');
        if (!tiny) {
            throw ConfigError(at(token.offset), fmt::format("float '{}' is out of the range", text));
        }
        number = text.starts_with('-') ? -0.0 : 0.0;
    } else if (ec != std::errc() || end != text.data() + text.size()) {
        throw ConfigError(at(token.offset), fmt::format("expected float, but got '{}'", text));
    }
    return ConfValue(number, at(token.offset));
}

ConfValue Parser::convertDateTime(const ConfToken& token) const {
    using namespace std::chrono;
    const std::string& text = token.text;  // the lexer checked the shape 2006-01-02T15:04:05Z
    const auto field = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        std::from_chars(text.data() + pos, text.data() + pos + len, v);
        return v;
    };
    const year_month_day date{year{field(0, 4)}, month{static_cast<unsigned>(field(5, 2))},
                              day{static_cast<unsigned>(field(8, 2))}};
    const int hh = field(11, 2);
    const int mm = field(14, 2);
    const int ss = field(17, 2);
    if (text.size() != 20 || !date.ok() || hh > 23 || mm > 59 || ss > 59) {
        throw ConfigError(at(token.offset),
                          fmt::format("expected Zulu formatted DateTime, but got '{}'", text));
    }
    const ConfDateTime when = sys_days(date) + hours(hh) + minutes(mm) + seconds(ss);
    return ConfValue(when, at(token.offset));
}

ConfValue Parser::lookupVariable(const ConfToken& token) {
    const std::string& name = token.text;
    const Position where = at(token.offset);
    // A raw bcrypt hash ("$2a$11$...") is a string, not a variable.
    if (name.starts_with("2a$")) return ConfValue("$" + name, where);

    for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
        if (!frame->value.isMap()) continue;
        if (ConfMapEntry* entry = frame->value.asMap().find(name)) {
            shared_.copied_values += countValues(entry->value);
            if (shared_.copied_values > kMaxCopiedValues) {
                throw ConfigError(where, fmt::format("variable references copy more than {} "
                                                     "values",
                                                     kMaxCopiedValues));
            }
            entry->value.setUsedAsVariable(true);
            ConfValue copy = entry->value;
            copy.setUsedAsVariable(false);
            copy.setPosition(where);
            return copy;
        }
    }
    return lookupEnvironment(name, where);
}

ConfValue Parser::lookupEnvironment(const std::string& name, const Position& where) {
    if (shared_.env_references.contains(name)) {
        throw ConfigError(where, fmt::format("variable reference for '{}' could not be parsed: "
                                             "variable reference cycle for '{}'",
                                             name, name));
    }
    const char* text = std::getenv(name.c_str());
    if (text == nullptr) {
        throw ConfigError(where, fmt::format("variable reference for '{}' can not be found", name));
    }
    // The value is parsed as a config value would be: "4222" is an integer, "{a: 1}" a map.
    shared_.env_references.insert(name);
    ConfValue parsed;
    try {
        Parser sub(fmt::format("pk={}", text), file_, ".", options_, shared_);
        parsed = sub.run();
    } catch (const ConfigError& e) {
        shared_.env_references.erase(name);
        throw ConfigError(where, fmt::format("variable reference for '{}' could not be parsed: {}",
                                             name, e.problem()));
    }
    shared_.env_references.erase(name);
    ConfMapEntry* entry = parsed.asMap().find("pk");
    if (entry == nullptr) {
        throw ConfigError(where, fmt::format("variable reference for '{}' can not be found", name));
    }
    ConfValue value = std::move(entry->value);
    restamp(value, where);
    return value;
}

void Parser::include(const ConfToken& token) {
    const Position where = at(token.offset);
    if (!options_.allow_include) throw ConfigError(where, "include is not allowed here");
    const std::string path = goJoin(base_dir_, token.text);
    const std::string identity = identityOf(path);
    if (std::find(shared_.include_chain.begin(), shared_.include_chain.end(), identity) !=
        shared_.include_chain.end()) {
        throw ConfigError(where, fmt::format("error parsing include file '{}', include cycle "
                                             "through {}",
                                             token.text, path));
    }
    std::string text;
    try {
        text = readFile(path);
    } catch (const ConfigError& e) {
        throw ConfigError(where, fmt::format("error parsing include file '{}', {}", token.text,
                                             e.problem()));
    }
    // An included file has its own variable scope, as in nats-server.
    SharedState included_state;
    included_state.include_chain = shared_.include_chain;
    included_state.include_chain.push_back(identity);
    Parser sub(text, path, goDir(path), options_, included_state);
    ConfValue included = sub.run();
    for (const ConfMapEntry& entry : included.asMap()) {
        Frame& frame = frames_.back();
        frame.value.asMap().set(entry.key, entry.key_position, entry.value);
    }
}

}  // namespace

ConfValue parseConfigFile(const std::string& path, const ParseOptions& options) {
    const std::string text = readFile(path);
    SharedState shared;
    shared.include_chain.push_back(identityOf(path));
    Parser parser(text, path, goDir(path), options, shared);
    return parser.run();
}

ConfValue parseConfigString(std::string_view text, const std::string& name,
                            const ParseOptions& options) {
    SharedState shared;
    if (!name.empty()) shared.include_chain.push_back(identityOf(name));
    Parser parser(text, name, goDir(name), options, shared);
    return parser.run();
}

}  // namespace nwb::config
