// Authentication (user/password, token, users list with bcrypt; config file and CLI flags, users
// of accounts beside authorization users) and publish/subscribe permissions, as seen by libnats.
#include "tests/integration/integration_test.h"
#include "tests/integration/raw_connection.h"

#include <QtTest/QtTest>

#include <crypt.h>
#include <memory>
#include <string>

using namespace nwb::test;

class TestAuth : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void connect_data();
    void connect();
    void publishPermissions_data();
    void publishPermissions();
    void subscribePermissions_data();
    void subscribePermissions();
    void accountAndAuthorizationUsers_data();
    void accountAndAuthorizationUsers();
    void conflictingUsersRefused_data();
    void conflictingUsersRefused();
    void noAuthUserHidesAuthRequired_data();
    void noAuthUserHidesAuthRequired();
};

namespace {

constexpr char kBcryptPlaceholder[] = "%BCRYPT%";
constexpr char kBcryptSecret[] = "b-secret";

/// A bcrypt ($2b$, cost 10) hash of kBcryptSecret, made once with libxcrypt.
const std::string& bcryptHash() {
    static const std::string hash = [] {
        char salt[CRYPT_GENSALT_OUTPUT_SIZE];
        if (crypt_gensalt_rn("$2b$", 10, nullptr, 0, salt, sizeof salt) == nullptr) {
            return std::string();
        }
        auto data = std::make_unique<crypt_data>();
        const char* hashed = crypt_r(kBcryptSecret, salt, data.get());
        return hashed == nullptr || hashed[0] == '*' ? std::string() : std::string(hashed);
    }();
    return hash;
}

struct AsyncError {
    natsStatus status = NATS_OK;
    bool with_subscription = false;
    std::string text;  // natsConnection_GetLastError() inside the callback
};

void recordAsyncError(natsConnection* nc, natsSubscription* sub, natsStatus status, void* closure) {
    const char* text = nullptr;
    natsConnection_GetLastError(nc, &text);
    static_cast<Mailbox<AsyncError>*>(closure)->push(
        {status, sub != nullptr, text == nullptr ? std::string() : std::string(text)});
}

std::string lastConnectionError(natsConnection* nc, natsStatus* status) {
    const char* text = nullptr;
    *status = natsConnection_GetLastError(nc, &text);
    return text == nullptr ? std::string() : std::string(text);
}

constexpr char kPermissionsConfig[] = R"(
authorization {
  users: [
    { user: limited, password: pw1, permissions: {
        publish:   { allow: ["public.>"], deny: ["public.secret"] }
        subscribe: { allow: ["public.>"], deny: ["public.hidden"] }
    } }
    { user: admin, password: pw2 }
  ]
}
)";

}  // namespace

