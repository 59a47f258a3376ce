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

}  // namespace nwb::ui
