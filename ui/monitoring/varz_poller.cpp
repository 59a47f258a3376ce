// Polls a server's /varz over HTTP or $SYS.
#include "ui/monitoring/varz_poller.h"

#include "ui/client/nats_session.h"
#include "ui/monitoring/monitor_endpoint.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace nwb::ui {

VarzPoller::VarzPoller(NatsSession* session, QObject* parent)
    : QObject(parent),
      session_(session),
      network_(new QNetworkAccessManager(this)),
      timer_(new QTimer(this)) {
    timer_->setInterval(kIntervalMs);
    connect(timer_, &QTimer::timeout, this, [this] { pollNow(); });
}

VarzPoller::~VarzPoller() {
    ++poll_;  // what the abort reports is not news
    if (reply_) reply_->abort();
}

void VarzPoller::setMonitorUrl(const QString& url) { monitor_url_.set(url); }

QString VarzPoller::monitorUrl() const { return monitor_url_.resolve(session_); }

void VarzPoller::start() {
    if (timer_->isActive()) return;
    timer_->start();
    pollNow();
}

void VarzPoller::stop() {
    timer_->stop();
    if (in_flight_) {
        ++poll_;  // before abort(), which reports synchronously
        in_flight_ = false;
        if (reply_) reply_->abort();
    }
}

bool VarzPoller::isActive() const {
    return timer_->isActive();
}

bool VarzPoller::pollNow() {
    if (in_flight_) return false;
    in_flight_ = true;
    const quint64 poll = ++poll_;
    const QString url = monitorUrl().trimmed();
    if (url != failing_url_) {
        failing_url_ = url;
        http_failures_ = 0;
    }
    if (url.isEmpty()) {
        startSys(tr("no monitoring URL"), poll);
    } else if (http_failures_ < kHttpFailuresBeforeSys || ++polls_since_http_ >= kHttpRetryPolls) {
        polls_since_http_ = 0;
        startHttp(url, poll);
    } else {
        startSys({}, poll);
    }
    return true;
}

void VarzPoller::startHttp(const QString& url, quint64 poll) {
    const QUrl endpoint = monitorEndpointUrl(url, QStringLiteral("varz"));
    if (!endpoint.isValid()) {
        http_failures_ = kHttpFailuresBeforeSys;
        startSys(tr("not an http(s) URL: %1").arg(url), poll);
        return;
    }
    QNetworkRequest request(endpoint);
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply* reply = network_->get(request);
    reply_ = reply;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, url, poll] { onHttpFinished(reply, url, poll); });
}

void VarzPoller::onHttpFinished(QNetworkReply* reply, const QString& url, quint64 poll) {
    reply->deleteLater();
    if (poll != poll_) return;
    reply_ = nullptr;
    QString error;
    const std::optional<QJsonObject> varz = jsonFromReply(reply, &error);
    if (varz) {
        http_failures_ = 0;
        finishPoll(poll);
        setSource(tr("HTTP %1").arg(url));
        deliver(*varz);
        return;
    }
    ++http_failures_;
    if (http_failures_ < kHttpFailuresBeforeSys) {
        finishPoll(poll);
        emit pollFailed(tr("HTTP: %1").arg(error));
        return;
    }
    if (http_failures_ == kHttpFailuresBeforeSys) {
        emit errorReported(tr("HTTP monitoring at %1 failed %2 times in a row (%3); trying $SYS")
                               .arg(url)
                               .arg(kHttpFailuresBeforeSys)
                               .arg(error));
    }
    startSys(error, poll);
}

void VarzPoller::startSys(const QString& http_error, quint64 poll) {
    const QString http_part = http_error.isEmpty() ? QString() : tr("HTTP: %1; ").arg(http_error);
    if (!session_ || session_->state() != SessionState::Connected) {
        finishPoll(poll);
        reportUnavailable(http_part + tr("$SYS: not connected"));
        return;
    }
    session_->request(
        QString::fromLatin1(kSysVarzSubject), {}, {}, kTimeoutMs, this,
        [this, poll, http_part](const RequestResult& result) {
            if (poll != poll_) return;
            finishPoll(poll);
            QString error = result.error;
            std::optional<QJsonObject> varz;
            if (result.ok) varz = sysReplyData(result.reply.payload, &error);
            if (varz) {
                setSource(tr("$SYS"));
                deliver(*varz);
                return;
            }
            reportUnavailable(http_part + tr("$SYS: %1").arg(error));
        });
}

void VarzPoller::finishPoll(quint64 poll) {
    if (poll == poll_) in_flight_ = false;
}

void VarzPoller::setSource(const QString& source) {
    if (source == source_) return;
    source_ = source;
    emit sourceChanged(source_);
}

void VarzPoller::reportUnavailable(const QString& reason) {
    emit pollFailed(reason);
    const QString source = tr("unavailable: %1").arg(reason);
    if (source == source_) return;  // said once until something changes
    setSource(source);
    emit errorReported(tr("monitoring unavailable: %1").arg(reason));
}

void VarzPoller::deliver(const QJsonObject& varz) {
    emit sampleReady(varzSampleFromJson(varz, QDateTime::currentMSecsSinceEpoch()));
}

}  // namespace nwb::ui
