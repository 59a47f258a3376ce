// For JetStream tests against a server process: its options over a temporary store directory,
// and raw $JS.API requests.
#pragma once

#include <QTemporaryDir>

#include <string>

#include "tests/integration/integration_test.h"

namespace nwb::test {

/// `-js -sd <dir>`.
inline ServerOptions jetStreamOptions(const QTemporaryDir& dir) {
    ServerOptions options;
    options.extra_args = {"-js", "-sd", dir.path().toStdString()};
    return options;
}

/// The reply to a $JS.API request, or "<status>" when there was none.
inline std::string apiRequest(natsConnection* nc, const std::string& subject,
                              const std::string& body) {
    natsMsg* raw = nullptr;
    const natsStatus s = natsConnection_Request(&raw, nc, subject.c_str(), body.data(),
                                                static_cast<int>(body.size()), kWaitMs);
    if (s != NATS_OK) return std::string("<") + natsStatus_GetText(s) + ">";
    MsgPtr msg(raw);
    return msgData(msg.get());
}

}  // namespace nwb::test
