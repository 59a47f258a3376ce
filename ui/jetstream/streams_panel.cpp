// The Streams view: streams table, the selected stream's JSON and its consumers table.
#include "ui/jetstream/streams_panel.h"

#include "ui/browser/payload_viewer.h"
#include "ui/client/nats_session.h"
#include "ui/jetstream/consumer_table_model.h"
#include "ui/jetstream/js_panel_widgets.h"
#include "ui/jetstream/stream_table_model.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace nwb::ui {
StreamsPanel::StreamsPanel(NatsSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      stream_fetcher_(new JsListFetcher(sessionRequester(session, kTimeoutMs), this)),
      consumer_fetcher_(new JsListFetcher(sessionRequester(session, kTimeoutMs), this)),
      timer_(new QTimer(this)),
      streams_(new StreamTableModel(this)),
      stream_proxy_(makeJsSortProxy(streams_, StreamTableModel::kSortRole, this)),
      consumers_(new ConsumerTableModel(this)),
      consumer_proxy_(makeJsSortProxy(consumers_, ConsumerTableModel::kSortRole, this)) {
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("StreamsStatus"));
    auto* refresh_button = new QPushButton(tr("Refresh"), this);
    refresh_button->setToolTip(tr("Fetch the streams now (F5)"));
    connect(refresh_button, &QPushButton::clicked, this, &StreamsPanel::refresh);

    message_ = makeJsMessageLabel(this);
    message_->setObjectName(QStringLiteral("StreamsMessage"));
    page_stack_ = new QStackedWidget(this);
    page_stack_->insertWidget(kJsTablePage, createStreamsPage());
    page_stack_->insertWidget(kJsMessagePage, message_);

    auto* bar = new QHBoxLayout;
    bar->addWidget(status_, 1);
    bar->addWidget(refresh_button);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(page_stack_, 1);

    timer_->setInterval(kRefreshIntervalMs);
    connect(timer_, &QTimer::timeout, this, &StreamsPanel::refresh);
    if (session) {
        connect(session, &NatsSession::stateChanged, this, [this](SessionState) {
            if (isVisible()) refresh();
        });
    }
    showMessage(jsErrorText(jsError(JsFailure::NotConnected)));
    showConsumerMessage(tr("Select a stream to see its configuration, state and consumers."));
    showDetail();
}

QWidget* StreamsPanel::createStreamsPage() {
    stream_view_ = makeJsTable(stream_proxy_, this);
    stream_view_->setObjectName(QStringLiteral("StreamsTable"));
    stream_view_->sortByColumn(StreamTableModel::Name, Qt::AscendingOrder);
    connect(stream_view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StreamsPanel::onSelectionChanged);

    detail_title_ = new QLabel(this);
    detail_ = new PayloadViewer(this);
    detail_->setMode(PayloadMode::Json);
    auto* detail_box = new QWidget(this);
    auto* detail_layout = new QVBoxLayout(detail_box);
    detail_layout->setContentsMargins(0, 0, 0, 0);
    detail_layout->addWidget(detail_title_);
    detail_layout->addWidget(detail_, 1);

    consumer_view_ = makeJsTable(consumer_proxy_, this);
    consumer_view_->setObjectName(QStringLiteral("ConsumersTable"));
    consumer_view_->sortByColumn(ConsumerTableModel::Name, Qt::AscendingOrder);
    consumer_title_ = new QLabel(this);
    consumer_message_ = makeJsMessageLabel(this);
    consumer_stack_ = new QStackedWidget(this);
    consumer_stack_->insertWidget(kJsTablePage, consumer_view_);
    consumer_stack_->insertWidget(kJsMessagePage, consumer_message_);
    auto* consumer_box = new QWidget(this);
    auto* consumer_layout = new QVBoxLayout(consumer_box);
    consumer_layout->setContentsMargins(0, 0, 0, 0);
    consumer_layout->addWidget(consumer_title_);
    consumer_layout->addWidget(consumer_stack_, 1);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(detail_box);
    lower->addWidget(consumer_box);
    lower->setStretchFactor(0, 2);
    lower->setStretchFactor(1, 3);
    lower->setSizes({400, 600});  // scaled to the width on first layout; the tree needs room
    auto* page = new QSplitter(Qt::Vertical, this);
    page->addWidget(stream_view_);
    page->addWidget(lower);
    page->setStretchFactor(0, 1);
    page->setStretchFactor(1, 1);
    return page;
}

QString StreamsPanel::selectedStream() const {
    const QModelIndexList rows = stream_view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return streams_->row(stream_proxy_->mapToSource(rows.first()).row()).name;
}

bool StreamsPanel::selectStream(const QString& name) {
    const int row = streams_->rowOf(name);
    if (row < 0) return false;
    stream_view_->selectRow(stream_proxy_->mapFromSource(streams_->index(row, 0)).row());
    return true;
}

QString StreamsPanel::messageText() const {
    return page_stack_->currentIndex() == kJsMessagePage ? message_->text() : QString();
}

