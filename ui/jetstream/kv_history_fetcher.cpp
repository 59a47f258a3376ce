// Walks a key's entries forward, one STREAM.MSG.GET {"seq":N,"next_by_subj":...} at a time.
#include "ui/jetstream/kv_history_fetcher.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace nwb::ui {
namespace {

constexpr int kNoMessageFound = 10037;  // past the key's last entry

}  // namespace

KvHistoryFetcher::KvHistoryFetcher(JsRequester requester, QObject* parent)
    : QObject(parent), requester_(std::move(requester)) {}

void KvHistoryFetcher::fetch(const QString& bucket, const QString& key, int max_entries,
                             std::function<void(Result)> done) {
    ++id_;
    busy_ = true;
    bucket_ = bucket;
    subject_ = kvSubjectPrefix(bucket) + key;
    max_entries_ = std::clamp(max_entries, 1, kMaxEntries);
    entries_.clear();
    done_ = std::move(done);
    requestFrom(1);
}

void KvHistoryFetcher::cancel() {
    ++id_;
    busy_ = false;
    done_ = nullptr;
}

void KvHistoryFetcher::requestFrom(qint64 seq) {
    const QJsonObject request{{QStringLiteral("seq"), seq},
                              {QStringLiteral("next_by_subj"), subject_}};
    requester_(QStringLiteral("$JS.API.STREAM.MSG.GET.") + kKvStreamPrefix + bucket_,
               QJsonDocument(request).toJson(QJsonDocument::Compact), this,
               [this, id = id_](const RequestResult& result) { onEntry(id, result); });
}

void KvHistoryFetcher::onEntry(quint64 id, const RequestResult& result) {
    if (id != id_ || !busy_) return;
    if (!result.ok) {
        finish(std::unexpected(jsErrorFromRequest(result)));
        return;
    }
    auto entry = parseKvEntry(result.reply.payload, kvSubjectPrefix(bucket_));
    if (!entry) {
        if (entry.error().err_code == kNoMessageFound) {
            finish(std::move(entries_));
        } else {
            finish(std::unexpected(entry.error()));
        }
        return;
    }
    const qint64 next = entry->revision + 1;
    entries_.append(std::move(*entry));
    if (entries_.size() >= max_entries_) {
        finish(std::move(entries_));
        return;
    }
    requestFrom(next);
}

void KvHistoryFetcher::finish(Result result) {
    ++id_;
    busy_ = false;
    auto done = std::move(done_);
    done_ = nullptr;
    if (done) done(std::move(result));
}

}  // namespace nwb::ui
