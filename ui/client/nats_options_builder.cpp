// natsOptions from a ConnectionProfile.
#include "ui/client/nats_options_builder.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

#include <vector>

namespace nwb::ui {
namespace {

bool usesTls(const ConnectionProfile& profile) {
    if (profile.tls_required) return true;
    for (const QString& url : profile.urls)
        if (url.trimmed().startsWith(QLatin1String("tls://"), Qt::CaseInsensitive)) return true;
    return false;
}

/// Runs one libnats option call; on failure fills `error` with libnats' text.
bool check(natsStatus status, QString& error, const QString& what) {
    if (status == NATS_OK) return true;
    error = what.isEmpty() ? natsErrorText(status)
                           : what + QStringLiteral(": ") + natsErrorText(status);
    return false;
}

}  // namespace

std::expected<BuiltNatsOptions, QString> buildNatsOptions(const ConnectionProfile& profile,
                                                          const ConnectBehaviour& behaviour) {
    QList<QByteArray> urls;
    for (const QString& url : profile.urls)
        if (!url.trimmed().isEmpty()) urls.append(url.trimmed().toUtf8());
    if (urls.isEmpty())
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::NatsOptionsBuilder", "no server URL"));

    natsOptions* raw = nullptr;
    if (natsOptions_Create(&raw) != NATS_OK) return std::unexpected(natsErrorText(NATS_NO_MEMORY));
    BuiltNatsOptions built{NatsOptionsPtr(raw), nullptr};
    natsOptions* o = raw;
    QString error;

    std::vector<const char*> servers;
    for (const QByteArray& url : urls) servers.push_back(url.constData());
    if (!check(natsOptions_SetServers(o, servers.data(), static_cast<int>(servers.size())), error,
               {}))
        return std::unexpected(error);
    natsOptions_SetName(o, kClientName);
    natsOptions_SetTimeout(o, behaviour.timeout_ms);
    natsOptions_SetNoRandomize(o, true);  // the first URL is the one the user means
    natsOptions_SetAllowReconnect(o, behaviour.reconnect);
    if (behaviour.reconnect) {
        natsOptions_SetMaxReconnect(o, -1);
        natsOptions_SetReconnectWait(o, 1000);
    }
    natsOptions_SetRetryOnFailedConnect(o, false, nullptr, nullptr);

    switch (profile.auth) {
        case AuthKind::None:
            break;
        case AuthKind::UserPassword:
            if (!check(natsOptions_SetUserInfo(o, profile.user.toUtf8().constData(),
                                               profile.password.toUtf8().constData()),
                       error, {}))
                return std::unexpected(error);
            break;
        case AuthKind::Token:
            if (!check(natsOptions_SetToken(o, profile.token.toUtf8().constData()), error, {}))
                return std::unexpected(error);
            break;
        case AuthKind::NkeySeed: {
            auto signer = NkeySigner::fromSeed(profile.nkey_seed);
            if (!signer) return std::unexpected(signer.error());
            built.signer = std::move(*signer);
            if (!check(natsOptions_SetNKey(o, built.signer->publicKey().constData(),
                                           &NkeySigner::sign, built.signer.get()),
                       error, {}))
                return std::unexpected(error);
            break;
        }
        case AuthKind::CredsFile:
            if (!check(
                    natsOptions_SetUserCredentialsFromFiles(
                        o, profile.creds_file.toLocal8Bit().constData(), nullptr),
                    error,
                    QCoreApplication::translate("nwb::ui::NatsOptionsBuilder", "credentials file")))
                return std::unexpected(error);
            break;
    }

    if (usesTls(profile)) {
        if (!check(natsOptions_SetSecure(o, true), error,
                   QCoreApplication::translate("nwb::ui::NatsOptionsBuilder", "TLS")))
            return std::unexpected(error);
        if (!profile.tls_ca_file.isEmpty() &&
            !check(natsOptions_LoadCATrustedCertificates(
                       o, profile.tls_ca_file.toLocal8Bit().constData()),
                   error, QCoreApplication::translate("nwb::ui::NatsOptionsBuilder", "CA file")))
            return std::unexpected(error);
        if (!profile.tls_cert_file.isEmpty() &&
            !check(
                natsOptions_LoadCertificatesChain(o,
                                                  profile.tls_cert_file.toLocal8Bit().constData(),
                                                  profile.tls_key_file.toLocal8Bit().constData()),
                error,
                QCoreApplication::translate("nwb::ui::NatsOptionsBuilder", "client certificate")))
            return std::unexpected(error);
        if (profile.tls_skip_verify) natsOptions_SkipServerVerification(o, true);
    }
    return built;
}

}  // namespace nwb::ui
