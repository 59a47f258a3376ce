// Reaching a monitoring endpoint: its HTTP URL under a monitor base URL, and the "data" of a
// $SYS.REQ.SERVER.PING.<ENDPOINT> reply envelope.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

class QNetworkReply;

namespace nwb::ui {

/// `<base>/<endpoint>` keeping any base path ("http://h:8222/base" + "connz" → ".../base/connz"),
/// with `query` ("subs=0&limit=1024") when not empty. Invalid if `base` is not http(s). Any thread.
QUrl monitorEndpointUrl(const QString& base, const QString& endpoint, const QString& query = {});

/// The JSON object in a finished reply, or nullopt with `error` set (network error, HTTP status
/// other than 200, not a JSON object). GUI thread.
std::optional<QJsonObject> jsonFromReply(QNetworkReply* reply, QString* error);

/// The "data" object of a $SYS reply {"server":{...},"data":{...}}, or nullopt with `error` set
/// (the envelope's "error" description, or malformed JSON). Any thread.
std::optional<QJsonObject> sysReplyData(const QByteArray& payload, QString* error);

class NatsSession;

/// The monitoring base URL a view polls: one set explicitly (even empty: "no HTTP"), else the
/// session profile's monitor_url. GUI thread.
class MonitorUrlChoice {
public:
    void set(const QString& url) { chosen_ = url; }
    QString resolve(const NatsSession* session) const;

private:
    std::optional<QString> chosen_;
};

}  // namespace nwb::ui
