// Follows the offset/total paging of $JS.API list requests.
#include "ui/jetstream/js_list_fetcher.h"

#include "ui/client/nats_session.h"
#include "ui/jetstream/js_list_page.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace nwb::ui {

JsRequester sessionRequester(NatsSession* session, int timeout_ms) {
    return [guard = QPointer<NatsSession>(session), timeout_ms](
               const QString& subject, const QByteArray& payload, QObject* context,
               std::function<void(const RequestResult&)> done) {
        if (guard.isNull()) {
            RequestResult result;
            result.error = NatsSession::tr("not connected");
            done(result);
            return;
        }
        guard->request(subject, {}, payload, timeout_ms, context, std::move(done));
    };
}

JsListFetcher::JsListFetcher(JsRequester requester, QObject* parent)
    : QObject(parent), requester_(std::move(requester)) {}

void JsListFetcher::fetch(const QString& subject, const QString& items_key,
                          std::function<void(Result)> done) {
    run_ = Run{run_.id + 1, subject, items_key, {}, 0, std::move(done)};
    busy_ = true;
    requestPage(0);
}

void JsListFetcher::cancel() {
    ++run_.id;
    run_.done = nullptr;
    busy_ = false;
}

void JsListFetcher::requestPage(qint64 offset) {
    ++run_.pages;
    const QByteArray payload = QJsonDocument(QJsonObject{{QStringLiteral("offset"), offset}})
                                   .toJson(QJsonDocument::Compact);
    requester_(run_.subject, payload, this,
               [this, id = run_.id](const RequestResult& result) { onReply(id, result); });
}

void JsListFetcher::onReply(quint64 id, const RequestResult& result) {
    if (id != run_.id || !busy_) return;  // an abandoned fetch
    if (!result.ok) {
        finish(std::unexpected(jsErrorFromRequest(result)));
        return;
    }
    auto page = parseJsListPage(result.reply.payload, run_.items_key);
    if (!page) {
        finish(std::unexpected(page.error()));
        return;
    }
    for (const QJsonValue& item : std::as_const(page->items)) run_.items.append(item);
    const qint64 next = page->offset + page->items.size();
    if (page->items.isEmpty() || next >= page->total || run_.pages >= kMaxPages) {
        finish(run_.items);
        return;
    }
    requestPage(next);
}

void JsListFetcher::finish(Result result) {
    busy_ = false;
    auto done = std::move(run_.done);
    run_.done = nullptr;
    run_.items = {};
    if (done) done(std::move(result));
}

}  // namespace nwb::ui
