// What it takes to reach one NATS server or cluster: the saved form of a connection.
#pragma once

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace nwb::ui {

enum class AuthKind { None, UserPassword, Token, NkeySeed, CredsFile };

struct ConnectionProfile {
    qint64 id = 0;     ///< row id in the profile store; 0 until saved
    QString name;      ///< shown in the navigator
    QColor colour;     ///< marks this connection's tabs and status bar
    QStringList urls;  ///< nats://host:port, tls://host:port; at least one
    AuthKind auth = AuthKind::None;
    QString user;
    QString password;       ///< secret
    QString token;          ///< secret
    QString nkey_seed;      ///< secret: the SU... seed itself
    QString creds_file;     ///< path to a .creds file
    QString tls_ca_file;    ///< empty: system roots
    QString tls_cert_file;  ///< client certificate, with tls_key_file
    QString tls_key_file;
    bool tls_required = false;
    bool tls_skip_verify = false;
    QString monitor_url;  ///< http://host:8222; empty: none (the $SYS fallback is used)
};

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::ConnectionProfile)
