// The Streams view: a server's JetStream streams from $JS.API.STREAM.LIST, the selected
// stream's config and state, and its consumers; refreshed every two seconds while visible.
#pragma once

#include "ui/jetstream/js_list_fetcher.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace nwb::ui {

class ConsumerTableModel;
class NatsSession;
class PayloadViewer;
class StreamTableModel;

class StreamsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 2000;
    static constexpr int kTimeoutMs = 2000;

    /// GUI thread. The panel does not own `session`, which may go away before it.
    explicit StreamsPanel(NatsSession* session, QWidget* parent = nullptr);

    StreamTableModel* streamModel() const { return streams_; }
    QSortFilterProxyModel* streamProxy() const { return stream_proxy_; }
    QTableView* streamView() const { return stream_view_; }
    ConsumerTableModel* consumerModel() const { return consumers_; }
    QTableView* consumerView() const { return consumer_view_; }
    PayloadViewer* detailViewer() const { return detail_; }

    /// The selected stream's name, or empty.
    QString selectedStream() const;
    /// Selects the row of stream `name`; false if the table has none. GUI thread.
    bool selectStream(const QString& name);
    /// Why the streams table is not shown (not connected, JetStream not enabled, ...); empty
    /// while it is.
    QString messageText() const;
    /// Why the consumers table is not shown (no stream selected, an API error); empty while
    /// it is.
    QString consumerMessageText() const;
    /// The status line: how many streams; empty while messageText() is shown.
    QString statusText() const;

public slots:
    /// Fetches the streams (and the selected stream's consumers) now, unless a fetch is in
    /// flight (F5). GUI thread; returns at once.
    void refresh();

signals:
    /// The streams table holds a fresh list.
    void streamsRefreshed();
    /// The consumers table holds a fresh list for selectedStream().
    void consumersRefreshed();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* createStreamsPage();
    void onStreams(JsListFetcher::Result result);
    void onConsumers(const QString& stream, JsListFetcher::Result result);
    void onSelectionChanged();
    void refreshConsumers();
    void showDetail();
    void showMessage(const QString& text);
    void showConsumerMessage(const QString& text);

    QPointer<NatsSession> session_;
    JsListFetcher* stream_fetcher_;
    JsListFetcher* consumer_fetcher_;
    QTimer* timer_;
    StreamTableModel* streams_;
    QSortFilterProxyModel* stream_proxy_;
    ConsumerTableModel* consumers_;
    QSortFilterProxyModel* consumer_proxy_;
    QStackedWidget* page_stack_ = nullptr;
    QLabel* message_ = nullptr;
    QTableView* stream_view_ = nullptr;
    QLabel* detail_title_ = nullptr;
    PayloadViewer* detail_ = nullptr;
    QByteArray detail_json_;
    QLabel* consumer_title_ = nullptr;
    QStackedWidget* consumer_stack_ = nullptr;
    QLabel* consumer_message_ = nullptr;
    QTableView* consumer_view_ = nullptr;
    QLabel* status_ = nullptr;
    QString shown_stream_;  ///< whose consumers and detail are shown
};

}  // namespace nwb::ui
