// A libnats connection for the GUI: blocking calls run on natsWorkerPool(), and every libnats
// callback reaches the session as a queued call tagged with the connection's generation.
#include "ui/client/nats_session.h"

#include "ui/client/echo_responder.h"

#include "ui/client/connection_handle.h"
#include "ui/client/connection_tester.h"
#include "ui/client/live_subscription.h"
#include "ui/client/live_subscription_binding.h"
#include "ui/client/message_copy.h"
#include "ui/client/nats_options_builder.h"
#include "ui/client/nats_support.h"

#include <QDateTime>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <mutex>

namespace nwb::ui {
namespace {

constexpr int kRttIntervalMs = 5000;

}  // namespace

void registerClientMetaTypes() {
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<nwb::ui::SessionState>();
        qRegisterMetaType<nwb::ui::RequestResult>();
        qRegisterMetaType<nwb::ui::ReceivedMessage>();
        qRegisterMetaType<QList<nwb::ui::ReceivedMessage>>();
        qRegisterMetaType<nwb::ui::ConnectionProfile>();
        qRegisterMetaType<nwb::ui::ConnectionTestResult>();
    });
}

struct NatsSession::Shared {
    std::mutex mutex;
    NatsSession* owner = nullptr;  ///< null once the session is gone

    /// Runs `fn` on the session's thread, unless the session is gone by then. Any thread.
    void post(std::function<void(NatsSession&)> fn) {
        std::function<void(NatsSession&)> unused;  // destroyed outside the lock
        std::lock_guard lock(mutex);
        if (owner == nullptr) {
            unused = std::move(fn);
            return;
        }
        QMetaObject::invokeMethod(
            owner, [self = owner, fn = std::move(fn)] { fn(*self); }, Qt::QueuedConnection);
    }
};

/// Freed in the closed callback (or by the worker if the connect fails): libnats calls these
/// until then, whatever happened to the session.
struct NatsSession::Link {
    std::shared_ptr<Shared> shared;
    quint64 generation = 0;
    std::unique_ptr<NkeySigner> signer;  ///< signs the nonce on every reconnect

    static QString connectionError(natsConnection* nc) {
        const char* text = nullptr;
        natsConnection_GetLastError(nc, &text);
        return text == nullptr ? QString() : QString::fromUtf8(text);
    }

    static SessionInfo infoOf(natsConnection* nc) {
        SessionInfo info;
        char buffer[512];
        if (natsConnection_GetConnectedUrl(nc, buffer, sizeof buffer) == NATS_OK)
            info.connected_url = QString::fromUtf8(buffer);
        if (natsConnection_GetConnectedServerId(nc, buffer, sizeof buffer) == NATS_OK)
            info.server_id = QString::fromUtf8(buffer);
        info.max_payload = natsConnection_GetMaxPayload(nc);
        info.headers = natsConnection_HasHeaderSupport(nc) == NATS_OK;
        return info;
    }

    static void disconnected(natsConnection* nc, void* closure) {
        auto* link = static_cast<Link*>(closure);
        link->shared->post([g = link->generation, error = connectionError(nc)](NatsSession& s) {
            s.onDisconnected(g, error);
        });
    }
    static void reconnected(natsConnection* nc, void* closure) {
        auto* link = static_cast<Link*>(closure);
        link->shared->post([g = link->generation, info = infoOf(nc)](NatsSession& s) {
            s.onReconnected(g, info);
        });
    }
    static void closed(natsConnection* nc, void* closure) {
        auto* link = static_cast<Link*>(closure);
        link->shared->post([g = link->generation, error = connectionError(nc)](NatsSession& s) {
            s.onClosed(g, error);
        });
        delete link;
    }
    static void asyncError(natsConnection* nc, natsSubscription*, natsStatus status,
                           void* closure) {
        auto* link = static_cast<Link*>(closure);
        QString text = QString::fromUtf8(natsStatus_GetText(status));
        const QString detail = connectionError(nc);
        if (!detail.isEmpty() && detail != text) text += QStringLiteral(": ") + detail;
        link->shared->post(
            [g = link->generation, text](NatsSession& s) { s.onAsyncError(g, text); });
    }
};

