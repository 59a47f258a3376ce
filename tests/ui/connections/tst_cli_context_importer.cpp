// CliContextImporter on a temporary folder of nats CLI context files as the CLI writes them.
#include "ui/connections/cli_context_importer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using nwb::ui::AuthKind;
using nwb::ui::CliContextImporter;

namespace {

constexpr auto kSeed = "SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTBM";

/// A context as `nats context save` writes it: every field present, unused ones empty.
QByteArray context(const QJsonObject& set) {
    QJsonObject o{{"description", ""},   {"url", ""},         {"socks_proxy", ""},
                  {"token", ""},         {"user", ""},        {"password", ""},
                  {"creds", ""},         {"nkey", ""},        {"cert", ""},
                  {"key", ""},           {"ca", ""},          {"nsc", ""},
                  {"jetstream_domain", ""}, {"jetstream_api_prefix", ""},
                  {"jetstream_event_prefix", ""}, {"inbox_prefix", ""},
                  {"user_jwt", ""},      {"color_scheme", ""}, {"tls_first", false}};
    for (auto it = set.begin(); it != set.end(); ++it) o[it.key()] = it.value();
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

class TstCliContextImporter : public QObject {
    Q_OBJECT
private slots:
    void importsAFolderAndReportsTheBrokenFile();
    void nkeyIsASeedFile();
    void nkeyFileWithoutSeedIsAnError();
    void defaultsAndPrecedence();
    void tlsFilesTurnTlsOn();
    void unsupportedContexts_data();
    void unsupportedContexts();
    void missingFolderIsEmpty();
    void defaultDirectoryFollowsXdg();
};

void TstCliContextImporter::importsAFolderAndReportsTheBrokenFile() {
    QTemporaryDir dir;
    write(dir.filePath("ngs.prod.json"),
          context({{"description", "NGS production"},
                   {"url", "tls://connect.ngs.global"},
                   {"creds", "~/.local/share/nats/nsc/keys/creds/synadia/ACME/app.creds"},
                   {"jetstream_domain", "ngs"}}));
    write(dir.filePath("local.json"),
          context({{"description", "two local nodes"},
                   {"url", "nats://127.0.0.1:4222, nats://127.0.0.1:4223"},
                   {"user", "app"},
                   {"password", "s3cret pass"}}));
    write(dir.filePath("broken.json"), QByteArray("{\n  \"url\": \"nats://x:4222\",\n  \"user\": "));
    write(dir.filePath("empty.json"), QByteArray());          // skipped, as the CLI does
    write(dir.filePath("notes.txt"), QByteArray("not a context"));  // not a context file

    const auto result = CliContextImporter::importDirectory(dir.path());
    QCOMPARE(result.profiles.size(), 2);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().file, QStringLiteral("broken.json"));
    QVERIFY2(result.errors.first().reason.startsWith(QStringLiteral("not valid JSON")),
             qPrintable(result.errors.first().reason));

    const auto& local = result.profiles.at(0);  // sorted by file name
    QCOMPARE(local.name, QStringLiteral("local"));
    QCOMPARE(local.id, 0);
    QCOMPARE(local.urls, (QStringList{"nats://127.0.0.1:4222", "nats://127.0.0.1:4223"}));
    QCOMPARE(local.auth, AuthKind::UserPassword);
    QCOMPARE(local.user, QStringLiteral("app"));
    QCOMPARE(local.password, QStringLiteral("s3cret pass"));
    QVERIFY(local.token.isEmpty());
    QCOMPARE(local.tls_required, false);

    const auto& ngs = result.profiles.at(1);
    QCOMPARE(ngs.name, QStringLiteral("ngs.prod"));
    QCOMPARE(ngs.urls, QStringList{"tls://connect.ngs.global:4222"});
    QCOMPARE(ngs.auth, AuthKind::CredsFile);
    QCOMPARE(ngs.creds_file,
             QDir::homePath() + QStringLiteral("/.local/share/nats/nsc/keys/creds/synadia/ACME/app.creds"));
    QVERIFY(ngs.user.isEmpty());
    QCOMPARE(ngs.tls_required, true);
    QVERIFY(ngs.monitor_url.isEmpty());
}

void TstCliContextImporter::nkeyIsASeedFile() {
    QTemporaryDir dir;
    const QString seed_file = dir.filePath("user.nk");
    write(seed_file, QByteArray(kSeed) + "\n");
    write(dir.filePath("nk.json"), context({{"url", "localhost:4333"}, {"nkey", seed_file}}));
    const auto result = CliContextImporter::importDirectory(dir.path());
    QCOMPARE(result.errors.size(), 0);
    QCOMPARE(result.profiles.size(), 1);
    const auto& p = result.profiles.first();
    QCOMPARE(p.urls, QStringList{"nats://localhost:4333"});
    QCOMPARE(p.auth, AuthKind::NkeySeed);
    QCOMPARE(p.nkey_seed, QLatin1String(kSeed));

    // A decorated seed file (as `nk` and nsc write them) works too.
    write(seed_file, QByteArray("-----BEGIN USER NKEY SEED-----\n") + kSeed +
                         "\n------END USER NKEY SEED------\n");
    auto again = CliContextImporter::importFile(dir.filePath("nk.json"));
    QVERIFY(again.has_value());
    QCOMPARE(again->nkey_seed, QLatin1String(kSeed));
}

void TstCliContextImporter::nkeyFileWithoutSeedIsAnError() {
    QTemporaryDir dir;
    write(dir.filePath("a.json"), context({{"url", "nats://h:4222"}, {"nkey", dir.filePath("missing.nk")}}));
    write(dir.filePath("garbage.nk"), QByteArray("hello"));
    write(dir.filePath("b.json"), context({{"url", "nats://h:4222"}, {"nkey", dir.filePath("garbage.nk")}}));
    const auto result = CliContextImporter::importDirectory(dir.path());
    QCOMPARE(result.profiles.size(), 0);
    QCOMPARE(result.errors.size(), 2);
    QCOMPARE(result.errors.at(0).file, QStringLiteral("a.json"));
    QVERIFY2(result.errors.at(0).reason.startsWith(QStringLiteral("cannot read the nkey seed file")),
             qPrintable(result.errors.at(0).reason));
    QCOMPARE(result.errors.at(1).file, QStringLiteral("b.json"));
    QVERIFY(result.errors.at(1).reason.contains(QStringLiteral("holds no user seed")));
}

void TstCliContextImporter::defaultsAndPrecedence() {
    QTemporaryDir dir;
    // No url: the CLI's default server. user wins over token, as in the CLI.
    write(dir.filePath("d.json"), context({{"user", "u"}, {"token", "t"}, {"color_scheme", "magenta"}}));
    write(dir.filePath("t.json"), context({{"url", "nats://a"}, {"token", "abc"}}));
    write(dir.filePath("minimal.json"), QByteArray(R"({"url":"nats://b:5222"})"));
    const auto result = CliContextImporter::importDirectory(dir.path());
    QCOMPARE(result.errors.size(), 0);
    QCOMPARE(result.profiles.size(), 3);
    const auto& d = result.profiles.at(0);
    QCOMPARE(d.urls, QStringList{"nats://127.0.0.1:4222"});
    QCOMPARE(d.auth, AuthKind::UserPassword);
    QCOMPARE(d.user, QStringLiteral("u"));
    QVERIFY(d.token.isEmpty());
    QCOMPARE(d.colour, QColor(Qt::magenta));
    const auto& minimal = result.profiles.at(1);
    QCOMPARE(minimal.urls, QStringList{"nats://b:5222"});
    QCOMPARE(minimal.auth, AuthKind::None);
    QVERIFY(!minimal.colour.isValid());
    const auto& t = result.profiles.at(2);
    QCOMPARE(t.urls, QStringList{"nats://a:4222"});
    QCOMPARE(t.auth, AuthKind::Token);
    QCOMPARE(t.token, QStringLiteral("abc"));
}

void TstCliContextImporter::tlsFilesTurnTlsOn() {
    QTemporaryDir dir;
    write(dir.filePath("mtls.json"), context({{"url", "nats://secure:4222"},
                                              {"ca", "/etc/nats/ca.pem"},
                                              {"cert", "~/certs/client.pem"},
                                              {"key", "~/certs/client-key.pem"}}));
    auto p = CliContextImporter::importFile(dir.filePath("mtls.json"));
    QVERIFY(p.has_value());
    QCOMPARE(p->tls_required, true);
    QCOMPARE(p->tls_ca_file, QStringLiteral("/etc/nats/ca.pem"));
    QCOMPARE(p->tls_cert_file, QDir::homePath() + QStringLiteral("/certs/client.pem"));
    QCOMPARE(p->tls_key_file, QDir::homePath() + QStringLiteral("/certs/client-key.pem"));
    QCOMPARE(p->auth, AuthKind::None);
}

void TstCliContextImporter::unsupportedContexts_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("websocket") << context({{"url", "ws://h:8080"}})
                               << QStringLiteral("\"ws://h:8080\": only nats:// and tls:// servers can be used");
    QTest::newRow("nsc") << context({{"nsc", "nsc://acme/app/user"}})
                         << QStringLiteral("takes its server or credentials from nsc (nsc://acme/app/user); "
                                           "export them with nsc first");
    QTest::newRow("user_jwt") << context({{"url", "nats://h"}, {"user_jwt", "eyJ0eXAi"}, {"nkey", "/x.nk"}})
                              << QStringLiteral("authenticates with user_jwt, which a connection takes as a .creds file");
    QTest::newRow("not a string") << QByteArray(R"({"url": 4222})") << QStringLiteral("\"url\" is not a string");
    QTest::newRow("only commas") << context({{"url", " , "}}) << QStringLiteral("\"url\" names no server");
}

void TstCliContextImporter::unsupportedContexts() {
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    write(dir.filePath("x.json"), json);
    const auto result = CliContextImporter::importDirectory(dir.path());
    QCOMPARE(result.profiles.size(), 0);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().file, QStringLiteral("x.json"));
    QCOMPARE(result.errors.first().reason, reason);
}

void TstCliContextImporter::missingFolderIsEmpty() {
    QTemporaryDir dir;
    const auto result = CliContextImporter::importDirectory(dir.filePath("nope"));
    QVERIFY(result.profiles.isEmpty());
    QVERIFY(result.errors.isEmpty());
}

void TstCliContextImporter::defaultDirectoryFollowsXdg() {
    const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", "/tmp/xdg-test");
    QCOMPARE(CliContextImporter::defaultDirectory(), QStringLiteral("/tmp/xdg-test/nats/context"));
    qunsetenv("XDG_CONFIG_HOME");
    QCOMPARE(CliContextImporter::defaultDirectory(), QDir::homePath() + QStringLiteral("/.config/nats/context"));
    qputenv("XDG_CONFIG_HOME", saved);
}

QTEST_GUILESS_MAIN(TstCliContextImporter)
#include "tst_cli_context_importer.moc"
