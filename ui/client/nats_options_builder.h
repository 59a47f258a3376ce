// natsOptions from a ConnectionProfile: servers, credentials and TLS, shared by the session and
// the connection tester.
#pragma once

#include "ui/client/connection_profile.h"
#include "ui/client/nats_support.h"
#include "ui/client/nkey_signer.h"

#include <QString>

#include <expected>
#include <memory>

namespace nwb::ui {

struct BuiltNatsOptions {
    NatsOptionsPtr options;
    /// Set for AuthKind::NkeySeed: the signature closure; must outlive every connection made
    /// with `options`.
    std::unique_ptr<NkeySigner> signer;
};

/// What differs between a long-lived session and a one-shot test.
struct ConnectBehaviour {
    bool reconnect = true;  ///< forever, one attempt a second
    int timeout_ms = 5000;  ///< for each connect attempt
};

/// The connection name every workbench connection announces.
inline constexpr const char* kClientName = "nats-workbench";

/// Options for `profile`, or libnats' reason why they cannot be built (a missing certificate
/// file, an invalid seed, ...). Any thread; does not block on the network.
std::expected<BuiltNatsOptions, QString> buildNatsOptions(const ConnectionProfile& profile,
                                                          const ConnectBehaviour& behaviour);

}  // namespace nwb::ui
