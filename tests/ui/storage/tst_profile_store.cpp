// ProfileStore: every field survives a save and a load; exports never hold secrets; imports add profiles.
#include "ui/storage/database.h"
#include "ui/storage/profile_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using nwb::ui::AuthKind;
using nwb::ui::ConnectionProfile;
using nwb::ui::Database;
using nwb::ui::ProfileStore;

namespace {

ConnectionProfile fullProfile() {
    ConnectionProfile p;
    p.name = QStringLiteral("Production east");
    p.colour = QColor(0x12, 0xab, 0xef);
    p.urls = {QStringLiteral("tls://nats-1.example.com:4222"), QStringLiteral("tls://nats-2.example.com:4223")};
    p.auth = AuthKind::UserPassword;
    p.user = QStringLiteral("ops");
    p.password = QStringLiteral("pa55-secret-word");
    p.token = QStringLiteral("tok-secret-value");
    p.nkey_seed = QStringLiteral("SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY");
    p.creds_file = QStringLiteral("/home/ops/.nkeys/creds/ops.creds");
    p.tls_ca_file = QStringLiteral("/etc/ssl/nats/ca.pem");
    p.tls_cert_file = QStringLiteral("/etc/ssl/nats/client.pem");
    p.tls_key_file = QStringLiteral("/etc/ssl/nats/client-key.pem");
    p.tls_required = true;
    p.tls_skip_verify = true;
    p.monitor_url = QStringLiteral("http://nats-1.example.com:8222");
    return p;
}

void compareAll(const ConnectionProfile& a, const ConnectionProfile& b) {
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.colour, b.colour);
    QCOMPARE(a.urls, b.urls);
    QCOMPARE(a.auth, b.auth);
    QCOMPARE(a.user, b.user);
    QCOMPARE(a.password, b.password);
    QCOMPARE(a.token, b.token);
    QCOMPARE(a.nkey_seed, b.nkey_seed);
    QCOMPARE(a.creds_file, b.creds_file);
    QCOMPARE(a.tls_ca_file, b.tls_ca_file);
    QCOMPARE(a.tls_cert_file, b.tls_cert_file);
    QCOMPARE(a.tls_key_file, b.tls_key_file);
    QCOMPARE(a.tls_required, b.tls_required);
    QCOMPARE(a.tls_skip_verify, b.tls_skip_verify);
    QCOMPARE(a.monitor_url, b.monitor_url);
}

}  // namespace

class TstProfileStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void roundTripsEveryField();
    void roundTripsAfterReopen();
    void updatesInPlace();
    void listsByName();
    void removes();
    void findUnknownIsAnError();
    void updateOfRemovedIsAnError();
    void colourIsStoredAsHex();
    void exportHasNoSecrets();
    void exportSelectsIds();
    void importAddsProfiles();
    void importRejectsOtherDocuments_data();
    void importRejectsOtherDocuments();

private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<ProfileStore> store_;
};

void TstProfileStore::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    db_ = std::make_unique<Database>();
    auto opened = db_->open(dir_->filePath(QStringLiteral("wb.sqlite")));
    QVERIFY(opened.has_value());
    store_ = std::make_unique<ProfileStore>(*db_);
}

void TstProfileStore::cleanup() {
    store_.reset();
    db_.reset();
    dir_.reset();
}

void TstProfileStore::roundTripsEveryField() {
    for (auto kind : {AuthKind::None, AuthKind::UserPassword, AuthKind::Token, AuthKind::NkeySeed,
                      AuthKind::CredsFile}) {
        auto p = fullProfile();
        p.auth = kind;
        auto id = store_->save(p);
        QVERIFY(id.has_value());
        QVERIFY(*id > 0);
        QCOMPARE(p.id, *id);
        auto loaded = store_->find(*id);
        QVERIFY(loaded.has_value());
        compareAll(*loaded, p);
    }
    // Empty and false values come back empty and false, not as defaults of another kind.
    ConnectionProfile bare;
    bare.name = QStringLiteral("bare");
    bare.urls = {QStringLiteral("nats://127.0.0.1:4222")};
    QVERIFY(store_->save(bare).has_value());
    auto loaded = store_->find(bare.id);
    QVERIFY(loaded.has_value());
    compareAll(*loaded, bare);
    QVERIFY(!loaded->colour.isValid());
}