NatsSession::NatsSession(QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()), rtt_timer_(new QTimer(this)) {
    registerClientMetaTypes();
    shared_->owner = this;
    rtt_timer_->setInterval(kRttIntervalMs);
    connect(rtt_timer_, &QTimer::timeout, this, &NatsSession::measureRtt);
}

NatsSession::~NatsSession() {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->owner = nullptr;
    }
    dropConnection();
}

void NatsSession::open(const ConnectionProfile& profile) {
    dropConnection();
    profile_ = profile;
    last_error_.clear();
    info_ = {};
    const quint64 generation = ++generation_;
    setState(SessionState::Connecting);

    natsWorkerPool().start([shared = shared_, generation, profile] {
        auto built = buildNatsOptions(profile, ConnectBehaviour{});
        if (!built) {
            shared->post([generation, error = built.error()](NatsSession& s) {
                s.onConnectFailed(generation, error);
            });
            return;
        }
        natsOptions* o = built->options.get();
        auto* link = new Link{shared, generation, std::move(built->signer)};
        natsOptions_SetDisconnectedCB(o, &Link::disconnected, link);
        natsOptions_SetReconnectedCB(o, &Link::reconnected, link);
        natsOptions_SetClosedCB(o, &Link::closed, link);
        natsOptions_SetErrorHandler(o, &Link::asyncError, link);

        natsConnection* nc = nullptr;
        const natsStatus status = natsConnection_Connect(&nc, o);
        if (status != NATS_OK) {
            const QString error = natsErrorText(status);
            delete link;  // no callback fires for a connection that never was
            shared->post(
                [generation, error](NatsSession& s) { s.onConnectFailed(generation, error); });
            return;
        }
        auto connection = std::make_shared<ConnectionHandle>(nc);
        SessionInfo info = Link::infoOf(nc);
        int64_t rtt_ns = 0;
        if (natsConnection_GetRTT(nc, &rtt_ns) == NATS_OK) info.rtt_us = rtt_ns / 1000;
        shared->post([generation, connection = std::move(connection), info](NatsSession& s) {
            s.onConnected(generation, connection, info);
        });
    });
}

void NatsSession::close() {
    ++generation_;
    dropConnection();
    setState(SessionState::Closed);
}

SessionInfo NatsSession::info() const { return info_; }

std::shared_ptr<LiveSubscription> NatsSession::subscribe(const QString& subject,
                                                         const QString& queue) {
    if (!connection_) {
        last_error_ = tr("not connected");
        return nullptr;
    }
    std::shared_ptr<LiveSubscription> live(new LiveSubscription(subject, queue, nullptr));
    auto binding = LiveSubscription::Binding::subscribe(connection_, subject, queue, live->inbox_);
    if (!binding) {
        last_error_ = binding.error();
        return nullptr;
    }
    live->binding_ = std::move(*binding);
    return live;
}

bool NatsSession::publish(const QString& subject, const QString& reply, const HeaderList& headers,
                          const QByteArray& payload) {
    if (!connection_) {
        last_error_ = tr("not connected");
        return false;
    }
    auto msg = makeMessage(subject, reply, headers, payload);
    if (!msg) {
        last_error_ = msg.error();
        return false;
    }
    const natsStatus status = natsConnection_PublishMsg(connection_->get(), msg->get());
    if (status != NATS_OK) {
        last_error_ = natsErrorText(status);
        return false;
    }
    return true;
}

