// "Test connection": the server's INFO over plain TCP, then a libnats connect and one PING.
#include "ui/client/connection_tester.h"

#include "ui/client/nats_options_builder.h"
#include "ui/client/nats_session.h"
#include "ui/client/nats_support.h"
#include "ui/client/server_info_reader.h"

#include <QDeadlineTimer>
#include <QMetaObject>
#include <QThreadPool>
#include <QTimer>

#include <mutex>

namespace nwb::ui {
namespace {

constexpr int kWatchdogSlackMs = 1000;

ConnectionTestResult runTest(const ConnectionProfile& profile) {
    ConnectionTestResult result;
    QDeadlineTimer deadline(ConnectionTester::kTimeoutMs);
    if (profile.urls.isEmpty()) {
        result.error = ConnectionTester::tr("no server URL");
        return result;
    }
    auto info = readServerInfo(profile.urls.first(), ConnectionTester::kTimeoutMs);
    if (!info) {
        result.error = info.error();
        return result;
    }
    result.server_id = info->server_id;
    result.server_name = info->server_name;
    result.version = info->version;
    result.jetstream = info->jetstream;
    result.max_payload = info->max_payload;

    const auto remaining = static_cast<int>(deadline.remainingTime());
    if (remaining <= 0) {
        result.error = ConnectionTester::tr("timeout");
        return result;
    }
    auto built = buildNatsOptions(profile, ConnectBehaviour{false, remaining});
    if (!built) {
        result.error = built.error();
        return result;
    }
    natsConnection* nc = nullptr;
    const natsStatus status = natsConnection_Connect(&nc, built->options.get());
    if (status != NATS_OK) {
        result.error = natsErrorText(status);
        return result;
    }
    char url[512];
    if (natsConnection_GetConnectedUrl(nc, url, sizeof url) == NATS_OK)
        result.connected_url = QString::fromUtf8(url);
    int64_t rtt_ns = 0;
    const natsStatus rtt_status = natsConnection_GetRTT(nc, &rtt_ns);
    if (rtt_status == NATS_OK) {
        result.rtt_us = rtt_ns / 1000;
        result.ok = true;
    } else {
        result.error = natsErrorText(rtt_status);
    }
    natsConnection_Destroy(nc);  // before `built`: its signer is the connection's closure
    return result;
}

}  // namespace

struct ConnectionTester::Shared {
    std::mutex mutex;
    ConnectionTester* owner = nullptr;

    /// Hands `result` to the tester's thread, unless the tester is gone. Any thread.
    void post(quint64 run, const ConnectionTestResult& result) {
        std::lock_guard lock(mutex);
        if (owner == nullptr) return;
        QMetaObject::invokeMethod(
            owner, [self = owner, run, result] { self->complete(run, result); },
            Qt::QueuedConnection);
    }
};

ConnectionTester::ConnectionTester(QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()), watchdog_(new QTimer(this)) {
    registerClientMetaTypes();
    shared_->owner = this;
    watchdog_->setSingleShot(true);
    watchdog_->setInterval(kTimeoutMs + kWatchdogSlackMs);
    connect(watchdog_, &QTimer::timeout, this, [this] {
        ConnectionTestResult result;
        result.error = tr("timeout");
        complete(run_, result);
    });
}

ConnectionTester::~ConnectionTester() {
    std::lock_guard lock(shared_->mutex);
    shared_->owner = nullptr;
}

void ConnectionTester::start(const ConnectionProfile& profile) {
    const quint64 run = ++run_;
    running_ = true;
    watchdog_->start();
    natsWorkerPool().start(
        [shared = shared_, run, profile] { shared->post(run, runTest(profile)); });
}

void ConnectionTester::complete(quint64 run, const ConnectionTestResult& result) {
    if (run != run_ || !running_) return;
    running_ = false;
    watchdog_->stop();
    emit finished(result);
}

}  // namespace nwb::ui
