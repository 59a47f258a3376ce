// The Key-Value view: a server's KV buckets (the KV_ streams of $JS.API.STREAM.LIST), the
// selected bucket's keys, and the selected key's value and history.
#pragma once

#include "ui/jetstream/js_list_fetcher.h"
#include "ui/jetstream/kv_history_fetcher.h"
#include "ui/jetstream/kv_keys_fetcher.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace nwb::ui {

class KvBucketTableModel;
class KvKeyTableModel;
class NatsSession;
class PayloadViewer;

class KvPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 2000;
    static constexpr int kTimeoutMs = 2000;

    /// GUI thread. The panel does not own `session`, which may go away before it.
    explicit KvPanel(NatsSession* session, QWidget* parent = nullptr);

    KvBucketTableModel* bucketModel() const { return buckets_; }
    QSortFilterProxyModel* bucketProxy() const { return bucket_proxy_; }
    QTableView* bucketView() const { return bucket_view_; }
    KvKeyTableModel* keyModel() const { return keys_; }
    QTableView* keyView() const { return key_view_; }
    KvKeyTableModel* historyModel() const { return history_; }
    PayloadViewer* valueViewer() const { return value_; }
    QCheckBox* showDeletedBox() const { return show_deleted_; }

    QString selectedBucket() const;
    QString selectedKey() const;
    /// Select the row of bucket / key `name`; false if the table has none. GUI thread.
    bool selectBucket(const QString& name);
    bool selectKey(const QString& name);
    /// Why the buckets table is not shown; empty while it is.
    QString messageText() const;
    /// Why the keys table is not shown (no bucket selected, an API error); empty while it is.
    QString keyMessageText() const;
    /// "3 keys in CONFIG", and whether the list was cut to KvKeysFetcher::kMaxKeys.
    QString keyTitleText() const;
    /// The status line: how many buckets; empty while messageText() is shown.
    QString statusText() const;

public slots:
    /// Fetches the buckets and the selected bucket's keys now (F5). GUI thread; returns at once.
    void refresh();

signals:
    void bucketsRefreshed();
    /// The keys table holds a fresh list for selectedBucket().
    void keysRefreshed();
    /// The history table holds a fresh list for selectedKey().
    void historyRefreshed();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* createBucketsPage();
    QWidget* createKeyBox();
    QWidget* createValueBox();
    void poll();
    void fetchBuckets(bool force_keys);
    void onStreams(JsListFetcher::Result result, bool force_keys);
    void onBucketSelected();
    void refreshKeys();
    void onKeys(const QString& bucket, qint64 last_seq, qint64 values,
                KvKeysFetcher::Result result);
    void applyKeyFilter();
    void onKeySelected();
    void showValue();
    void refreshHistory();
    void onHistory(const QString& key, KvHistoryFetcher::Result result);
    void showMessage(const QString& text);
    void showKeyMessage(const QString& text);

    QPointer<NatsSession> session_;
    JsListFetcher* bucket_fetcher_;
    KvKeysFetcher* key_fetcher_;
    KvHistoryFetcher* history_fetcher_;
    QTimer* timer_;
    KvBucketTableModel* buckets_;
    QSortFilterProxyModel* bucket_proxy_;
    KvKeyTableModel* keys_;
    QSortFilterProxyModel* key_proxy_;
    KvKeyTableModel* history_;
    QStackedWidget* page_stack_ = nullptr;
    QLabel* message_ = nullptr;
    QTableView* bucket_view_ = nullptr;
    QLabel* key_title_ = nullptr;
    QCheckBox* show_deleted_ = nullptr;
    QStackedWidget* key_stack_ = nullptr;
    QLabel* key_message_ = nullptr;
    QTableView* key_view_ = nullptr;
    QLabel* value_title_ = nullptr;
    PayloadViewer* value_ = nullptr;
    QLabel* history_title_ = nullptr;
    QTableView* history_view_ = nullptr;
    QLabel* status_ = nullptr;

    QString shown_bucket_;
    qint64 keys_last_seq_ = -1;  ///< the bucket's last_seq when its shown keys were fetched
    qint64 keys_values_ = -1;    ///< and its number of values then
    KvKeysFetcher::Keys all_keys_;
    QString shown_key_;
    qint64 history_revision_ = -1;  ///< the shown key's revision when its history was fetched
};

}  // namespace nwb::ui
