// The INFO line a NATS server sends first.
#include "ui/client/server_info_reader.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>

namespace nwb::ui {
namespace {

constexpr quint16 kDefaultPort = 4222;
constexpr qint64 kMaxInfoLine = 64 * 1024;

}  // namespace

std::expected<ServerInfo, QString> parseInfoLine(const QByteArray& line) {
    const QByteArray trimmed = line.trimmed();
    if (!trimmed.startsWith("INFO ") && !trimmed.startsWith("INFO\t"))
        return std::unexpected(QCoreApplication::translate(
            "nwb::ui::ServerInfoReader", "the server did not send INFO (is this a NATS server?)"));
    QJsonParseError parse_error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.mid(5).trimmed(), &parse_error);
    if (!doc.isObject())
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::ServerInfoReader", "unreadable INFO: %1")
                .arg(parse_error.errorString()));
    const QJsonObject o = doc.object();
    ServerInfo info;
    info.server_id = o.value(QLatin1String("server_id")).toString();
    info.server_name = o.value(QLatin1String("server_name")).toString();
    info.version = o.value(QLatin1String("version")).toString();
    info.jetstream = o.value(QLatin1String("jetstream")).toBool();
    info.tls_required = o.value(QLatin1String("tls_required")).toBool();
    info.headers = o.value(QLatin1String("headers")).toBool();
    info.max_payload = o.value(QLatin1String("max_payload")).toInteger();
    return info;
}

std::expected<ServerInfo, QString> readServerInfo(const QString& url, int timeout_ms) {
    QString text = url.trimmed();
    if (!text.contains(QLatin1String("://"))) text.prepend(QLatin1String("nats://"));
    const QUrl parsed(text);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::ServerInfoReader", "invalid server URL: %1")
                .arg(url));
    const QString host = parsed.host();
    const int port = parsed.port(kDefaultPort);

    QDeadlineTimer deadline(timeout_ms);
    QTcpSocket socket;
    socket.connectToHost(host, static_cast<quint16>(port));
    if (!socket.waitForConnected(static_cast<int>(deadline.remainingTime())))
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::ServerInfoReader", "cannot reach %1:%2: %3")
                .arg(host)
                .arg(port)
                .arg(socket.errorString()));
    while (!socket.canReadLine()) {
        if (socket.bytesAvailable() > kMaxInfoLine)
            return std::unexpected(QCoreApplication::translate(
                "nwb::ui::ServerInfoReader",
                "the server did not send INFO (is this a NATS server?)"));
        const qint64 remaining = deadline.remainingTime();
        if (remaining <= 0 || !socket.waitForReadyRead(static_cast<int>(remaining)))
            return std::unexpected(
                QCoreApplication::translate("nwb::ui::ServerInfoReader", "no INFO from %1:%2: %3")
                    .arg(host)
                    .arg(port)
                    .arg(remaining <= 0
                             ? QCoreApplication::translate("nwb::ui::ServerInfoReader", "timeout")
                             : socket.errorString()));
    }
    const QByteArray line = socket.readLine(kMaxInfoLine);
    socket.abort();
    return parseInfoLine(line);
}

}  // namespace nwb::ui
