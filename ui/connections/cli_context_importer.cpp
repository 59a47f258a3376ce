// nats CLI contexts → ConnectionProfile, following the CLI's own reading of the fields
// (jsm.go natscontext: user beats creds beats nkey beats token; nkey names a seed file).
#include "ui/connections/cli_context_importer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace nwb::ui {

namespace {

constexpr auto kDefaultUrl = "nats://127.0.0.1:4222";
constexpr int kDefaultPort = 4222;

QString expandHome(const QString& path) {
    if (path == QStringLiteral("~")) return QDir::homePath();
    if (path.startsWith(QStringLiteral("~/"))) return QDir::homePath() + path.mid(1);
    return path;
}

/// "host:port" and "host" as the nats CLI reads them: nats:// in front, port 4222 by default.
std::expected<QString, QString> normaliseUrl(QString text) {
    if (!text.contains(QStringLiteral("://"))) text.prepend(QStringLiteral("nats://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return std::unexpected(CliContextImporter::tr("\"%1\" is not a valid server URL").arg(text));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QStringLiteral("nats") && scheme != QStringLiteral("tls")) {
        return std::unexpected(
            CliContextImporter::tr("\"%1\": only nats:// and tls:// servers can be used").arg(text));
    }
    url.setScheme(scheme);
    if (url.port() == -1) url.setPort(kDefaultPort);
    return url.toString();
}

std::expected<QString, QString> readSeed(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            CliContextImporter::tr("cannot read the nkey seed file %1: %2").arg(path, file.errorString()));
    }
    // A bare seed or a decorated file: take the first user seed in it.
    static const QRegularExpression seed(QStringLiteral("SU[A-Z2-7]{50,}"));
    const auto match = seed.match(QString::fromUtf8(file.read(64 * 1024)));
    if (!match.hasMatch()) {
        return std::unexpected(
            CliContextImporter::tr("the nkey file %1 holds no user seed (SU…)").arg(path));
    }
    return match.captured(0);
}

}  // namespace

QString CliContextImporter::defaultDirectory() {
    QString parent = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (parent.isEmpty()) parent = QDir::homePath() + QStringLiteral("/.config");
    return parent + QStringLiteral("/nats/context");
}

CliContextImporter::Result CliContextImporter::importDirectory(const QString& directory) {
    Result result;
    const QDir dir(directory);
    const auto files = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo& info : files) {
        if (info.size() == 0) continue;  // the CLI skips empty files too
        auto profile = importFile(info.filePath());
        if (profile) {
            result.profiles << *profile;
        } else {
            result.errors << FileError{info.fileName(), profile.error()};
        }
    }
    return result;
}

std::expected<ConnectionProfile, QString> CliContextImporter::importFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(tr("cannot read: %1").arg(file.errorString()));
    }
    QJsonParseError parse_error;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &parse_error);
    if (parse_error.error != QJsonParseError::NoError) {
        return std::unexpected(
            tr("not valid JSON: %1 at offset %2").arg(parse_error.errorString()).arg(parse_error.offset));
    }
    if (!doc.isObject()) return std::unexpected(tr("not a JSON object"));
    const QJsonObject o = doc.object();

    // Every field the profile uses is a string in the CLI's format.
    QString bad_field;
    auto field = [&](const char* key) -> QString {
        const auto v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isString()) {
            if (bad_field.isEmpty()) bad_field = QLatin1String(key);
            return {};
        }
        return v.toString().trimmed();
    };
    const QString url = field("url");
    const QString user = field("user");
    const QString password = o.value(QStringLiteral("password")).toString();  // not trimmed
    const QString creds = field("creds");
    const QString nkey = field("nkey");
    const QString token = field("token");
    const QString cert = field("cert");
    const QString key = field("key");
    const QString ca = field("ca");
    const QString nsc = field("nsc");
    const QString user_jwt = field("user_jwt");
    const QString colour = field("color_scheme");
    if (!bad_field.isEmpty()) return std::unexpected(tr("\"%1\" is not a string").arg(bad_field));

    if (!nsc.isEmpty() && (url.isEmpty() || (user.isEmpty() && creds.isEmpty() && nkey.isEmpty() &&
                                             token.isEmpty()))) {
        return std::unexpected(
            tr("takes its server or credentials from nsc (%1); export them with nsc first").arg(nsc));
    }
    if (!user_jwt.isEmpty() && user.isEmpty() && creds.isEmpty()) {
        return std::unexpected(
            tr("authenticates with user_jwt, which a connection takes as a .creds file"));
    }

    ConnectionProfile p;
    p.name = QFileInfo(path).fileName();
    if (p.name.endsWith(QStringLiteral(".json"))) p.name.chop(5);
    const auto url_list = url.isEmpty() ? QStringList{QLatin1String(kDefaultUrl)}
                                        : url.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& u : url_list) {
        if (u.trimmed().isEmpty()) continue;
        auto normal = normaliseUrl(u.trimmed());
        if (!normal) return std::unexpected(normal.error());
        p.urls << *normal;
    }
    if (p.urls.isEmpty()) return std::unexpected(tr("\"url\" names no server"));

    if (!user.isEmpty()) {
        p.auth = AuthKind::UserPassword;
        p.user = user;
        p.password = password;
    } else if (!creds.isEmpty()) {
        p.auth = AuthKind::CredsFile;
        p.creds_file = expandHome(creds);
    } else if (!nkey.isEmpty()) {
        auto seed = readSeed(expandHome(nkey));
        if (!seed) return std::unexpected(seed.error());
        p.auth = AuthKind::NkeySeed;
        p.nkey_seed = *seed;
    } else if (!token.isEmpty()) {
        p.auth = AuthKind::Token;
        p.token = token;
    }

    p.tls_ca_file = expandHome(ca);
    p.tls_cert_file = expandHome(cert);
    p.tls_key_file = expandHome(key);
    // As in nats.go, a CA or a client certificate turns TLS on.
    p.tls_required = !ca.isEmpty() || !cert.isEmpty() || !key.isEmpty() ||
                     std::any_of(p.urls.cbegin(), p.urls.cend(), [](const QString& u) {
                         return u.startsWith(QStringLiteral("tls://"));
                     });
    if (!colour.isEmpty()) {
        const QColor c = QColor::fromString(colour);
        if (c.isValid()) p.colour = c;
    }
    return p;
}

}  // namespace nwb::ui
