#include "ui/app/session_registry.h"

namespace nwb::ui {

SessionRegistry::SessionRegistry(QObject* parent) : QObject(parent) {}

NatsSession* SessionRegistry::session(const QString& target, const ConnectionProfile& profile) {
    if (NatsSession* existing = sessions_.value(target)) {
        if (existing->profile().urls != profile.urls &&
            existing->state() != SessionState::Connected)
            existing->open(profile);
        return existing;
    }
    auto* session = new NatsSession(this);
    sessions_.insert(target, session);
    connect(session, &NatsSession::stateChanged, this,
            [this, target](SessionState state) { Q_EMIT stateChanged(target, state); });
    connect(session, &NatsSession::errorReported, this,
            [this, target](const QString& text) { Q_EMIT errorReported(target, text); });
    session->open(profile);
    return session;
}

NatsSession* SessionRegistry::find(const QString& target) const { return sessions_.value(target); }

void SessionRegistry::remove(const QString& target) {
    NatsSession* session = sessions_.take(target);
    if (!session) return;
    session->disconnect(this);
    session->close();
    session->deleteLater();
}

}  // namespace nwb::ui
