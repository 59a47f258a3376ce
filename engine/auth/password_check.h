// Password and token comparison as nats-server does it: bcrypt when the configured value is a hash.
#pragma once

#include <string_view>

namespace nwb::auth {

/// True when `configured` looks like a bcrypt hash (`^\$2[abxy]\$\d{2}\$`), as nats-server's
/// isBcrypt. Any thread.
bool isBcryptHash(std::string_view configured);

/// Does the client-supplied password or token match the configured one? A bcrypt `configured` is
/// bcrypt-compared (any of $2a$/$2b$/$2x$/$2y$, computed as nats-server's Go bcrypt does);
/// anything else is compared in constant time for equal lengths.
/// Any thread, concurrently; blocks for the bcrypt cost (about 2^cost Blowfish key setups).
bool passwordMatches(std::string_view configured, std::string_view provided);

}  // namespace nwb::auth
