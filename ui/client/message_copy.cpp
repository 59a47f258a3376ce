// Between libnats messages and the UI's.
#include "ui/client/message_copy.h"

#include <cstdlib>

namespace nwb::ui {

ReceivedMessage copyMessage(natsMsg* msg) {
    ReceivedMessage out;
    out.subject = QString::fromUtf8(natsMsg_GetSubject(msg));
    if (const char* reply = natsMsg_GetReply(msg); reply != nullptr)
        out.reply = QString::fromUtf8(reply);
    const int length = natsMsg_GetDataLength(msg);
    if (length > 0) out.payload = QByteArray(natsMsg_GetData(msg), length);

    const char** keys = nullptr;
    int key_count = 0;
    if (natsMsgHeader_Keys(msg, &keys, &key_count) == NATS_OK) {
        for (int k = 0; k < key_count; ++k) {
            const char** values = nullptr;
            int value_count = 0;
            if (natsMsgHeader_Values(msg, keys[k], &values, &value_count) != NATS_OK) continue;
            const QString key = QString::fromUtf8(keys[k]);
            for (int v = 0; v < value_count; ++v)
                out.headers.append({key, QString::fromUtf8(values[v])});
            std::free(static_cast<void*>(values));
        }
        std::free(static_cast<void*>(keys));
    }
    return out;
}

std::expected<NatsMsgPtr, QString> makeMessage(const QString& subject, const QString& reply,
                                               const HeaderList& headers,
                                               const QByteArray& payload) {
    ensureNatsOpen();
    const QByteArray subject_utf8 = subject.toUtf8();
    const QByteArray reply_utf8 = reply.toUtf8();
    natsMsg* raw = nullptr;
    natsStatus status = natsMsg_Create(&raw, subject_utf8.constData(),
                                       reply.isEmpty() ? nullptr : reply_utf8.constData(),
                                       payload.constData(), static_cast<int>(payload.size()));
    if (status != NATS_OK) return std::unexpected(natsErrorText(status));
    NatsMsgPtr msg(raw);
    for (const auto& [key, value] : headers) {
        status = natsMsgHeader_Add(raw, key.toUtf8().constData(), value.toUtf8().constData());
        if (status != NATS_OK) return std::unexpected(natsErrorText(status));
    }
    return msg;
}

}  // namespace nwb::ui