void TestAuth::connect_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("accepted");

    const QString user_config = "authorization { user: alice, password: s3cret }";
    QTest::newRow("config user: good") << QStringList() << user_config << QByteArray("alice")
                                       << QByteArray("s3cret") << QByteArray() << true;
    QTest::newRow("config user: bad password")
        << QStringList() << user_config << QByteArray("alice") << QByteArray("wrong")
        << QByteArray() << false;
    QTest::newRow("config user: unknown user")
        << QStringList() << user_config << QByteArray("mallory") << QByteArray("s3cret")
        << QByteArray() << false;
    QTest::newRow("config user: no credentials")
        << QStringList() << user_config << QByteArray() << QByteArray() << QByteArray() << false;

    const QStringList user_args = {"--user", "carol", "--pass", "p@ss"};
    QTest::newRow("cli user: good") << user_args << QString() << QByteArray("carol")
                                    << QByteArray("p@ss") << QByteArray() << true;
    QTest::newRow("cli user: bad password") << user_args << QString() << QByteArray("carol")
                                            << QByteArray("pass") << QByteArray() << false;

    const QString token_config = "authorization { token: \"t0k3n\" }";
    QTest::newRow("config token: good") << QStringList() << token_config << QByteArray()
                                        << QByteArray() << QByteArray("t0k3n") << true;
    QTest::newRow("config token: bad") << QStringList() << token_config << QByteArray()
                                       << QByteArray() << QByteArray("t0k3n!") << false;
    QTest::newRow("config token: none")
        << QStringList() << token_config << QByteArray() << QByteArray() << QByteArray() << false;
    QTest::newRow("cli token: good")
        << QStringList{"--auth", "cli-token"} << QString() << QByteArray() << QByteArray()
        << QByteArray("cli-token") << true;
    QTest::newRow("cli token: bad") << QStringList{"--auth", "cli-token"} << QString()
                                    << QByteArray() << QByteArray() << QByteArray("other") << false;

    const QString users_config = QString(R"(authorization { users: [
        { user: alice, password: s3cret }
        { user: bob, password: "%1" }
    ] })")
                                     .arg(kBcryptPlaceholder);
    QTest::newRow("users: plain good") << QStringList() << users_config << QByteArray("alice")
                                       << QByteArray("s3cret") << QByteArray() << true;
    QTest::newRow("users: bcrypt good") << QStringList() << users_config << QByteArray("bob")
                                        << QByteArray(kBcryptSecret) << QByteArray() << true;
    QTest::newRow("users: bcrypt bad") << QStringList() << users_config << QByteArray("bob")
                                       << QByteArray("s3cret") << QByteArray() << false;
    QTest::newRow("users: hash as password is refused")
        << QStringList() << users_config << QByteArray("bob") << QByteArray(kBcryptPlaceholder)
        << QByteArray() << false;
    QTest::newRow("users: other user's password")
        << QStringList() << users_config << QByteArray("alice") << QByteArray(kBcryptSecret)
        << QByteArray() << false;

    const QString bcrypt_token = QString("authorization { token: \"%1\" }").arg(kBcryptPlaceholder);
    QTest::newRow("bcrypt token: good") << QStringList() << bcrypt_token << QByteArray()
                                        << QByteArray() << QByteArray(kBcryptSecret) << true;
    QTest::newRow("bcrypt token: bad") << QStringList() << bcrypt_token << QByteArray()
                                       << QByteArray() << QByteArray("nope") << false;
}

void TestAuth::connect() {
    QFETCH(QStringList, args);
    QFETCH(QString, config);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, token);
    QFETCH(bool, accepted);

    const std::string hash = bcryptHash();
    QVERIFY2(hash.starts_with("$2b$10$"), "libxcrypt could not make a bcrypt hash");
    const QString hash_text = QString::fromStdString(hash);
    config.replace(kBcryptPlaceholder, hash_text);
    if (password == kBcryptPlaceholder) password = hash_text.toUtf8();

    auto options = ServerOptions::withConfig(config.toStdString());
    for (const QString& arg : args) options.extra_args.push_back(arg.toStdString());
    NWB_START_SERVER(server, options);

    auto nc = nwb::test::connect(server.url(), [&](natsOptions* o) {
        if (!user.isEmpty()) natsOptions_SetUserInfo(o, user.constData(), password.constData());
        if (!token.isEmpty()) natsOptions_SetToken(o, token.constData());
    });
    if (!accepted) {
        QVERIFY(!nc.has_value());
        QCOMPARE(nc.error(), NATS_CONNECTION_AUTH_FAILED);
        QCOMPARE(lastErrorText(), std::string("Authorization Violation"));
        return;
    }
    QVERIFY2(nc.has_value(), describe(nc).c_str());
    // The connection is usable.
    NWB_SUBSCRIBE(sub, nc->get(), "auth.check");
    QCOMPARE(natsConnection_PublishString(nc->get(), "auth.check", "in"), NATS_OK);
    auto msg = nextMsg(sub, kWaitMs);
    QVERIFY(msg.has_value());
    QCOMPARE(msgData(msg->get()), std::string("in"));
}

void TestAuth::publishPermissions_data() {
    QTest::addColumn<QByteArray>("subject");
    QTest::addColumn<QByteArray>("violation");  // empty when allowed
    QTest::newRow("allowed") << QByteArray("public.ok") << QByteArray();
    QTest::newRow("deny wins over allow")
        << QByteArray("public.secret")
        << QByteArray(R"(Permissions Violation for Publish to "public.secret")");
    QTest::newRow("outside allow list")
        << QByteArray("private.data")
        << QByteArray(R"(Permissions Violation for Publish to "private.data")");
}