void NatsSession::request(const QString& subject, const HeaderList& headers,
                          const QByteArray& payload, int timeout_ms, QObject* context,
                          std::function<void(const RequestResult&)> done) {
    const bool has_context = context != nullptr;
    auto deliver = [has_context, guard = QPointer<QObject>(context), done = std::move(done)](
                       NatsSession&, const RequestResult& result) {
        if (has_context && guard.isNull()) return;
        if (done) done(result);
    };
    if (!connection_) {
        RequestResult result;
        result.error = tr("not connected");
        shared_->post([deliver, result](NatsSession& s) { deliver(s, result); });
        return;
    }
    natsWorkerPool().start([shared = shared_, connection = connection_, subject, headers, payload,
                            timeout_ms, deliver] {
        RequestResult result;
        auto msg = makeMessage(subject, {}, headers, payload);
        if (!msg) {
            result.error = msg.error();
        } else {
            natsMsg* reply = nullptr;
            const auto start = std::chrono::steady_clock::now();
            const natsStatus status =
                natsConnection_RequestMsg(&reply, connection->get(), msg->get(), timeout_ms);
            const auto elapsed = std::chrono::steady_clock::now() - start;
            if (status == NATS_OK) {
                result.ok = true;
                result.rtt_us =
                    std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
                result.reply = copyMessage(reply);
                result.reply.sequence = 1;
                result.reply.received_ms = QDateTime::currentMSecsSinceEpoch();
                natsMsg_Destroy(reply);
            } else if (status == NATS_NO_RESPONDERS) {
                result.error = NatsSession::tr("no responders available for request");
            } else if (status == NATS_TIMEOUT) {
                result.error = NatsSession::tr("timeout");
            } else {
                result.error = natsErrorText(status);
            }
        }
        shared->post([deliver, result](NatsSession& s) { deliver(s, result); });
    });
}

void NatsSession::setState(SessionState state) {
    if (state_ == state) return;
    state_ = state;
    if (state == SessionState::Connected) {
        rtt_timer_->start();
    } else {
        rtt_timer_->stop();
    }
    emit stateChanged(state);
}

void NatsSession::dropConnection() {
    if (!connection_) return;
    // Close at once so that pending requests end; the last holder destroys it.
    natsWorkerPool().start(
        [connection = std::move(connection_)] { natsConnection_Close(connection->get()); });
    connection_.reset();
}

void NatsSession::measureRtt() {
    if (!connection_) return;
    natsWorkerPool().start([shared = shared_, connection = connection_, g = generation_] {
        int64_t rtt_ns = 0;
        if (natsConnection_GetRTT(connection->get(), &rtt_ns) != NATS_OK) return;
        shared->post([g, rtt_us = rtt_ns / 1000](NatsSession& s) {
            if (s.generation_ == g) s.info_.rtt_us = rtt_us;
        });
    });
}

void NatsSession::onConnected(quint64 generation, std::shared_ptr<ConnectionHandle> connection,
                              const SessionInfo& info) {
    if (generation != generation_) return;  // `connection` goes; its destructor closes it
    connection_ = std::move(connection);
    info_ = info;
    setState(SessionState::Connected);
}

void NatsSession::onConnectFailed(quint64 generation, const QString& error) {
    if (generation != generation_) return;
    last_error_ = error;
    emit errorReported(error);
    setState(SessionState::Closed);
}

void NatsSession::onDisconnected(quint64 generation, const QString& error) {
    if (generation != generation_ || !connection_) return;
    if (!error.isEmpty()) last_error_ = error;
    setState(SessionState::Reconnecting);
}

void NatsSession::onReconnected(quint64 generation, const SessionInfo& info) {
    if (generation != generation_ || !connection_) return;
    const qint64 rtt_us = info_.rtt_us;
    info_ = info;
    info_.rtt_us = rtt_us;
    setState(SessionState::Connected);
    measureRtt();
}

void NatsSession::onClosed(quint64 generation, const QString& error) {
    if (generation != generation_) return;
    if (!error.isEmpty()) {
        last_error_ = error;
        emit errorReported(error);
    }
    connection_.reset();
    setState(SessionState::Closed);
}

void NatsSession::onAsyncError(quint64 generation, const QString& error) {
    if (generation != generation_) return;
    last_error_ = error;
    emit errorReported(error);
}

}  // namespace nwb::ui

namespace nwb::ui {

std::shared_ptr<EchoResponder> NatsSession::echoResponder(const QString& subject) {
    if (!connection_) {
        last_error_ = tr("not connected");
        return nullptr;
    }
    auto responder = EchoResponder::start(connection_, subject);
    if (!responder) {
        last_error_ = responder.error();
        return nullptr;
    }
    return std::shared_ptr<EchoResponder>(std::move(*responder));
}

}  // namespace nwb::ui
