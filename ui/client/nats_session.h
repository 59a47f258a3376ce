// A connection to one NATS server through libnats, for the GUI: every call returns at once,
// and everything libnats reports arrives as a queued signal on the thread owning this object.
#pragma once

#include "ui/client/connection_profile.h"
#include "ui/client/received_message.h"

#include <QObject>
#include <QString>

class QTimer;

#include <functional>
#include <memory>

namespace nwb::ui {

class ConnectionHandle;
class EchoResponder;
class LiveSubscription;

enum class SessionState { Disconnected, Connecting, Connected, Reconnecting, Closed };

/// The outcome of request(): a reply, or an error text (timeout, no responders, ...).
struct RequestResult {
    bool ok = false;
    QString error;  ///< empty when ok; "no responders available for request", "timeout", ...
    ReceivedMessage reply;  ///< valid when ok
    qint64 rtt_us = 0;      ///< from the publish to the reply, in microseconds
};

/// What the server told us in its INFO, and the connection figures libnats keeps.
struct SessionInfo {
    QString connected_url;
    QString server_id;
    qint64 max_payload = 0;
    bool headers = false;
    qint64 rtt_us = -1;  ///< last measured with natsConnection_GetRTT; -1 until measured
};

class NatsSession : public QObject {
    Q_OBJECT
public:
    /// GUI thread.
    explicit NatsSession(QObject* parent = nullptr);
    /// GUI thread; does not block: the connection is closed and destroyed on a worker thread.
    ~NatsSession() override;

    /// GUI thread, does not block. Starts connecting on a worker thread (state Connecting, then
    /// Connected or Closed with lastError()). Replaces any connection.
    void open(const ConnectionProfile& profile);
    /// GUI thread, does not block. Closes the connection; stateChanged(Closed) is emitted at once.
    void close();

    SessionState state() const { return state_; }
    const ConnectionProfile& profile() const { return profile_; }
    /// Valid once Connected; rtt_us is refreshed every few seconds while Connected.
    SessionInfo info() const;
    /// Text of the last connect or connection error; empty if none.
    QString lastError() const { return last_error_; }

    /// Subscribes to `subject` (wildcards allowed), optionally in a queue group. The returned
    /// object delivers coalesced batches (see LiveSubscription). Null if not connected; then
    /// lastError() says why. Unsubscribes when the last reference goes. Survives reconnects
    /// (libnats resubscribes) but not open() or close(): subscribe again after those.
    /// GUI thread, does not block.
    std::shared_ptr<LiveSubscription> subscribe(const QString& subject, const QString& queue = {});

    /// Publishes; false with lastError() set if not connected or refused by libnats. GUI thread;
    /// only copies into libnats' buffer (it writes to the socket itself when that is full).
    bool publish(const QString& subject, const QString& reply, const HeaderList& headers,
                 const QByteArray& payload);

    /// Sends a request on a worker thread; `done` runs on this object's thread with the result
    /// (not at all if this session is destroyed first). `context` bounds the callback's life.
    /// GUI thread, does not block.
    /// Answers every request on `subject` with its own payload, from libnats' thread (no GUI
    /// hop, so round trips through it measure the network and the server). Null if not
    /// connected. Unsubscribes when the last reference goes. GUI thread.
    std::shared_ptr<EchoResponder> echoResponder(const QString& subject);

    void request(const QString& subject, const HeaderList& headers, const QByteArray& payload,
                 int timeout_ms, QObject* context, std::function<void(const RequestResult&)> done);

signals:
    void stateChanged(nwb::ui::SessionState state);
    /// A connection-level error or notice from libnats (slow consumer, permission violation...).
    void errorReported(const QString& text);

private:
    struct Shared;  // lives as long as any libnats callback can still fire
    struct Link;    // the closure of one connection's libnats callbacks
    friend struct Link;

    void setState(SessionState state);
    void dropConnection();
    void measureRtt();
    void onConnected(quint64 generation, std::shared_ptr<ConnectionHandle> connection,
                     const SessionInfo& info);
    void onConnectFailed(quint64 generation, const QString& error);
    void onDisconnected(quint64 generation, const QString& error);
    void onReconnected(quint64 generation, const SessionInfo& info);
    void onClosed(quint64 generation, const QString& error);
    void onAsyncError(quint64 generation, const QString& error);

    ConnectionProfile profile_;
    SessionState state_ = SessionState::Disconnected;
    QString last_error_;
    std::shared_ptr<Shared> shared_;
    std::shared_ptr<ConnectionHandle> connection_;  ///< while Connected or Reconnecting
    quint64 generation_ = 0;                        ///< bumped by open() and close()
    SessionInfo info_;
    QTimer* rtt_timer_ = nullptr;
};

/// Registers the metatypes of this module's signals (idempotent). Any thread.
void registerClientMetaTypes();

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::SessionState)
Q_DECLARE_METATYPE(nwb::ui::RequestResult)
