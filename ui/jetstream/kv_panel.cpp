// The Key-Value view: buckets table, the selected bucket's keys, the selected key's value and
// history. Keys are fetched on selection, on F5 and when the bucket's last_seq moves.
#include "ui/jetstream/kv_panel.h"

#include "ui/browser/payload_viewer.h"
#include "ui/client/nats_session.h"
#include "ui/jetstream/js_panel_widgets.h"
#include "ui/jetstream/kv_bucket_table_model.h"
#include "ui/jetstream/kv_key_table_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace nwb::ui {
namespace {

constexpr qint64 kMaxInt = std::numeric_limits<int>::max();

}  // namespace

KvPanel::KvPanel(NatsSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      bucket_fetcher_(new JsListFetcher(sessionRequester(session, kTimeoutMs), this)),
      key_fetcher_(new KvKeysFetcher(sessionRequester(session, kTimeoutMs), this)),
      history_fetcher_(new KvHistoryFetcher(sessionRequester(session, kTimeoutMs), this)),
      timer_(new QTimer(this)),
      buckets_(new KvBucketTableModel(this)),
      bucket_proxy_(makeJsSortProxy(buckets_, KvBucketTableModel::kSortRole, this)),
      keys_(new KvKeyTableModel(this)),
      key_proxy_(makeJsSortProxy(keys_, KvKeyTableModel::kSortRole, this)),
      history_(new KvKeyTableModel(this)) {
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("KvStatus"));
    show_deleted_ = new QCheckBox(tr("Show &deleted"), this);
    show_deleted_->setToolTip(tr("Also list keys whose last entry is a delete or purge marker"));
    connect(show_deleted_, &QCheckBox::toggled, this, [this] { applyKeyFilter(); });
    auto* refresh_button = new QPushButton(tr("Refresh"), this);
    refresh_button->setToolTip(tr("Fetch the buckets and keys now (F5)"));
    connect(refresh_button, &QPushButton::clicked, this, &KvPanel::refresh);

    message_ = makeJsMessageLabel(this);
    message_->setObjectName(QStringLiteral("KvMessage"));
    page_stack_ = new QStackedWidget(this);
    page_stack_->insertWidget(kJsTablePage, createBucketsPage());
    page_stack_->insertWidget(kJsMessagePage, message_);

    auto* bar = new QHBoxLayout;
    bar->addWidget(status_, 1);
    bar->addWidget(show_deleted_);
    bar->addWidget(refresh_button);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(page_stack_, 1);

    timer_->setInterval(kRefreshIntervalMs);
    connect(timer_, &QTimer::timeout, this, &KvPanel::poll);
    if (session) {
        connect(session, &NatsSession::stateChanged, this, [this](SessionState) {
            if (isVisible()) refresh();
        });
    }
    showMessage(jsErrorText(jsError(JsFailure::NotConnected)));
    showKeyMessage(tr("Select a bucket to see its keys."));
    showValue();
}

QWidget* KvPanel::createBucketsPage() {
    bucket_view_ = makeJsTable(bucket_proxy_, this);
    bucket_view_->setObjectName(QStringLiteral("KvBucketsTable"));
    bucket_view_->sortByColumn(KvBucketTableModel::Bucket, Qt::AscendingOrder);
    connect(bucket_view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KvPanel::onBucketSelected);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(createKeyBox());
    lower->addWidget(createValueBox());
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    lower->setSizes({600, 400});  // scaled to the width on first layout; the history needs room
    auto* page = new QSplitter(Qt::Vertical, this);
    page->addWidget(bucket_view_);
    page->addWidget(lower);
    page->setStretchFactor(0, 1);
    page->setStretchFactor(1, 2);
    return page;
}

QWidget* KvPanel::createKeyBox() {
    key_view_ = makeJsTable(key_proxy_, this);
    key_view_->setObjectName(QStringLiteral("KvKeysTable"));
    key_view_->sortByColumn(KvKeyTableModel::Key, Qt::AscendingOrder);
    connect(key_view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KvPanel::onKeySelected);
    key_title_ = new QLabel(this);
    key_message_ = makeJsMessageLabel(this);
    key_stack_ = new QStackedWidget(this);
    key_stack_->insertWidget(kJsTablePage, key_view_);
    key_stack_->insertWidget(kJsMessagePage, key_message_);
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(key_title_);
    layout->addWidget(key_stack_, 1);
    return box;
}

QWidget* KvPanel::createValueBox() {
    value_title_ = new QLabel(this);
    value_ = new PayloadViewer(this);
    history_title_ = new QLabel(this);
    history_view_ = makeJsTable(history_, this);
    history_view_->setObjectName(QStringLiteral("KvHistoryTable"));
    history_view_->setSortingEnabled(false);  // oldest first, as the server keeps them
    history_view_->hideColumn(KvKeyTableModel::Key);
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(value_title_);
    layout->addWidget(value_, 2);
    layout->addWidget(history_title_);
    layout->addWidget(history_view_, 1);
    return box;
}

