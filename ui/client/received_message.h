// One message as the UI keeps it: copied out of libnats on its thread, then owned by the GUI.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace nwb::ui {

/// Header fields in wire order; a key may repeat.
using HeaderList = QList<QPair<QString, QString>>;

struct ReceivedMessage {
    quint64 sequence = 0;    ///< arrival number within its subscription, from 1
    qint64 received_ms = 0;  ///< wall clock at arrival, ms since the epoch
    QString subject;
    QString reply;
    HeaderList headers;
    QByteArray payload;
};

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::ReceivedMessage)
