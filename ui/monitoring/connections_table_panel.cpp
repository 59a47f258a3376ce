// The connections table, fed by /connz or $SYS.REQ.SERVER.PING.CONNZ.
#include "ui/monitoring/connections_table_panel.h"

#include "ui/client/nats_session.h"
#include "ui/monitoring/connz_model.h"
#include "ui/monitoring/monitor_endpoint.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace nwb::ui {

ConnectionsTablePanel::ConnectionsTablePanel(NatsSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      network_(new QNetworkAccessManager(this)),
      timer_(new QTimer(this)),
      model_(new ConnzModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      view_(new QTableView(this)),
      filter_(new QLineEdit(this)),
      status_(new QLabel(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(ConnzModel::kSortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(ConnzModel::Cid, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);

    filter_->setPlaceholderText(tr("Filter by any column"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, proxy_,
            [this](const QString& text) { proxy_->setFilterFixedString(text); });

    auto* refresh_button = new QPushButton(tr("Refresh"), this);
    refresh_button->setToolTip(tr("Fetch the connections now (F5)"));
    connect(refresh_button, &QPushButton::clicked, this, &ConnectionsTablePanel::refresh);
    auto* refresh_action = new QAction(tr("Refresh connections"), this);
    refresh_action->setShortcut(QKeySequence::Refresh);
    refresh_action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh_action, &QAction::triggered, this, &ConnectionsTablePanel::refresh);
    addAction(refresh_action);

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(refresh_button);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);

    timer_->setInterval(kRefreshIntervalMs);
    connect(timer_, &QTimer::timeout, this, &ConnectionsTablePanel::refresh);
}

ConnectionsTablePanel::~ConnectionsTablePanel() {
    ++fetch_;  // what the abort reports is not news
    if (reply_) reply_->abort();
}

void ConnectionsTablePanel::setMonitorUrl(const QString& url) { monitor_url_.set(url); }

QString ConnectionsTablePanel::monitorUrl() const { return monitor_url_.resolve(session_); }

QString ConnectionsTablePanel::statusText() const {
    return status_->text();
}

void ConnectionsTablePanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    timer_->start();
    refresh();
}

void ConnectionsTablePanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    timer_->stop();
}

void ConnectionsTablePanel::refresh() {
    if (in_flight_) return;
    in_flight_ = true;
    const quint64 fetch = ++fetch_;
    const QString url = monitorUrl().trimmed();
    if (url.isEmpty()) {
        fetchSys(tr("no monitoring URL"), fetch);
        return;
    }
    const QUrl endpoint = monitorEndpointUrl(url, QStringLiteral("connz"),
                                             QStringLiteral("subs=0&limit=%1").arg(kLimit));
    if (!endpoint.isValid()) {
        fetchSys(tr("not an http(s) URL: %1").arg(url), fetch);
        return;
    }
    QNetworkRequest request(endpoint);
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply* reply = network_->get(request);
    reply_ = reply;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, url, fetch] { onHttpFinished(reply, url, fetch); });
}

void ConnectionsTablePanel::onHttpFinished(QNetworkReply* reply, const QString& url,
                                           quint64 fetch) {
    reply->deleteLater();
    if (fetch != fetch_) return;
    reply_ = nullptr;
    QString error;
    if (const std::optional<QJsonObject> connz = jsonFromReply(reply, &error)) {
        apply(*connz, tr("HTTP %1").arg(url));
        return;
    }
    fetchSys(error, fetch);
}

void ConnectionsTablePanel::fetchSys(const QString& http_error, quint64 fetch) {
    const QString http_part = tr("HTTP: %1; ").arg(http_error);
    if (!session_ || session_->state() != SessionState::Connected) {
        fail(http_part + tr("$SYS: not connected"));
        return;
    }
    const QByteArray options = QJsonDocument(QJsonObject{
        {QStringLiteral("subscriptions"), false},
        {QStringLiteral("limit"), kLimit},
    }).toJson(QJsonDocument::Compact);
    session_->request(QString::fromLatin1(kSysConnzSubject), {}, options, kTimeoutMs, this,
                      [this, fetch, http_part](const RequestResult& result) {
                          if (fetch != fetch_) return;
                          QString error = result.error;
                          std::optional<QJsonObject> connz;
                          if (result.ok) connz = sysReplyData(result.reply.payload, &error);
                          if (connz) {
                              apply(*connz, tr("$SYS"));
                          } else {
                              fail(http_part + tr("$SYS: %1").arg(error));
                          }
                      });
}

void ConnectionsTablePanel::apply(const QJsonObject& connz, const QString& source) {
    in_flight_ = false;
    model_->setConnz(connz);
    status_->setText(tr("%n connection(s), from %1", nullptr, static_cast<int>(model_->total()))
                         .arg(source));
    emit refreshed();
}

void ConnectionsTablePanel::fail(const QString& reason) {
    in_flight_ = false;
    const QString text = tr("Connections unavailable: %1").arg(reason);
    status_->setText(text);
    emit errorReported(text);
}

}  // namespace nwb::ui