QString KvPanel::selectedBucket() const {
    const QModelIndexList rows = bucket_view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return buckets_->row(bucket_proxy_->mapToSource(rows.first()).row()).bucket;
}

QString KvPanel::selectedKey() const {
    const QModelIndexList rows = key_view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return keys_->entry(key_proxy_->mapToSource(rows.first()).row()).name;
}

bool KvPanel::selectBucket(const QString& name) {
    const int row = buckets_->rowOf(name);
    if (row < 0) return false;
    bucket_view_->selectRow(bucket_proxy_->mapFromSource(buckets_->index(row, 0)).row());
    return true;
}

bool KvPanel::selectKey(const QString& name) {
    const int row = keys_->rowOf(name);
    if (row < 0) return false;
    key_view_->selectRow(key_proxy_->mapFromSource(keys_->index(row, 0)).row());
    return true;
}

QString KvPanel::messageText() const {
    return page_stack_->currentIndex() == kJsMessagePage ? message_->text() : QString();
}

QString KvPanel::keyMessageText() const {
    return key_stack_->currentIndex() == kJsMessagePage ? key_message_->text() : QString();
}

QString KvPanel::keyTitleText() const { return key_title_->text(); }

QString KvPanel::statusText() const { return status_->text(); }

void KvPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    timer_->start();
    poll();
}

void KvPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    timer_->stop();
}

void KvPanel::refresh() { fetchBuckets(true); }

void KvPanel::poll() { fetchBuckets(false); }

void KvPanel::fetchBuckets(bool force_keys) {
    if (bucket_fetcher_->isBusy()) return;
    if (!session_ || session_->state() != SessionState::Connected) {
        onStreams(std::unexpected(jsError(JsFailure::NotConnected)), false);
        return;
    }
    bucket_fetcher_->fetch(QStringLiteral("$JS.API.STREAM.LIST"), QStringLiteral("streams"),
                           [this, force_keys](JsListFetcher::Result result) {
                               onStreams(std::move(result), force_keys);
                           });
}

void KvPanel::onStreams(JsListFetcher::Result result, bool force_keys) {
    if (!result) {
        showMessage(jsErrorText(result.error()));  // the rows stay, hidden
        return;
    }
    QList<KvBucketRow> rows;
    for (const QJsonValue& item : std::as_const(*result)) {
        if (auto bucket = kvBucketFromStream(streamRowFromJson(item.toObject())))
            rows.append(std::move(*bucket));
    }
    const auto shown = std::find_if(rows.begin(), rows.end(), [this](const KvBucketRow& r) {
        return r.bucket == shown_bucket_;
    });
    if (!shown_bucket_.isEmpty() && shown == rows.end())
        bucket_view_->selectionModel()->clear();  // else the view selects a neighbour
    const bool first_rows = buckets_->rowCount() == 0;
    buckets_->setBuckets(rows);
    if (first_rows) bucket_view_->resizeColumnsToContents();
    page_stack_->setCurrentIndex(kJsTablePage);
    status_->setText(tr("%n bucket(s)", nullptr, buckets_->rowCount()));
    // New entries move last_seq; expired ones (TTL) only change the count.
    const bool keys_stale =
        shown != rows.end() && (shown->last_seq != keys_last_seq_ || shown->values != keys_values_);
    if (force_keys || keys_stale) refreshKeys();
    emit bucketsRefreshed();
}

void KvPanel::onBucketSelected() {
    const QString bucket = selectedBucket();
    if (bucket == shown_bucket_) return;
    shown_bucket_ = bucket;
    key_fetcher_->cancel();
    history_fetcher_->cancel();
    keys_last_seq_ = -1;
    keys_values_ = -1;
    all_keys_ = {};
    key_view_->selectionModel()->clear();
    keys_->clear();
    onKeySelected();
    if (bucket.isEmpty()) {
        key_title_->clear();
        showKeyMessage(tr("Select a bucket to see its keys."));
        return;
    }
    key_title_->setText(tr("Keys of %1").arg(bucket));
    showKeyMessage(tr("Loading the keys of %1…").arg(bucket));
    refreshKeys();
}

void KvPanel::refreshKeys() {
    if (shown_bucket_.isEmpty() || key_fetcher_->isBusy()) return;
    const int row = buckets_->rowOf(shown_bucket_);
    const qint64 last_seq = row >= 0 ? buckets_->row(row).last_seq : -1;
    const qint64 values = row >= 0 ? buckets_->row(row).values : -1;
    const QString bucket = shown_bucket_;
    key_fetcher_->fetch(bucket, [this, bucket, last_seq, values](KvKeysFetcher::Result result) {
        onKeys(bucket, last_seq, values, std::move(result));
    });
}

