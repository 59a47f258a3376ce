// Lists a bucket's subjects, then gets each key's last entry with a bounded window.
#include "ui/jetstream/kv_keys_fetcher.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace nwb::ui {
namespace {

/// nats-server's err_code for "no message found" (the key went away between the two requests).
constexpr int kNoMessageFound = 10037;

QByteArray compactJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

}  // namespace

KvKeysFetcher::KvKeysFetcher(JsRequester requester, QObject* parent)
    : QObject(parent), requester_(std::move(requester)) {}

void KvKeysFetcher::fetch(const QString& bucket, std::function<void(Result)> done) {
    ++id_;
    busy_ = true;
    bucket_ = bucket;
    pages_ = 0;
    subjects_.clear();
    total_subjects_ = 0;
    pending_.clear();
    in_flight_ = 0;
    keys_ = {};
    done_ = std::move(done);
    requestSubjects(0);
}

void KvKeysFetcher::cancel() {
    ++id_;
    busy_ = false;
    done_ = nullptr;
}

void KvKeysFetcher::requestSubjects(qint64 offset) {
    ++pages_;
    QJsonObject request{{QStringLiteral("subjects_filter"), kvSubjectPrefix(bucket_) + '>'}};
    if (offset > 0) request.insert(QStringLiteral("offset"), offset);
    requester_(QStringLiteral("$JS.API.STREAM.INFO.") + kKvStreamPrefix + bucket_,
               compactJson(request), this,
               [this, id = id_](const RequestResult& result) { onSubjects(id, result); });
}

void KvKeysFetcher::onSubjects(quint64 id, const RequestResult& result) {
    if (id != id_ || !busy_) return;
    if (!result.ok) {
        finish(std::unexpected(jsErrorFromRequest(result)));
        return;
    }
    auto page = parseKvSubjectsPage(result.reply.payload);
    if (!page) {
        finish(std::unexpected(page.error()));
        return;
    }
    subjects_.insert(page->subjects);
    total_subjects_ = std::max(page->total, static_cast<qint64>(subjects_.size()));
    // Pages are sorted by subject, so the first kMaxKeys are known once that many came.
    const bool more = !page->subjects.isEmpty() && subjects_.size() < total_subjects_ &&
                      subjects_.size() < kMaxKeys && pages_ < kMaxPages;
    if (more) {
        requestSubjects(subjects_.size());
        return;
    }
    keys_.total_keys = total_subjects_;
    const QString prefix = kvSubjectPrefix(bucket_);
    for (auto it = subjects_.cbegin(); it != subjects_.cend() && pending_.size() < kMaxKeys; ++it) {
        pending_.append(it.key());
        keys_.counts.insert(it.key().mid(prefix.size()), it.value());
    }
    if (pending_.isEmpty()) {
        finish(std::move(keys_));
        return;
    }
    requestNextEntries();
}

void KvKeysFetcher::requestNextEntries() {
    while (in_flight_ < kMaxInFlight && !pending_.isEmpty()) {
        const QString subject = pending_.takeFirst();
        ++in_flight_;
        requester_(QStringLiteral("$JS.API.STREAM.MSG.GET.") + kKvStreamPrefix + bucket_,
                   compactJson({{QStringLiteral("last_by_subj"), subject}}), this,
                   [this, id = id_](const RequestResult& result) { onEntry(id, result); });
    }
}

void KvKeysFetcher::onEntry(quint64 id, const RequestResult& result) {
    if (id != id_ || !busy_) return;
    --in_flight_;
    if (!result.ok) {
        finish(std::unexpected(jsErrorFromRequest(result)));
        return;
    }
    auto entry = parseKvEntry(result.reply.payload, kvSubjectPrefix(bucket_));
    if (entry) {
        keys_.entries.append(std::move(*entry));
    } else if (entry.error().err_code != kNoMessageFound) {
        finish(std::unexpected(entry.error()));
        return;
    }
    if (pending_.isEmpty() && in_flight_ == 0) {
        std::sort(keys_.entries.begin(), keys_.entries.end(),
                  [](const KvEntry& a, const KvEntry& b) { return a.name < b.name; });
        finish(std::move(keys_));
        return;
    }
    requestNextEntries();
}

void KvKeysFetcher::finish(Result result) {
    ++id_;  // replies still in flight belong to a finished fetch
    busy_ = false;
    auto done = std::move(done_);
    done_ = nullptr;
    if (done) done(std::move(result));
}

}  // namespace nwb::ui
