// Polls a server's /varz once a second over HTTP, falling back to $SYS.REQ.SERVER.PING.VARZ
// through the session when there is no monitoring URL or HTTP keeps failing.
#pragma once

#include "ui/monitoring/monitor_endpoint.h"
#include "ui/monitoring/varz_sample.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace nwb::ui {

class NatsSession;

class VarzPoller : public QObject {
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 1000;
    static constexpr int kTimeoutMs = 900;            ///< per HTTP transfer and per $SYS request
    static constexpr int kHttpFailuresBeforeSys = 3;  ///< consecutive failures
    static constexpr int kHttpRetryPolls = 10;        ///< while on $SYS, HTTP is retried this often
    static constexpr const char* kSysVarzSubject = "$SYS.REQ.SERVER.PING.VARZ";

    /// GUI thread. `session` may be null (HTTP only); the poller does not own it.
    explicit VarzPoller(NatsSession* session, QObject* parent = nullptr);
    ~VarzPoller() override;

    /// Uses `url` (http://host:8222) instead of the session profile's monitor_url. GUI thread.
    void setMonitorUrl(const QString& url);
    /// The URL in use: the one set, else the session profile's. GUI thread.
    QString monitorUrl() const;

    /// Polls now and then every kIntervalMs. GUI thread; returns at once.
    void start();
    /// Stops polling; a poll in flight is ignored when it completes. GUI thread.
    void stop();
    bool isActive() const;

    /// Starts one poll unless one is in flight; returns whether it started. GUI thread.
    bool pollNow();

    /// "HTTP <url>", "$SYS", "unavailable: <reason>", or empty before the first poll completed.
    QString source() const { return source_; }

signals:
    void sampleReady(const nwb::ui::VarzSample& sample);
    void sourceChanged(const QString& source);
    /// A change for the worse: "HTTP failed ... ; using $SYS", "monitoring unavailable: ...".
    void errorReported(const QString& text);
    /// Every poll that brought no sample, with the reason (errorReported() says it only once).
    void pollFailed(const QString& reason);

private:
    void startHttp(const QString& url, quint64 poll);
    void onHttpFinished(QNetworkReply* reply, const QString& url, quint64 poll);
    void startSys(const QString& http_error, quint64 poll);
    void finishPoll(quint64 poll);
    void setSource(const QString& source);
    void reportUnavailable(const QString& reason);
    void deliver(const QJsonObject& varz);

    QPointer<NatsSession> session_;
    QNetworkAccessManager* network_;
    QTimer* timer_;
    MonitorUrlChoice monitor_url_;
    QString failing_url_;       ///< the URL http_failures_ counts for
    int http_failures_ = 0;
    int polls_since_http_ = 0;  ///< while on $SYS
    bool in_flight_ = false;
    quint64 poll_ = 0;          ///< id of the current poll; completions of others are ignored
    QPointer<QNetworkReply> reply_;
    QString source_;
};

}  // namespace nwb::ui
