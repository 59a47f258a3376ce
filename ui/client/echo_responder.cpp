#include "ui/client/echo_responder.h"

#include "ui/client/connection_handle.h"
#include "ui/client/nats_support.h"

#include <nats/nats.h>

namespace nwb::ui {
namespace {

// No closure: everything needed comes with the message, so late callbacks touch nothing of ours.
void echo(natsConnection* nc, natsSubscription*, natsMsg* msg, void*) {
    if (const char* reply = natsMsg_GetReply(msg); reply && *reply)
        natsConnection_Publish(nc, reply, natsMsg_GetData(msg), natsMsg_GetDataLength(msg));
    natsMsg_Destroy(msg);
}

}  // namespace

std::expected<std::unique_ptr<EchoResponder>, QString> EchoResponder::start(
    std::shared_ptr<ConnectionHandle> connection, const QString& subject) {
    natsSubscription* sub = nullptr;
    const natsStatus status =
        natsConnection_Subscribe(&sub, connection->get(), subject.toUtf8().constData(), echo, nullptr);
    if (status != NATS_OK) return std::unexpected(natsErrorText(status));
    std::unique_ptr<EchoResponder> responder(new EchoResponder);
    responder->connection_ = std::move(connection);
    responder->sub_ = sub;
    responder->subject_ = subject;
    return responder;
}

EchoResponder::~EchoResponder() { ConnectionHandle::retire(connection_, sub_); }

}  // namespace nwb::ui
