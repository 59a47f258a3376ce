// Between libnats messages and the UI's: copying a natsMsg out, building one to send.
#pragma once

#include "ui/client/nats_support.h"
#include "ui/client/received_message.h"

#include <QByteArray>
#include <QString>

#include <expected>

namespace nwb::ui {

/// Copies subject, reply, headers and payload; sequence and received_ms stay 0. Headers keep
/// libnats' key order (it does not keep the wire order of keys) and, per key, the values in
/// the order they arrived. Any thread; the message stays the caller's.
ReceivedMessage copyMessage(natsMsg* msg);

/// A message ready for natsConnection_PublishMsg / RequestMsg, or libnats' reason why not.
/// Any thread.
std::expected<NatsMsgPtr, QString> makeMessage(const QString& subject, const QString& reply,
                                               const HeaderList& headers,
                                               const QByteArray& payload);

}  // namespace nwb::ui
