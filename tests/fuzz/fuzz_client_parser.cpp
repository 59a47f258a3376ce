// Fuzzes the client protocol parser: any bytes, split at a point the input chooses, must parse
// without crashing, and the split parse must report the same events as the whole parse.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/protocol/client_parser.h"

namespace {

/// Folds every event into one string, so two parses can be compared.
class Digest final : public nwb::protocol::ClientParserHandler {
public:
    std::string log;
    bool onConnect(std::string_view j) override { return add('C', j); }
    bool onPubArgs(const nwb::protocol::PubArgs& a) override { return add('A', a.subject); }
    bool onMsg(const nwb::protocol::PubArgs& a, std::string_view d) override {
        add('M', a.subject);
        add('R', a.reply);
        return add('D', d);
    }
    bool onSub(std::string_view s, std::string_view q, std::string_view i) override {
        add('S', s);
        add('Q', q);
        return add('I', i);
    }
    bool onUnsub(std::string_view s, std::int64_t m) override {
        return add('U', std::string(s) + "/" + std::to_string(m));
    }
    bool onPing() override { return add('P', {}); }
    bool onPong() override { return add('O', {}); }
    bool onInfo(std::string_view j) override { return add('N', j); }
    bool onErr(std::string_view t) override { return add('E', t); }
    bool onOpBeforeConnect() override { return true; }

private:
    bool add(char tag, std::string_view v) {
        log.push_back(tag);
        log.append(std::to_string(v.size()));
        log.push_back(':');
        log.append(v);
        return true;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t cut = data[0] % size;
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

    nwb::protocol::ClientParser whole(256, 4096);
    whole.setHeadersAllowed(true);
    Digest a;
    const auto status_whole = whole.parse(input, a);

    nwb::protocol::ClientParser split(256, 4096);
    split.setHeadersAllowed(true);
    Digest b;
    auto status_split = split.parse(input.substr(0, std::min(cut, input.size())), b);
    if (status_split == nwb::protocol::ParseStatus::Ok && cut < input.size()) {
        status_split = split.parse(input.substr(cut), b);
    }
    // The control-line limit on a partial line is checked on what has arrived so far, so a
    // split can fail earlier than the whole; every other outcome must agree.
    if (status_whole != status_split &&
        status_split != nwb::protocol::ParseStatus::MaxControlLine) {
        std::abort();
    }
    if (status_whole == status_split && a.log != b.log) std::abort();
    return 0;
}
