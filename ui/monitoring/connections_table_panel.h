// The connections table: /connz (or $SYS.REQ.SERVER.PING.CONNZ) in a sortable, filterable view,
// refreshed every two seconds while visible.
#pragma once

#include "ui/monitoring/monitor_endpoint.h"
#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace nwb::ui {

class ConnzModel;
class NatsSession;

class ConnectionsTablePanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 2000;
    static constexpr int kTimeoutMs = 1500;
    static constexpr int kLimit = 1024;
    static constexpr const char* kSysConnzSubject = "$SYS.REQ.SERVER.PING.CONNZ";

    /// GUI thread. `session` may be null (HTTP only); the panel does not own it.
    explicit ConnectionsTablePanel(NatsSession* session, QWidget* parent = nullptr);
    ~ConnectionsTablePanel() override;

    /// Uses `url` (http://host:8222) instead of the session profile's monitor_url. GUI thread.
    void setMonitorUrl(const QString& url);
    QString monitorUrl() const;

    ConnzModel* model() const { return model_; }
    QSortFilterProxyModel* proxyModel() const { return proxy_; }
    QTableView* view() const { return view_; }
    /// What the status line shows: the count and the source, or why nothing could be read.
    QString statusText() const;

public slots:
    /// Fetches /connz now unless a fetch is in flight (F5). GUI thread; returns at once.
    void refresh();

signals:
    /// A fetch completed and the model holds its rows.
    void refreshed();
    /// A fetch failed over HTTP and over $SYS.
    void errorReported(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onHttpFinished(QNetworkReply* reply, const QString& url, quint64 fetch);
    void fetchSys(const QString& http_error, quint64 fetch);
    void apply(const QJsonObject& connz, const QString& source);
    void fail(const QString& reason);

    QPointer<NatsSession> session_;
    QNetworkAccessManager* network_;
    QTimer* timer_;
    ConnzModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
    QLineEdit* filter_;
    QLabel* status_;
    MonitorUrlChoice monitor_url_;
    bool in_flight_ = false;
    quint64 fetch_ = 0;
    QPointer<QNetworkReply> reply_;
};

}  // namespace nwb::ui
