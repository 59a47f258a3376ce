// Request-reply round trips through the server, once a second: a private responder on
// _nwb.probe.<random> and a request to it over the same session.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QTimer;

namespace nwb::ui {

class EchoResponder;
class NatsSession;

class LatencyProbe : public QObject {
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 1000;
    static constexpr int kTimeoutMs = 900;

    /// GUI thread. The probe does not own `session`.
    explicit LatencyProbe(NatsSession* session, QObject* parent = nullptr);
    ~LatencyProbe() override;

    /// Probes once a second while the session is connected (and resumes after a reconnect).
    /// GUI thread; returns at once.
    void start();
    /// Stops probing and drops the responder. GUI thread.
    void stop();
    bool isActive() const { return active_; }
    /// The responder's subject, unique to this probe.
    const QString& subject() const { return subject_; }

signals:
    /// One round trip: publish of the request to arrival of the reply, in microseconds.
    void rttMeasured(qint64 rtt_us);
    /// A probe that failed (timeout, no responders...).
    void errorReported(const QString& text);

private:
    void onSessionState();
    void probe();

    QPointer<NatsSession> session_;
    QTimer* timer_;
    QString subject_;
    std::shared_ptr<EchoResponder> responder_;
    bool active_ = false;
    bool in_flight_ = false;
    quint64 generation_ = 0;  ///< replies to requests sent before the last stop() are ignored
};

}  // namespace nwb::ui