void TstProfileStore::roundTripsAfterReopen() {
    auto p = fullProfile();
    QVERIFY(store_->save(p).has_value());
    store_.reset();
    const QString path = db_->path();
    db_ = std::make_unique<Database>();
    QVERIFY(db_->open(path).has_value());
    store_ = std::make_unique<ProfileStore>(*db_);
    auto loaded = store_->find(p.id);
    QVERIFY(loaded.has_value());
    compareAll(*loaded, p);
}

void TstProfileStore::updatesInPlace() {
    auto p = fullProfile();
    QVERIFY(store_->save(p).has_value());
    const qint64 id = p.id;
    p.name = QStringLiteral("Renamed");
    p.urls = {QStringLiteral("nats://localhost:4333")};
    p.auth = AuthKind::Token;
    p.tls_required = false;
    p.colour = QColor();
    auto saved = store_->save(p);
    QVERIFY(saved.has_value());
    QCOMPARE(*saved, id);
    auto all = store_->list();
    QVERIFY(all.has_value());
    QCOMPARE(all->size(), 1);
    compareAll(all->first(), p);
}

void TstProfileStore::listsByName() {
    for (const char* name : {"zulu", "Alpha", "mike", "bravo"}) {
        ConnectionProfile p;
        p.name = QString::fromLatin1(name);
        p.urls = {QStringLiteral("nats://localhost:4222")};
        QVERIFY(store_->save(p).has_value());
    }
    auto all = store_->list();
    QVERIFY(all.has_value());
    QStringList names;
    for (const auto& p : *all) names << p.name;
    QCOMPARE(names, (QStringList{"Alpha", "bravo", "mike", "zulu"}));
}

void TstProfileStore::removes() {
    auto a = fullProfile();
    auto b = fullProfile();
    b.name = QStringLiteral("B");
    QVERIFY(store_->save(a).has_value());
    QVERIFY(store_->save(b).has_value());
    QVERIFY(store_->remove(a.id).has_value());
    auto all = store_->list();
    QVERIFY(all.has_value());
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->first().id, b.id);
    QVERIFY(!store_->find(a.id).has_value());
    QVERIFY(store_->remove(a.id).has_value());  // already gone: not an error
}

void TstProfileStore::findUnknownIsAnError() {
    auto found = store_->find(42);
    QVERIFY(!found.has_value());
    QCOMPARE(found.error(), QStringLiteral("no saved connection has id 42"));
}

void TstProfileStore::updateOfRemovedIsAnError() {
    auto p = fullProfile();
    QVERIFY(store_->save(p).has_value());
    QVERIFY(store_->remove(p.id).has_value());
    auto saved = store_->save(p);
    QVERIFY(!saved.has_value());
    QCOMPARE(saved.error(), QStringLiteral("no saved connection has id %1").arg(p.id));
}