void KvPanel::onKeys(const QString& bucket, qint64 last_seq, qint64 values,
                     KvKeysFetcher::Result result) {
    if (bucket != shown_bucket_) return;
    if (!result) {
        showKeyMessage(jsErrorText(result.error()));
        return;
    }
    keys_last_seq_ = last_seq;
    keys_values_ = values;
    all_keys_ = std::move(*result);
    applyKeyFilter();
    key_stack_->setCurrentIndex(kJsTablePage);
    showValue();
    refreshHistory();
    emit keysRefreshed();
}

void KvPanel::applyKeyFilter() {
    if (shown_bucket_.isEmpty()) return;
    const bool show_deleted = show_deleted_->isChecked();
    QList<KvEntry> shown;
    for (const KvEntry& entry : std::as_const(all_keys_.entries))
        if (show_deleted || entry.operation == KvOperation::Put) shown.append(entry);
    const bool selected_gone =
        !shown_key_.isEmpty() && std::none_of(shown.begin(), shown.end(), [this](const KvEntry& e) {
            return e.name == shown_key_;
        });
    if (selected_gone) key_view_->selectionModel()->clear();
    const bool first_rows = keys_->rowCount() == 0;
    keys_->setKeys(shown);
    if (first_rows) key_view_->resizeColumnsToContents();
    QString title = tr("%n key(s) in %1", nullptr, keys_->rowCount()).arg(shown_bucket_);
    if (all_keys_.truncated()) {
        title +=
            QLatin1Char(' ') + tr("(only the first %1 of %n key(s) are listed)", nullptr,
                                  static_cast<int>(std::min<qint64>(all_keys_.total_keys, kMaxInt)))
                                   .arg(all_keys_.counts.size());
    }
    key_title_->setText(title);
}

void KvPanel::onKeySelected() {
    const QString key = selectedKey();
    if (key == shown_key_) return;
    shown_key_ = key;
    history_fetcher_->cancel();
    history_->clear();
    history_title_->clear();
    history_revision_ = -1;
    showValue();
    refreshHistory();
}

void KvPanel::showValue() {
    const int row = shown_key_.isEmpty() ? -1 : keys_->rowOf(shown_key_);
    value_->setVisible(row >= 0);
    history_view_->setVisible(row >= 0);
    if (row < 0) {
        value_title_->setText(shown_bucket_.isEmpty() ? QString()
                                                      : tr("Select a key to see its value."));
        return;
    }
    const KvEntry& entry = keys_->entry(row);
    value_title_->setText(entry.operation == KvOperation::Put
                              ? tr("Value of %1 at revision %2").arg(entry.name).arg(entry.revision)
                              : tr("%1 was deleted at revision %2 (%3)")
                                    .arg(entry.name)
                                    .arg(entry.revision)
                                    .arg(KvKeyTableModel::operationText(entry.operation)));
    if (value_->payload() != entry.value) value_->setPayload(entry.value);
}

void KvPanel::refreshHistory() {
    const int row = shown_key_.isEmpty() ? -1 : keys_->rowOf(shown_key_);
    if (row < 0) return;
    const qint64 revision = keys_->entry(row).revision;
    if (revision == history_revision_) return;
    history_revision_ = revision;
    const int bucket_row = buckets_->rowOf(shown_bucket_);
    const qint64 history = bucket_row >= 0 ? buckets_->row(bucket_row).history : 0;
    qint64 entries = all_keys_.counts.value(shown_key_, 1);
    if (history > 0) entries = std::min(entries, history);
    const QString key = shown_key_;
    history_fetcher_->fetch(
        shown_bucket_, key, static_cast<int>(std::min<qint64>(entries, kMaxInt)),
        [this, key](KvHistoryFetcher::Result result) { onHistory(key, std::move(result)); });
}

void KvPanel::onHistory(const QString& key, KvHistoryFetcher::Result result) {
    if (key != shown_key_) return;
    if (!result) {
        history_revision_ = -1;  // try again on the next keys refresh
        history_title_->setText(jsErrorText(result.error()));
        return;
    }
    const bool first_rows = history_->rowCount() == 0;
    history_->setHistory(*result);
    if (first_rows) history_view_->resizeColumnsToContents();
    history_title_->setText(tr("%n revision(s) of %1", nullptr, history_->rowCount()).arg(key));
    emit historyRefreshed();
}

void KvPanel::showMessage(const QString& text) {
    message_->setText(text);
    page_stack_->setCurrentIndex(kJsMessagePage);
    status_->clear();
}

void KvPanel::showKeyMessage(const QString& text) {
    key_message_->setText(text);
    key_stack_->setCurrentIndex(kJsMessagePage);
}

}  // namespace nwb::ui