void TestAuth::publishPermissions() {
    QFETCH(QByteArray, subject);
    QFETCH(QByteArray, violation);

    NWB_START_SERVER(server, ServerOptions::withConfig(kPermissionsConfig));
    NWB_CONNECT(admin_nc, server.url(),
                [](natsOptions* o) { natsOptions_SetUserInfo(o, "admin", "pw2"); });
    NWB_SUBSCRIBE(watched, admin_nc, subject.toStdString());
    NWB_SUBSCRIBE(after, admin_nc, "public.after");
    QVERIFY(barrier({admin_nc}));

    Mailbox<AsyncError> errors;
    NWB_CONNECT(limited_nc, server.url(), [&](natsOptions* o) {
        natsOptions_SetUserInfo(o, "limited", "pw1");
        natsOptions_SetErrorHandler(o, recordAsyncError, &errors);
    });
    QCOMPARE(natsConnection_PublishString(limited_nc, subject.constData(), "payload"), NATS_OK);
    QVERIFY(barrier({limited_nc, admin_nc}));

    natsStatus last_status = NATS_OK;
    const std::string last_text = lastConnectionError(limited_nc, &last_status);
    if (violation.isEmpty()) {
        QCOMPARE(last_status, NATS_OK);
        QCOMPARE(pendingMsgs(watched), 1);
        QCOMPARE(errors.size(), std::size_t{0});
    } else {
        QCOMPARE(last_status, NATS_NOT_PERMITTED);
        QCOMPARE(QByteArray::fromStdString(last_text), violation);
        QVERIFY(errors.waitForCount(1, std::chrono::milliseconds(kWaitMs)));
        const AsyncError error = errors.snapshot().front();
        QCOMPARE(error.status, NATS_NOT_PERMITTED);
        QVERIFY(!error.with_subscription);
        QCOMPARE(QByteArray::fromStdString(error.text), violation);
        QCOMPARE(pendingMsgs(watched), 0);  // dropped
    }

    // The violation does not close the connection.
    QCOMPARE(natsConnection_Status(limited_nc), NATS_CONN_STATUS_CONNECTED);
    QCOMPARE(natsConnection_PublishString(limited_nc, "public.after", "still here"), NATS_OK);
    QVERIFY(barrier({limited_nc, admin_nc}));
    QCOMPARE(pendingMsgs(after), 1);
    QCOMPARE(errors.size(), std::size_t(violation.isEmpty() ? 0 : 1));
}

void TestAuth::subscribePermissions_data() {
    QTest::addColumn<QByteArray>("subject");
    QTest::addColumn<QByteArray>("queue");
    QTest::addColumn<QByteArray>("published");
    QTest::addColumn<QByteArray>("violation");  // empty when allowed
    QTest::newRow("allowed") << QByteArray("public.news") << QByteArray()
                             << QByteArray("public.news") << QByteArray();
    QTest::newRow("allowed wildcard")
        << QByteArray("public.*") << QByteArray() << QByteArray("public.news") << QByteArray();
    QTest::newRow("deny wins over allow")
        << QByteArray("public.hidden") << QByteArray() << QByteArray("public.hidden")
        << QByteArray(R"(Permissions Violation for Subscription to "public.hidden")");
    QTest::newRow("outside allow list")
        << QByteArray("private.>") << QByteArray() << QByteArray("private.x")
        << QByteArray(R"(Permissions Violation for Subscription to "private.>")");
    QTest::newRow("queue subscription")
        << QByteArray("public.hidden") << QByteArray("workers") << QByteArray("public.hidden")
        << QByteArray(R"(Permissions Violation for Subscription )"
                      R"(to "public.hidden" using queue "workers")");
}

