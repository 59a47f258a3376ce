#include "ui/cluster/node_info.h"

#include <QCoreApplication>

namespace nwb::ui {

QString nodeRunStateText(NodeRunState state) {
    switch (state) {
        case NodeRunState::Stopped: return QCoreApplication::translate("nwb::ui::Node", "stopped");
        case NodeRunState::Starting: return QCoreApplication::translate("nwb::ui::Node", "starting");
        case NodeRunState::Running: return QCoreApplication::translate("nwb::ui::Node", "running");
        case NodeRunState::Stopping: return QCoreApplication::translate("nwb::ui::Node", "stopping");
        case NodeRunState::Killed: return QCoreApplication::translate("nwb::ui::Node", "killed");
        case NodeRunState::Failed: return QCoreApplication::translate("nwb::ui::Node", "failed");
    }
    return {};
}

QColor nodeRunStateColour(NodeRunState state) {
    switch (state) {
        case NodeRunState::Running: return QColor(0x2e, 0x9d, 0x4f);
        case NodeRunState::Killed:
        case NodeRunState::Failed: return QColor(0xd0, 0x3b, 0x3b);
        case NodeRunState::Starting:
        case NodeRunState::Stopping: return QColor(0xd9, 0x8a, 0x1c);
        case NodeRunState::Stopped: break;
    }
    return QColor(0x80, 0x80, 0x80);
}

}  // namespace nwb::ui
