// nats-server's exact -ERR texts for permission violations (client.go, 2.9.10), without the quotes
// of -ERR '…'.
#pragma once

#include <string>
#include <string_view>

namespace nwb::auth {

/// `s` quoted as Go's %q does: `"` and `\` escaped, control bytes as \a \b \f \n \r \t \v or \xNN,
/// invalid UTF-8 as \xNN, and non-printable code points (C1 controls, format characters, spaces
/// other than ' ', private use) as \uNNNN. Other UTF-8 is kept. Any thread.
std::string goQuote(std::string_view s);

/// `Permissions Violation for Publish to "<subject>"`. Any thread.
std::string publishViolation(std::string_view subject);

/// `Permissions Violation for Subscription to "<subject>"`, plus ` using queue "<queue>"` when
/// `queue` is not empty. Any thread.
std::string subscribeViolation(std::string_view subject, std::string_view queue = {});

/// `Permissions Violation for Publish with Reply of "<reply>"`. Any thread.
std::string publishWithReplyViolation(std::string_view reply);

}  // namespace nwb::auth