void TestAuth::subscribePermissions() {
    QFETCH(QByteArray, subject);
    QFETCH(QByteArray, queue);
    QFETCH(QByteArray, published);
    QFETCH(QByteArray, violation);

    NWB_START_SERVER(server, ServerOptions::withConfig(kPermissionsConfig));
    Mailbox<AsyncError> errors;
    NWB_CONNECT(limited_nc, server.url(), [&](natsOptions* o) {
        natsOptions_SetUserInfo(o, "limited", "pw1");
        natsOptions_SetErrorHandler(o, recordAsyncError, &errors);
    });
    NWB_SUBSCRIBE(sub, limited_nc, subject.toStdString(), queue.toStdString());
    QVERIFY(barrier({limited_nc}));

    natsStatus last_status = NATS_OK;
    const std::string last_text = lastConnectionError(limited_nc, &last_status);
    if (violation.isEmpty()) {
        QCOMPARE(last_status, NATS_OK);
    } else {
        QCOMPARE(last_status, NATS_NOT_PERMITTED);
        QCOMPARE(QByteArray::fromStdString(last_text), violation);
        QVERIFY(errors.waitForCount(1, std::chrono::milliseconds(kWaitMs)));
        const AsyncError error = errors.snapshot().front();
        QCOMPARE(error.status, NATS_NOT_PERMITTED);
        QCOMPARE(QByteArray::fromStdString(error.text), violation);
    }

    NWB_CONNECT(admin_nc, server.url(),
                [](natsOptions* o) { natsOptions_SetUserInfo(o, "admin", "pw2"); });
    QCOMPARE(natsConnection_PublishString(admin_nc, published.constData(), "news"), NATS_OK);
    QVERIFY(barrier({admin_nc, limited_nc}));
    QCOMPARE(pendingMsgs(sub), violation.isEmpty() ? 1 : 0);
    QCOMPARE(natsConnection_Status(limited_nc), NATS_CONN_STATUS_CONNECTED);
    QCOMPARE(errors.size(), std::size_t(violation.isEmpty() ? 0 : 1));
}

namespace {

constexpr char kSysAccount[] = "accounts { SYS { users: [{user: sys, password: sys}] } }\n";
constexpr char kGlobalUsers[] = "authorization { users: [{user: bob, password: bob}] }\n";

}  // namespace

void TestAuth::accountAndAuthorizationUsers_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QByteArray>("user");  // empty: no credentials at all
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("account");  // where the client lands; empty: refused

    const QString sys_first = QString(kSysAccount) + kGlobalUsers + "system_account: SYS\n";
    const QString users_first = QString(kGlobalUsers) + kSysAccount + "system_account: SYS\n";
    // With the system account as the only account, nats-server lets clients without
    // credentials into $G as a made-up no_auth_user.
    for (const auto& [order, config] : {std::pair{"accounts first", sys_first},
                                        std::pair{"authorization first", users_first}}) {
        const auto row = [&](const char* what) -> QTestData& {
            return QTest::newRow(qPrintable(QString("%1: %2").arg(order, what)));
        };
        row("account user") << config << QByteArray("sys") << QByteArray("sys") << QByteArray()
                            << "SYS";
        row("global user") << config << QByteArray("bob") << QByteArray("bob") << QByteArray()
                           << "$G";
        row("global user, bad password")
            << config << QByteArray("bob") << QByteArray("sys") << QByteArray() << QString();
        row("account user, bad password")
            << config << QByteArray("sys") << QByteArray("bob") << QByteArray() << QString();
        row("unknown user") << config << QByteArray("eve") << QByteArray("eve") << QByteArray()
                            << QString();
        row("no credentials") << config << QByteArray() << QByteArray() << QByteArray() << "$G";
    }
    const QString other_account = QString("accounts {\n"
                                          "  SYS { users: [{user: sys, password: sys}] }\n"
                                          "  A { users: [{user: a, password: a}] }\n}\n") +
                                  kGlobalUsers + "system_account: SYS\n";
    QTest::newRow("two accounts: account user") << other_account << QByteArray("a")
                                                << QByteArray("a") << QByteArray() << "A";
    QTest::newRow("two accounts: global user") << other_account << QByteArray("bob")
                                               << QByteArray("bob") << QByteArray() << "$G";
    QTest::newRow("two accounts: no credentials") << other_account << QByteArray() << QByteArray()
                                                  << QByteArray() << QString();
    const QString sys_without_users = "accounts { SYS {} }\nsystem_account: SYS\n";
    QTest::newRow("system account only: no credentials")
        << sys_without_users << QByteArray() << QByteArray() << QByteArray() << "$G";
    QTest::newRow("system account only: any user is refused")
        << sys_without_users << QByteArray("x") << QByteArray("y") << QByteArray() << QString();
    const QString single_user = "authorization { user: x, password: y }\n" + sys_without_users;
    QTest::newRow("single user and system account: the user is refused")
        << single_user << QByteArray("x") << QByteArray("y") << QByteArray() << QString();
    QTest::newRow("single user and system account: no credentials")
        << single_user << QByteArray() << QByteArray() << QByteArray() << "$G";
    const QString token = "authorization { token: t0k }\n" + sys_without_users;
    QTest::newRow("token and system account: token") << token << QByteArray() << QByteArray()
                                                     << QByteArray("t0k") << "$G";
    QTest::newRow("token and system account: bad token")
        << token << QByteArray() << QByteArray() << QByteArray("t1k") << QString();
    QTest::newRow("system account named $SYS: no credentials")
        << "accounts { $SYS { users: [{user: sys, password: sys}] } }\n" << QByteArray()
        << QByteArray() << QByteArray() << "$G";
    QTest::newRow("system account and no_auth_user: no credentials")
        << sys_first + "no_auth_user: bob\n" << QByteArray() << QByteArray() << QByteArray()
        << "$G";
}

