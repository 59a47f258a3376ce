// The INFO line a NATS server sends first, read over a plain TCP connection (before any TLS).
#pragma once

#include <QString>

#include <expected>

namespace nwb::ui {

struct ServerInfo {
    QString server_id;
    QString server_name;
    QString version;
    bool jetstream = false;
    bool tls_required = false;
    bool headers = false;
    qint64 max_payload = 0;
};

/// Parses "INFO {...}" (with or without the line end). Any thread.
std::expected<ServerInfo, QString> parseInfoLine(const QByteArray& line);

/// Connects to `url`'s host and port (nats://, tls://, or host:port; port 4222 if absent),
/// reads the INFO line and disconnects. Worker threads only: blocks up to `timeout_ms`.
std::expected<ServerInfo, QString> readServerInfo(const QString& url, int timeout_ms);

}  // namespace nwb::ui
