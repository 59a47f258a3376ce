// Fetches a key's history: its entries oldest first, walking STREAM.MSG.GET with next_by_subj.
#pragma once

#include "ui/jetstream/js_list_fetcher.h"
#include "ui/jetstream/kv_entry.h"

#include <QList>
#include <QObject>

#include <expected>
#include <functional>

namespace nwb::ui {

class KvHistoryFetcher : public QObject {
    Q_OBJECT
public:
    /// A bound whatever the bucket's history setting says (nats-server caps it at 64).
    static constexpr int kMaxEntries = 64;
    using Result = std::expected<QList<KvEntry>, JsError>;

    /// GUI thread.
    explicit KvHistoryFetcher(JsRequester requester, QObject* parent = nullptr);

    /// Gets up to `max_entries` entries of `key` in `bucket`, one request each, oldest first.
    /// A fetch still running is abandoned. GUI thread; returns at once.
    void fetch(const QString& bucket, const QString& key, int max_entries,
               std::function<void(Result)> done);
    void cancel();
    bool isBusy() const { return busy_; }

private:
    void requestFrom(qint64 seq);
    void onEntry(quint64 id, const RequestResult& result);
    void finish(Result result);

    JsRequester requester_;
    quint64 id_ = 0;
    bool busy_ = false;
    QString bucket_;
    QString subject_;
    int max_entries_ = 0;
    QList<KvEntry> entries_;
    std::function<void(Result)> done_;
};

}  // namespace nwb::ui