void TestAuth::accountAndAuthorizationUsers() {
    QFETCH(QString, config);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, token);
    QFETCH(QString, account);

    NWB_START_SERVER(server, ServerOptions::withConfig(config.toStdString()));
    auto nc = nwb::test::connect(server.url(), [&](natsOptions* o) {
        if (!user.isEmpty()) natsOptions_SetUserInfo(o, user.constData(), password.constData());
        if (!token.isEmpty()) natsOptions_SetToken(o, token.constData());
    });
    if (account.isEmpty()) {
        QVERIFY(!nc.has_value());
        QCOMPARE(nc.error(), NATS_CONNECTION_AUTH_FAILED);
        QCOMPARE(lastErrorText(), std::string("Authorization Violation"));
        return;
    }
    QVERIFY2(nc.has_value(), describe(nc).c_str());
    // The account shows in what the client can reach: a subscriber of the same account gets
    // its messages, one of another account does not.
    if (account == "SYS" || account == "A") {
        const QByteArray peer = account == "SYS" ? "sys" : "a";
        NWB_CONNECT(same, server.url(), [&](natsOptions* o) {
            natsOptions_SetUserInfo(o, peer.constData(), peer.constData());
        });
        NWB_SUBSCRIBE(seen, same, "acct.check");
        QVERIFY(barrier({same}));
        QCOMPARE(natsConnection_PublishString(nc->get(), "acct.check", "x"), NATS_OK);
        QVERIFY(barrier({nc->get(), same}));
        QCOMPARE(pendingMsgs(seen), 1);
        return;
    }
    // $G: anonymous clients and the global users share it.
    NWB_SUBSCRIBE(seen, nc->get(), "acct.check");
    auto other = nwb::test::connect(server.url(), [&](natsOptions* o) {
        if (config.contains("user: bob")) natsOptions_SetUserInfo(o, "bob", "bob");
        if (!token.isEmpty()) natsOptions_SetToken(o, token.constData());
    });
    QVERIFY2(other.has_value(), describe(other).c_str());
    QVERIFY(barrier({nc->get()}));
    QCOMPARE(natsConnection_PublishString(other->get(), "acct.check", "x"), NATS_OK);
    QVERIFY(barrier({other->get(), nc->get()}));
    QCOMPARE(pendingMsgs(seen), 1);
    if (config.contains("SYS { users")) {
        NWB_CONNECT(sys, server.url(), [](natsOptions* o) {
            natsOptions_SetUserInfo(o, "sys", "sys");
        });
        QCOMPARE(natsConnection_PublishString(sys, "acct.check", "x"), NATS_OK);
        QVERIFY(barrier({sys, nc->get()}));
        QCOMPARE(pendingMsgs(seen), 1);  // the system account is another account
    }
}

