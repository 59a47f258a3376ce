// Reaching a monitoring endpoint over HTTP or $SYS.
#include "ui/monitoring/monitor_endpoint.h"

#include "ui/client/nats_session.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkReply>

namespace nwb::ui {

QString MonitorUrlChoice::resolve(const NatsSession* session) const {
    if (chosen_) return *chosen_;
    return session ? session->profile().monitor_url : QString();
}

namespace {

struct MonitorEndpoint {
    Q_DECLARE_TR_FUNCTIONS(nwb::ui::MonitorEndpoint)
};

}  // namespace

QUrl monitorEndpointUrl(const QString& base, const QString& endpoint, const QString& query) {
    QUrl url(base.trimmed());
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
        url.host().isEmpty()) {
        return {};
    }
    QString path = url.path();
    if (!path.endsWith(u'/')) path += u'/';
    url.setPath(path + endpoint);
    url.setQuery(query.isEmpty() ? QString() : query);
    url.setFragment({});
    return url;
}

std::optional<QJsonObject> jsonFromReply(QNetworkReply* reply, QString* error) {
    if (reply->error() != QNetworkReply::NoError) {
        // A transfer timeout shows as OperationCanceledError; say what it was.
        *error = reply->error() == QNetworkReply::OperationCanceledError
                     ? MonitorEndpoint::tr("no answer in time")
                     : reply->errorString();
        return std::nullopt;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        *error = MonitorEndpoint::tr("HTTP status %1").arg(status);
        return std::nullopt;
    }
    QJsonParseError parse_error;
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &parse_error);
    if (parse_error.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = MonitorEndpoint::tr("not a JSON object: %1").arg(parse_error.errorString());
        return std::nullopt;
    }
    return doc.object();
}

std::optional<QJsonObject> sysReplyData(const QByteArray& payload, QString* error) {
    QJsonParseError parse_error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &parse_error);
    if (parse_error.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = MonitorEndpoint::tr("malformed $SYS reply: %1").arg(parse_error.errorString());
        return std::nullopt;
    }
    const QJsonObject envelope = doc.object();
    if (const QJsonValue e = envelope.value(u"error"); e.isObject()) {
        const QJsonObject eo = e.toObject();
        *error = MonitorEndpoint::tr("$SYS error %1: %2")
                     .arg(eo.value(u"code").toInteger())
                     .arg(eo.value(u"description").toString());
        return std::nullopt;
    }
    const QJsonValue data = envelope.value(u"data");
    if (!data.isObject()) {
        *error = MonitorEndpoint::tr("$SYS reply without data");
        return std::nullopt;
    }
    return data.toObject();
}

}  // namespace nwb::ui