QString StreamsPanel::consumerMessageText() const {
    return consumer_stack_->currentIndex() == kJsMessagePage ? consumer_message_->text() : QString();
}

QString StreamsPanel::statusText() const { return status_->text(); }

void StreamsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    timer_->start();
    refresh();
}

void StreamsPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    timer_->stop();
}

void StreamsPanel::refresh() {
    if (stream_fetcher_->isBusy()) return;
    if (!session_ || session_->state() != SessionState::Connected) {
        onStreams(std::unexpected(jsError(JsFailure::NotConnected)));
        return;
    }
    stream_fetcher_->fetch(QStringLiteral("$JS.API.STREAM.LIST"), QStringLiteral("streams"),
                           [this](JsListFetcher::Result result) { onStreams(std::move(result)); });
}

void StreamsPanel::onStreams(JsListFetcher::Result result) {
    if (!result) {
        // The rows stay (hidden), so a passing failure does not lose the selection.
        showMessage(jsErrorText(result.error()));
        return;
    }
    QList<StreamRow> rows;
    rows.reserve(result->size());
    for (const QJsonValue& item : std::as_const(*result))
        rows.append(streamRowFromJson(item.toObject()));
    // A selected stream that is gone leaves nothing selected (the view would move the
    // selection to a neighbour).
    const bool selected_gone = !shown_stream_.isEmpty() &&
                               std::none_of(rows.begin(), rows.end(), [this](const StreamRow& r) {
                                   return r.name == shown_stream_;
                               });
    if (selected_gone) stream_view_->selectionModel()->clear();
    const bool first_rows = streams_->rowCount() == 0;
    streams_->setStreams(rows);
    if (first_rows) stream_view_->resizeColumnsToContents();
    page_stack_->setCurrentIndex(kJsTablePage);
    status_->setText(tr("%n stream(s)", nullptr, streams_->rowCount()));
    showDetail();
    refreshConsumers();
    emit streamsRefreshed();
}

void StreamsPanel::onSelectionChanged() {
    const QString stream = selectedStream();
    if (stream == shown_stream_) return;
    shown_stream_ = stream;
    consumer_fetcher_->cancel();
    consumers_->clear();
    detail_json_.clear();
    showDetail();
    if (stream.isEmpty()) {
        consumer_title_->clear();
        showConsumerMessage(tr("Select a stream to see its configuration, state and consumers."));
        return;
    }
    consumer_title_->setText(tr("Consumers of %1").arg(stream));
    showConsumerMessage(tr("Loading the consumers of %1…").arg(stream));
    refreshConsumers();
}

void StreamsPanel::showDetail() {
    const int row = shown_stream_.isEmpty() ? -1 : streams_->rowOf(shown_stream_);
    // Hidden rather than empty: an empty payload would read "not valid JSON".
    detail_->setVisible(row >= 0);
    if (row < 0) {
        detail_title_->clear();
        detail_json_.clear();
        return;
    }
    detail_title_->setText(tr("Stream %1").arg(shown_stream_));
    const QByteArray json = QJsonDocument(streams_->row(row).info).toJson(QJsonDocument::Indented);
    if (json == detail_json_) return;
    detail_json_ = json;
    // Keep the reader's place in the tree across refreshes.
    QScrollBar* scroll = detail_->jsonView()->verticalScrollBar();
    const int position = scroll->value();
    detail_->setPayload(json);
    scroll->setValue(position);
}

void StreamsPanel::refreshConsumers() {
    if (shown_stream_.isEmpty() || consumer_fetcher_->isBusy()) return;
    const QString stream = shown_stream_;
    consumer_fetcher_->fetch(
        QStringLiteral("$JS.API.CONSUMER.LIST.") + stream, QStringLiteral("consumers"),
        [this, stream](JsListFetcher::Result result) { onConsumers(stream, std::move(result)); });
}

void StreamsPanel::onConsumers(const QString& stream, JsListFetcher::Result result) {
    if (stream != shown_stream_) return;
    if (!result) {
        showConsumerMessage(jsErrorText(result.error()));
        return;
    }
    QList<ConsumerRow> rows;
    rows.reserve(result->size());
    for (const QJsonValue& item : std::as_const(*result))
        rows.append(consumerRowFromJson(item.toObject()));
    const bool first_rows = consumers_->rowCount() == 0;
    consumers_->setConsumers(rows);
    if (first_rows) consumer_view_->resizeColumnsToContents();
    consumer_title_->setText(
        tr("%n consumer(s) of %1", nullptr, consumers_->rowCount()).arg(stream));
    consumer_stack_->setCurrentIndex(kJsTablePage);
    emit consumersRefreshed();
}

void StreamsPanel::showMessage(const QString& text) {
    message_->setText(text);
    page_stack_->setCurrentIndex(kJsMessagePage);
    status_->clear();  // the message says it all
}

void StreamsPanel::showConsumerMessage(const QString& text) {
    consumer_message_->setText(text);
    consumer_stack_->setCurrentIndex(kJsMessagePage);
}

}  // namespace nwb::ui
