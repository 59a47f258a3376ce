// One NatsSession per server the user works with: embedded nodes and saved connections.
#pragma once

#include "ui/client/connection_profile.h"
#include "ui/client/nats_session.h"

#include <QHash>
#include <QObject>

namespace nwb::ui {

class SessionRegistry : public QObject {
    Q_OBJECT
public:
    explicit SessionRegistry(QObject* parent = nullptr);

    /// The session for `target` ("node:n1", "profile:7"), opened with `profile` if new; a
    /// session whose profile changed (another port, say) is reopened. GUI thread.
    NatsSession* session(const QString& target, const ConnectionProfile& profile);
    /// The session if it exists, else null.
    NatsSession* find(const QString& target) const;
    /// Closes and deletes the session (later, via deleteLater). GUI thread.
    void remove(const QString& target);
    QStringList targets() const { return sessions_.keys(); }

signals:
    void stateChanged(const QString& target, nwb::ui::SessionState state);
    void errorReported(const QString& target, const QString& text);

private:
    QHash<QString, NatsSession*> sessions_;
};

}  // namespace nwb::ui
