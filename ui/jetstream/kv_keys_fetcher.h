// Fetches a KV bucket's keys: their subjects from STREAM.INFO (subjects_filter, paged), then
// each key's last entry with STREAM.MSG.GET (last_by_subj), a few requests in flight at a time.
#pragma once

#include "ui/jetstream/js_list_fetcher.h"
#include "ui/jetstream/kv_entry.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <expected>
#include <functional>

namespace nwb::ui {

class KvKeysFetcher : public QObject {
    Q_OBJECT
public:
    /// At most this many keys get their last entry fetched (the first, in subject order).
    static constexpr int kMaxKeys = 1000;
    static constexpr int kMaxInFlight = 8;
    /// A bound on STREAM.INFO pages per fetch.
    static constexpr int kMaxPages = 100;

    struct Keys {
        QList<KvEntry> entries;        ///< the fetched keys' last entries, by key
        QMap<QString, qint64> counts;  ///< key → entries held, for every key fetched
        qint64 total_keys = 0;         ///< keys in the bucket (deleted ones included)
        bool truncated() const { return total_keys > counts.size(); }
    };
    using Result = std::expected<Keys, JsError>;

    /// GUI thread.
    explicit KvKeysFetcher(JsRequester requester, QObject* parent = nullptr);

    /// Fetches the keys of `bucket`; `done` gets them or the first error. A fetch still running
    /// is abandoned. GUI thread; returns at once.
    void fetch(const QString& bucket, std::function<void(Result)> done);
    void cancel();
    bool isBusy() const { return busy_; }

private:
    void requestSubjects(qint64 offset);
    void onSubjects(quint64 id, const RequestResult& result);
    void requestNextEntries();
    void onEntry(quint64 id, const RequestResult& result);
    void finish(Result result);

    JsRequester requester_;
    quint64 id_ = 0;
    bool busy_ = false;
    QString bucket_;
    int pages_ = 0;
    QMap<QString, qint64> subjects_;
    qint64 total_subjects_ = 0;
    QStringList pending_;  ///< subjects whose last entry is still to request
    int in_flight_ = 0;
    Keys keys_;
    std::function<void(Result)> done_;
};

}  // namespace nwb::ui
