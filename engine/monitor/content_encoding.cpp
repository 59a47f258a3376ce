// gzip through Boost.Beast's deflate (no other library), snappy as the framing format's
// stream identifier followed by uncompressed-data chunks, which every snappy reader accepts.
#include "engine/monitor/content_encoding.h"

#include <boost/beast/zlib/deflate_stream.hpp>
#include <boost/crc.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace nwb::monitor {
namespace {

void appendLe32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::string gzip(std::string_view payload) {
    // RFC 1952: header (no name, no time, unknown OS as Go writes it), raw deflate, CRC-32, size.
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    boost::beast::zlib::deflate_stream deflate;
    deflate.reset(6, 15, 8, boost::beast::zlib::Strategy::normal);
    const std::size_t header = out.size();
    out.resize(header + deflate.upper_bound(payload.size()) + 64);
    boost::beast::zlib::z_params zs;
    zs.next_in = payload.data();
    zs.avail_in = payload.size();
    zs.next_out = out.data() + header;
    zs.avail_out = out.size() - header;
    boost::system::error_code ec;
    deflate.write(zs, boost::beast::zlib::Flush::finish, ec);
    out.resize(header + zs.total_out);
    boost::crc_32_type crc;
    crc.process_bytes(payload.data(), payload.size());
    appendLe32(out, crc.checksum());
    appendLe32(out, static_cast<std::uint32_t>(payload.size()));
    return out;
}

std::string snappyFramed(std::string_view payload) {
    constexpr std::size_t kMaxChunk = 65536;
    std::string out("\xff\x06\x00\x00sNaPpY", 10);
    for (std::size_t at = 0; at < payload.size(); at += kMaxChunk) {
        const std::string_view chunk = payload.substr(at, kMaxChunk);
        boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc32c;
        crc32c.process_bytes(chunk.data(), chunk.size());
        const std::uint32_t c = crc32c.checksum();
        const std::uint32_t masked = ((c >> 15) | (c << 17)) + 0xa282ead8u;
        const auto length = static_cast<std::uint32_t>(chunk.size() + 4);
        out.push_back('\x01');  // uncompressed data
        for (int i = 0; i < 3; ++i) out.push_back(static_cast<char>((length >> (8 * i)) & 0xff));
        appendLe32(out, masked);
        out.append(chunk);
    }
    return out;
}

}  // namespace

ContentEncoding acceptedEncoding(std::string_view headers) {
    // nats-server's getHeader: the first "\r\nAccept-Encoding:" line, leading spaces skipped.
    constexpr std::string_view kKey = "\r\nAccept-Encoding:";
    const std::size_t at = headers.find(kKey);
    if (at == std::string_view::npos) return ContentEncoding::None;
    std::string_view value = headers.substr(at + kKey.size());
    value = value.substr(0, value.find("\r\n"));
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (value.empty()) return ContentEncoding::None;
    std::string lower(value);
    std::ranges::transform(lower, lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("snappy") != std::string::npos || lower.find("s2") != std::string::npos) {
        return ContentEncoding::Snappy;
    }
    if (lower.find("gzip") != std::string::npos) return ContentEncoding::Gzip;
    return ContentEncoding::Identity;
}

std::string contentEncodingHeaders(ContentEncoding encoding) {
    switch (encoding) {
        case ContentEncoding::None:
            return {};
        case ContentEncoding::Gzip:
            return "NATS/1.0\r\nContent-Encoding: gzip\r\n\r\n";
        case ContentEncoding::Snappy:
            return "NATS/1.0\r\nContent-Encoding: snappy\r\n\r\n";
        case ContentEncoding::Identity:
            return "NATS/1.0\r\nContent-Encoding: identity\r\n\r\n";
    }
    return {};
}

std::string encodePayload(ContentEncoding encoding, std::string_view payload) {
    if (payload.empty()) return {};
    switch (encoding) {
        case ContentEncoding::Gzip:
            return gzip(payload);
        case ContentEncoding::Snappy:
            return snappyFramed(payload);
        case ContentEncoding::None:
        case ContentEncoding::Identity:
            break;
    }
    return std::string(payload);
}

}  // namespace nwb::monitor
