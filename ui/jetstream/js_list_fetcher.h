// Fetches a whole $JS.API list (STREAM.LIST, CONSUMER.LIST.<stream>), following its pages.
#pragma once

#include "ui/jetstream/js_error.h"

#include <QJsonArray>
#include <QObject>
#include <QString>

#include <expected>
#include <functional>

namespace nwb::ui {

class NatsSession;

/// Sends one request and calls `done` on the GUI thread, unless `context` is gone by then.
using JsRequester =
    std::function<void(const QString& subject, const QByteArray& payload, QObject* context,
                       std::function<void(const RequestResult&)> done)>;

/// Requests through `session` (which may go away: then every request fails as not connected).
JsRequester sessionRequester(NatsSession* session, int timeout_ms);

class JsListFetcher : public QObject {
    Q_OBJECT
public:
    using Result = std::expected<QJsonArray, JsError>;
    /// A bound on pages per fetch, so a server that never ends its list cannot keep us busy.
    static constexpr int kMaxPages = 1000;

    /// GUI thread.
    explicit JsListFetcher(JsRequester requester, QObject* parent = nullptr);

    /// Requests `subject` with {"offset":0}, then the next offsets while the pages so far hold
    /// fewer items than "total"; `done` gets every page's `items_key` items in order, or the
    /// first error. A fetch still running is abandoned (its `done` is never called).
    /// GUI thread; returns at once.
    void fetch(const QString& subject, const QString& items_key, std::function<void(Result)> done);
    /// Abandons the running fetch, if any. GUI thread.
    void cancel();
    bool isBusy() const { return busy_; }

private:
    struct Run {
        quint64 id = 0;
        QString subject;
        QString items_key;
        QJsonArray items;
        int pages = 0;
        std::function<void(Result)> done;
    };
    void requestPage(qint64 offset);
    void onReply(quint64 id, const RequestResult& result);
    void finish(Result result);

    JsRequester requester_;
    Run run_;
    bool busy_ = false;
};

}  // namespace nwb::ui
