// For JetStream tests against a server process: its options over a temporary store directory,
// raw $JS.API requests and publishes that wait for their PubAck.
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

/// Publishes as a request (with an optional header) and returns the PubAck body.
inline std::string jsPublish(natsConnection* nc, const char* subject, const std::string& payload,
                             const char* header_key = nullptr, const char* header_value = nullptr) {
    natsMsg* raw = nullptr;
    if (natsMsg_Create(&raw, subject, nullptr, payload.data(), static_cast<int>(payload.size())) !=
        NATS_OK) {
        return "<create failed>";
    }
    MsgPtr msg(raw);
    if (header_key != nullptr) natsMsgHeader_Set(msg.get(), header_key, header_value);
    natsMsg* reply = nullptr;
    const natsStatus s = natsConnection_RequestMsg(&reply, nc, msg.get(), kWaitMs);
    if (s != NATS_OK) return std::string("<") + natsStatus_GetText(s) + ">";
    MsgPtr owned(reply);
    return msgData(owned.get());
}

}  // namespace nwb::test
