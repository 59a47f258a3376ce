// Request-reply round trips through the server, once a second.
#include "ui/monitoring/latency_probe.h"

#include "ui/client/echo_responder.h"
#include "ui/client/nats_session.h"

#include <QRandomGenerator>
#include <QTimer>

namespace nwb::ui {

LatencyProbe::LatencyProbe(NatsSession* session, QObject* parent)
    : QObject(parent),
      session_(session),
      timer_(new QTimer(this)),
      subject_(QStringLiteral("_nwb.probe.%1")
                   .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'))) {
    timer_->setInterval(kIntervalMs);
    connect(timer_, &QTimer::timeout, this, &LatencyProbe::probe);
    if (session_) {
        connect(session_, &NatsSession::stateChanged, this, &LatencyProbe::onSessionState);
    }
}

LatencyProbe::~LatencyProbe() = default;

void LatencyProbe::start() {
    if (active_) return;
    active_ = true;
    onSessionState();
}

void LatencyProbe::stop() {
    active_ = false;
    ++generation_;
    in_flight_ = false;
    timer_->stop();
    responder_.reset();
}

void LatencyProbe::onSessionState() {
    if (!active_ || !session_) return;
    const SessionState state = session_->state();
    if (state != SessionState::Connected) {
        // A reply to a request of the lost connection may still be queued: it is not a
        // measurement of this one (and a closed session reports nothing more).
        ++generation_;
        in_flight_ = false;
    }
    if (state == SessionState::Reconnecting) {
        timer_->stop();  // libnats keeps the responder's subscription across a reconnect
        return;
    }
    if (state != SessionState::Connected) {
        timer_->stop();
        responder_.reset();
        return;
    }
    if (!responder_) {
        responder_ = session_->echoResponder(subject_);
        if (!responder_) {
            emit errorReported(tr("latency probe: %1").arg(session_->lastError()));
            return;
        }
    }
    if (!timer_->isActive()) {
        timer_->start();
        probe();
    }
}

void LatencyProbe::probe() {
    if (in_flight_ || !session_ || session_->state() != SessionState::Connected || !responder_) {
        return;
    }
    in_flight_ = true;
    const quint64 generation = generation_;
    session_->request(subject_, {}, QByteArrayLiteral("probe"), kTimeoutMs, this,
                      [this, generation](const RequestResult& result) {
                          if (generation != generation_) return;
                          in_flight_ = false;
                          if (result.ok) {
                              emit rttMeasured(result.rtt_us);
                          } else {
                              emit errorReported(tr("latency probe: %1").arg(result.error));
                          }
                      });
}

}  // namespace nwb::ui