void TstProfileStore::colourIsStoredAsHex() {
    auto p = fullProfile();
    p.colour = QColor(QStringLiteral("#A0B1C2"));
    QVERIFY(store_->save(p).has_value());
    QSqlQuery q(db_->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT colour FROM profiles")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("#a0b1c2"));
}

void TstProfileStore::exportHasNoSecrets() {
    auto a = fullProfile();
    auto b = fullProfile();
    b.name = QStringLiteral("Token one");
    b.auth = AuthKind::Token;
    auto c = fullProfile();
    c.name = QStringLiteral("NKey one");
    c.auth = AuthKind::NkeySeed;
    QVERIFY(store_->save(a).has_value());
    QVERIFY(store_->save(b).has_value());
    QVERIFY(store_->save(c).has_value());
    auto json = store_->exportJson({a.id, b.id, c.id});
    QVERIFY(json.has_value());
    for (const auto& secret : {a.password, a.token, a.nkey_seed}) {
        QVERIFY2(!json->contains(secret.toUtf8()), qPrintable(secret));
    }
    const auto doc = QJsonDocument::fromJson(*json);
    QVERIFY(doc.isObject());
    const auto connections = doc.object().value(QStringLiteral("connections")).toArray();
    QCOMPARE(connections.size(), 3);
    for (const auto& v : connections) {
        const auto o = v.toObject();
        for (const char* key : {"password", "token", "nkey_seed", "seed", "nkey", "id"}) {
            QVERIFY2(!o.contains(QLatin1String(key)), key);
        }
        // What is not secret is kept: the creds file path, the user, TLS files, URLs.
        QCOMPARE(o.value(QStringLiteral("creds_file")).toString(), a.creds_file);
        QCOMPARE(o.value(QStringLiteral("user")).toString(), a.user);
        QCOMPARE(o.value(QStringLiteral("colour")).toString(), QStringLiteral("#12abef"));
        QCOMPARE(o.value(QStringLiteral("urls")).toArray().size(), 2);
    }
    QCOMPARE(connections.at(1).toObject().value(QStringLiteral("auth")).toString(), QStringLiteral("token"));
}

void TstProfileStore::exportSelectsIds() {
    auto a = fullProfile();
    auto b = fullProfile();
    b.name = QStringLiteral("Other");
    QVERIFY(store_->save(a).has_value());
    QVERIFY(store_->save(b).has_value());
    auto json = store_->exportJson({b.id});
    QVERIFY(json.has_value());
    auto parsed = ProfileStore::fromJson(*json);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->size(), 1);
    QCOMPARE(parsed->first().name, QStringLiteral("Other"));
    auto all = store_->exportJson();
    QVERIFY(all.has_value());
    QCOMPARE(ProfileStore::fromJson(*all)->size(), 2);
    QVERIFY(!store_->exportJson({999}).has_value());
}

void TstProfileStore::importAddsProfiles() {
    auto a = fullProfile();
    QVERIFY(store_->save(a).has_value());
    auto json = store_->exportJson({a.id});
    QVERIFY(json.has_value());

    Database other_db;
    QVERIFY(other_db.open(QStringLiteral(":memory:")).has_value());
    ProfileStore other(other_db);
    auto imported = other.importJson(*json);
    QVERIFY2(imported.has_value(), qPrintable(imported ? QString() : imported.error()));
    QCOMPARE(imported->size(), 1);
    auto expected = a;
    expected.id = imported->first().id;
    expected.password.clear();
    expected.token.clear();
    expected.nkey_seed.clear();
    QVERIFY(expected.id > 0);
    auto loaded = other.find(expected.id);
    QVERIFY(loaded.has_value());
    compareAll(*loaded, expected);

    // Importing into the same store adds a second profile; the first is untouched.
    QVERIFY(store_->importJson(*json).has_value());
    QCOMPARE(store_->list()->size(), 2);
    compareAll(*store_->find(a.id), a);
}

void TstProfileStore::importRejectsOtherDocuments_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << QByteArray("{nope") << QStringLiteral("not JSON");
    QTest::newRow("other format") << QByteArray(R"({"format":"x","version":1})")
                                  << QStringLiteral("not a NATS Workbench connections export");
    QTest::newRow("future version")
        << QByteArray(R"({"format":"nats-workbench/connections","version":7,"connections":[]})")
        << QStringLiteral("unsupported export version 7");
    QTest::newRow("no name")
        << QByteArray(R"({"format":"nats-workbench/connections","version":1,"connections":[{"urls":[]}]})")
        << QStringLiteral("connection 1 has no name");
    QTest::newRow("bad auth")
        << QByteArray(R"({"format":"nats-workbench/connections","version":1,"connections":[{"name":"a","auth":"magic"}]})")
        << QStringLiteral("a: unknown auth \"magic\"");
}

void TstProfileStore::importRejectsOtherDocuments() {
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    auto imported = store_->importJson(json);
    QVERIFY(!imported.has_value());
    QVERIFY2(imported.error().startsWith(error), qPrintable(imported.error()));
    QCOMPARE(store_->list()->size(), 0);
}

QTEST_GUILESS_MAIN(TstProfileStore)
#include "tst_profile_store.moc"
