// The compression nats-server 2.9.10 applies to a $SYS request's reply when the request carries
// an Accept-Encoding header: gzip, or the snappy framing format.
#pragma once

#include <string>
#include <string_view>

namespace nwb::monitor {

enum class ContentEncoding { None, Gzip, Snappy, Identity };

/// From the request's "NATS/1.0" header block, as nats-server's getAcceptEncoding: "snappy" or
/// "s2" anywhere in the value first, then "gzip"; another value is Identity, none is None.
/// Any thread; pure.
ContentEncoding acceptedEncoding(std::string_view headers);

/// The reply's "NATS/1.0" header block naming `encoding` ("" for None). Any thread; pure.
std::string contentEncodingHeaders(ContentEncoding encoding);

/// `payload` encoded as `encoding` says (unchanged for None and Identity). Any thread.
std::string encodePayload(ContentEncoding encoding, std::string_view payload);

}  // namespace nwb::monitor
