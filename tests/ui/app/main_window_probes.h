// Shared by the workbench window tests: what a MainWindow shows of its nodes, sessions and
// command palette.
#pragma once

#include "ui/app/main_window.h"
#include "ui/app/session_registry.h"
#include "ui/cluster/cluster_controller.h"

#include <QAction>
#include <QString>

namespace nwb::test {

/// Whether embedded node `name` is in `state`.
inline bool nodeIs(ui::MainWindow& window, const QString& name, ui::NodeRunState state) {
    const ui::NodeInfo* n = window.cluster()->find(name);
    return n && n->state == state;
}

/// Whether the session of `target` ("node:n1", "profile:3") is connected.
inline bool connected(ui::MainWindow& window, const QString& target) {
    ui::NatsSession* session = window.sessions()->find(target);
    return session && session->state() == ui::SessionState::Connected;
}

/// The command palette's action with this text, or null.
inline QAction* paletteCommand(ui::MainWindow& window, const QString& text) {
    for (QAction* action : window.commands())
        if (action->text() == text) return action;
    return nullptr;
}

}  // namespace nwb::test
