// Authenticator: the shared cases in data/auth_cases.json (verified against nats-server 2.9.10),
// then tables for what the case file cannot express.
#include "engine/auth/authenticator.h"
#include "engine/auth/permission_checker.h"
#include "tests/unit/auth/permissions_json.h"

#include <QTest>

using namespace nwb::auth;

namespace {

std::string str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString().toStdString();
}

AuthSettings toSettings(const QJsonObject& o) {
    AuthSettings s;
    s.username = str(o, "username");
    s.password = str(o, "password");
    s.auth_token = str(o, "token");
    s.no_auth_user = str(o, "no_auth_user");
    s.default_permissions = test::toPermissions(o.value(QLatin1String("default_permissions")));
    for (const QJsonValue& u : o.value(QLatin1String("users")).toArray()) {
        const QJsonObject uo = u.toObject();
        s.users.push_back(User{str(uo, "user"),
                               str(uo, "password"),
                               test::toPermissions(uo.value(QLatin1String("permissions"))),
                               {}});
    }
    return s;
}

User user(std::string name, std::string password, std::string account = {}) {
    return User{std::move(name), std::move(password), std::nullopt, std::move(account)};
}

}  // namespace

class TestAuthenticator : public QObject {
    Q_OBJECT

private slots:
    void sharedCases_data();
    void sharedCases();
    void authRequired_data();
    void authRequired();
    void accountAndDuplicates();
    void defaultPermissionsDoNotReplaceOwn();
};

void TestAuthenticator::sharedCases_data() {
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QJsonObject>("connect");
    QTest::addColumn<QJsonValue>("expected_user");
    QTest::addColumn<QJsonValue>("perm_probe");
    const QJsonObject data = test::loadJsonFile(QStringLiteral("auth_cases.json"));
    const QJsonObject configs = data.value(QLatin1String("configs")).toObject();
    int row = 0;
    for (const QJsonValue& c : data.value(QLatin1String("cases")).toArray()) {
        const QJsonObject o = c.toObject();
        const QString config = o.value(QLatin1String("config")).toString();
        const QJsonObject connect = o.value(QLatin1String("connect")).toObject();
        const QString name =
            QStringLiteral("%1 %2 %3")
                .arg(row++)
                .arg(config)
                .arg(QString::fromUtf8(QJsonDocument(connect).toJson(QJsonDocument::Compact)));
        QTest::newRow(qPrintable(name))
            << configs.value(config).toObject() << connect << o.value(QLatin1String("user"))
            << o.value(QLatin1String("perm_probe"));
    }
    QVERIFY(row >= 35);
}

void TestAuthenticator::sharedCases() {
    QFETCH(QJsonObject, config);
    QFETCH(QJsonObject, connect);
    QFETCH(QJsonValue, expected_user);
    QFETCH(QJsonValue, perm_probe);
    const Authenticator auth(toSettings(config));
    const std::string user = str(connect, "user");
    const std::string pass = str(connect, "pass");
    const std::string token = str(connect, "auth_token");
    const auto result = auth.authenticate(ConnectCredentials{user, pass, token});
    QCOMPARE(result.has_value(), !expected_user.isNull());
    if (!result) return;
    QCOMPARE(QString::fromStdString(result->name), expected_user.toString());
    if (perm_probe.isArray()) {
        QVERIFY(result->permissions.has_value());
        PermissionChecker checker(*result->permissions);
        const auto now = TimePoint{};
        QCOMPARE(checker.canPublish(perm_probe.toArray().at(0).toString().toStdString(), now),
                 true);
        QCOMPARE(checker.canPublish(perm_probe.toArray().at(1).toString().toStdString(), now),
                 false);
    }
}

void TestAuthenticator::authRequired_data() {
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("users");
    QTest::addColumn<bool>("required");
    QTest::newRow("nothing") << ""
                             << ""
                             << "" << 0 << false;
    QTest::newRow("password alone") << ""
                                    << "p"
                                    << "" << 0 << false;
    QTest::newRow("user") << "u"
                          << ""
                          << "" << 0 << true;
    QTest::newRow("token") << ""
                           << ""
                           << "t" << 0 << true;
    QTest::newRow("users") << ""
                           << ""
                           << "" << 1 << true;
}

void TestAuthenticator::authRequired() {
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, token);
    QFETCH(int, users);
    QFETCH(bool, required);
    AuthSettings s;
    s.username = username.toStdString();
    s.password = password.toStdString();
    s.auth_token = token.toStdString();
    for (int i = 0; i < users; ++i) s.users.push_back(user("u" + std::to_string(i), "p"));
    QCOMPARE(Authenticator(s).authRequired(), required);
}

void TestAuthenticator::accountAndDuplicates() {
    AuthSettings s;
    s.users = {user("a", "first", "ACC1"), user("b", "pb"), user("a", "second", "ACC2")};
    const Authenticator auth(s);
    QVERIFY(!auth.authenticate({"a", "first", {}}).has_value());  // the last duplicate wins
    const auto a = auth.authenticate({"a", "second", {}});
    QVERIFY(a.has_value());
    QCOMPARE(a->account, std::string("ACC2"));
    QVERIFY(!a->permissions.has_value());
    const auto b = auth.authenticate({"b", "pb", {}});
    QVERIFY(b.has_value());
    QCOMPARE(b->account, std::string());
}

void TestAuthenticator::defaultPermissionsDoNotReplaceOwn() {
    AuthSettings s;
    Permissions own;
    own.subscribe = SubjectPermission{{"own"}, {}, false};
    Permissions defaults;
    defaults.publish = SubjectPermission{{"default"}, {}, false};
    s.users = {User{"with", "p", own, {}}, user("without", "p")};
    s.default_permissions = defaults;
    const Authenticator auth(s);
    const auto with = auth.authenticate({"with", "p", {}});
    QVERIFY(with && with->permissions);
    QVERIFY(!with->permissions->publish.has_value());
    QCOMPARE(with->permissions->subscribe->allow, std::vector<std::string>{"own"});
    const auto without = auth.authenticate({"without", "p", {}});
    QVERIFY(without && without->permissions);
    QCOMPARE(without->permissions->publish->allow, std::vector<std::string>{"default"});
}

QTEST_APPLESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
