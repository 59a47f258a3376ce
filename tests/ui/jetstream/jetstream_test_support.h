// Shared by the Streams view's live tests: $JS.API requests through libnats and a wait for a
// NatsSession to connect.
#pragma once

#include "tests/integration/nats_test_support.h"
#include "ui/client/nats_session.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <string>

namespace nwb::test {

/// The JSON reply to a $JS.API request (or any request), or an empty object when none came.
inline QJsonObject jsApi(natsConnection* nc, const std::string& subject, const QByteArray& body) {
    natsMsg* reply = nullptr;
    if (natsConnection_Request(&reply, nc, subject.c_str(), body.constData(),
                               static_cast<int>(body.size()), 5000) != NATS_OK) {
        return {};
    }
    const QByteArray payload(natsMsg_GetData(reply), natsMsg_GetDataLength(reply));
    natsMsg_Destroy(reply);
    return QJsonDocument::fromJson(payload).object();
}

/// Publishes `count` messages "hello" on `subject` and waits for each stream's PubAck.
inline bool jsPublish(natsConnection* nc, const std::string& subject, int count) {
    for (int i = 0; i < count; ++i) {
        const QJsonObject ack = jsApi(nc, subject, QByteArrayLiteral("hello"));
        if (!ack.contains(u"seq")) return false;
    }
    return true;
}

inline bool openSession(ui::NatsSession& session, const std::string& url) {
    ui::ConnectionProfile profile;
    profile.name = QStringLiteral("streams-test");
    profile.urls = {QString::fromStdString(url)};
    session.open(profile);
    return QTest::qWaitFor([&] { return session.state() == ui::SessionState::Connected; }, 10000);
}

}  // namespace nwb::test