void TestAuth::conflictingUsersRefused_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("error");  // what the server's output says, position aside
    // nats-server walks the top-level keys in Go's map order, so for a conflict between the
    // two blocks the position (and for user/pass or token, the wording) can vary from run to
    // run; the part checked here does not.
    QTest::newRow("same user in authorization and an account")
        << QString(kGlobalUsers) + "accounts { SYS { users: [{user: bob, password: x}] } }\n"
        << "Duplicate user \"bob\" detected";
    QTest::newRow("same user in an account and authorization")
        << "accounts { SYS { users: [{user: bob, password: x}] } }\n" + QString(kGlobalUsers)
        << "Duplicate user \"bob\" detected";
    QTest::newRow("same user in two accounts")
        << "accounts {\n A { users: [{user: u}] }\n B { users: [{user: u}] }\n}\n"
        << "Duplicate user \"u\" detected";
    QTest::newRow("same user twice in one account")
        << "accounts {\n A {\n  users: [{user: u}, {user: u}] }\n}\n"
        << ":3:3: Duplicate user \"u\" detected";
    QTest::newRow("single user and account users")
        << "authorization { user: x, password: y }\n" + QString(kSysAccount)
        << "Can not have a single user/pass and a";
    QTest::newRow("token and account users")
        << "authorization { token: t }\n" + QString(kSysAccount) << "Can not have a token and a";
    QTest::newRow("system account not configured")
        << "system_account: SYS\naccounts { A { users: [{user: a, password: a}] } }\n"
        << "error resolving system account: account missing";
}

void TestAuth::conflictingUsersRefused() {
    QFETCH(QString, config);
    QFETCH(QString, error);
    auto options = ServerOptions::withConfig(config.toStdString());
    const auto started = ServerProcess::start(options);
    QVERIFY2(!started.has_value(), "the server started");
    QVERIFY2(started.error().find(error.toStdString()) != std::string::npos,
             started.error().c_str());
}

void TestAuth::noAuthUserHidesAuthRequired_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<bool>("auth_required");
    QTest::addColumn<bool>("anonymous_in");  // a PING before any CONNECT is answered
    QTest::newRow("users") << QString(kGlobalUsers) << true << false;
    QTest::newRow("users and no_auth_user") << QString(kGlobalUsers) + "no_auth_user: bob\n"
                                            << false << true;
    // The made-up no_auth_user of a system-account-only config does not hide it.
    QTest::newRow("system account only")
        << QString(kSysAccount) + kGlobalUsers + "system_account: SYS\n" << true << true;
}

void TestAuth::noAuthUserHidesAuthRequired() {
    QFETCH(QString, config);
    QFETCH(bool, auth_required);
    QFETCH(bool, anonymous_in);
    NWB_START_SERVER(server, ServerOptions::withConfig(config.toStdString()));
    auto raw = RawConnection::open(server.port());
    QVERIFY2(raw.has_value(), describe(raw).c_str());
    QCOMPARE(raw->readUntil("\r\n", std::chrono::milliseconds(kWaitMs)),
             RawConnection::ReadEnd::kFound);
    QVERIFY(raw->received().starts_with("INFO {"));
    const bool says_required =
        raw->received().find("\"auth_required\":true") != std::string::npos;
    QCOMPARE(says_required, auth_required);
    QVERIFY(raw->sendAll("PING\r\n"));
    const std::size_t from = raw->received().size();
    const char* answer = anonymous_in ? "PONG\r\n" : "-ERR 'Authorization Violation'\r\n";
    QCOMPARE(raw->readUntil(answer, std::chrono::milliseconds(kWaitMs), from),
             RawConnection::ReadEnd::kFound);
}

QTEST_APPLESS_MAIN(TestAuth)
#include "tst_auth.moc"
