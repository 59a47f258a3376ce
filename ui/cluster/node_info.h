// A GUI-side copy of one embedded node's status, as the cluster panel and navigator show it.
#pragma once

#include <QColor>
#include <QMetaType>
#include <QString>

namespace nwb::ui {

enum class NodeRunState { Stopped, Starting, Running, Stopping, Killed, Failed };

struct NodeInfo {
    QString name;
    NodeRunState state = NodeRunState::Stopped;
    QString error;  ///< why it failed (Failed only)
    int port = 0;
    int monitor_port = 0;
    QString server_id;

    QString clientUrl() const { return QStringLiteral("nats://127.0.0.1:%1").arg(port); }
    QString monitorUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(monitor_port); }
};

/// The state as the UI names it, translated.
QString nodeRunStateText(NodeRunState state);
/// Green running, amber in transition, red killed or failed, grey stopped.
QColor nodeRunStateColour(NodeRunState state);

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::NodeInfo)
