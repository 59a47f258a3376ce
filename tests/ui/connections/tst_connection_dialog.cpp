// ConnectionDialog driven offscreen: validation, auth fields per kind, profile round trip, and
// "Test connection" against an in-process server.
#include "engine/embed/node.h"
#include "ui/connections/connection_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using nwb::ui::AuthKind;
using nwb::ui::ConnectionDialog;
using nwb::ui::ConnectionProfile;
using nwb::ui::ConnectionTestResult;

namespace {

template <typename W>
W* child(QWidget& dialog, const char* name) {
    auto* w = dialog.findChild<W*>(QLatin1String(name));
    if (!w) qFatal("no child %s", name);
    return w;
}

bool okEnabled(ConnectionDialog& d) {
    return child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Ok)->isEnabled();
}

void typeUrls(ConnectionDialog& d, const QString& text) {
    auto* urls = child<QPlainTextEdit>(d, "urlsEdit");
    urls->clear();
    QTest::keyClicks(urls, text);
}

void screenshot(QWidget& w, const QString& name) {
    QDir().mkpath(QStringLiteral(NWB_SCREENSHOT_DIR));
    QVERIFY(w.grab().save(QStringLiteral(NWB_SCREENSHOT_DIR "/") + name));
}

}  // namespace

class TstConnectionDialog : public QObject {
    Q_OBJECT
private slots:
    void okNeedsNameAndValidUrls();
    void urlProblems_data();
    void urlProblems();
    void splitsUrls();
    void authFieldsFollowTheKind_data();
    void authFieldsFollowTheKind();
    void profileRoundTrip();
    void onlyTheChosenSecretIsKept();
    void monitoringUrlIsPrefilled();
    void testConnectionAgainstEmbeddedNode();
    void testConnectionFailureIsShown();
    void describesResults();
};

void TstConnectionDialog::okNeedsNameAndValidUrls() {
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto* validation = child<QLabel>(d, "validationLabel");
    QVERIFY(!okEnabled(d));
    QVERIFY(validation->isVisible());

    QTest::keyClicks(child<QLineEdit>(d, "nameEdit"), QStringLiteral("Local"));
    QVERIFY(!okEnabled(d));
    QCOMPARE(d.validationMessage(), QStringLiteral("Enter at least one server URL, e.g. nats://localhost:4222."));

    typeUrls(d, QStringLiteral("localhost:4222"));
    QVERIFY(!okEnabled(d));
    QCOMPARE(validation->text(), QStringLiteral("“localhost:4222” must start with nats:// or tls://."));

    typeUrls(d, QStringLiteral("nats://localhost:4222"));
    QVERIFY(okEnabled(d));
    QVERIFY(d.validationMessage().isEmpty());
    QVERIFY(!validation->isVisible());

    typeUrls(d, QStringLiteral("nats://a:4222, http://b:80"));
    QVERIFY(!okEnabled(d));
    QCOMPARE(validation->text(), QStringLiteral("“http://b:80” must start with nats:// or tls://."));

    typeUrls(d, QStringLiteral("nats://a:4222, tls://b:4223"));
    QVERIFY(okEnabled(d));
    auto* urls = child<QPlainTextEdit>(d, "urlsEdit");
    QTest::keyClick(urls, Qt::Key_Return);
    QTest::keyClicks(urls, QStringLiteral("nats://c:99999"));
    QVERIFY(!okEnabled(d));
    QCOMPARE(validation->text(), QStringLiteral("“nats://c:99999” is not a valid URL."));
    QTest::keyClick(urls, Qt::Key_Backspace);
    QTest::keyClick(urls, Qt::Key_Backspace);
    QVERIFY(okEnabled(d));  // nats://c:999

    auto* name = child<QLineEdit>(d, "nameEdit");
    name->clear();
    QVERIFY(!okEnabled(d));
    QCOMPARE(d.validationMessage(), QStringLiteral("Give the connection a name."));
    QTest::keyClicks(name, QStringLiteral("   "));
    QVERIFY(!okEnabled(d));
    QTest::keyClicks(name, QStringLiteral("x"));
    QVERIFY(okEnabled(d));
    screenshot(d, QStringLiteral("connection_dialog_filled.png"));
}

void TstConnectionDialog::urlProblems_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("nats") << "nats://localhost:4222" << QString();
    QTest::newRow("tls") << "tls://nats.example.com:443" << QString();
    QTest::newRow("no port") << "nats://demo.nats.io" << QString();
    QTest::newRow("user info") << "nats://u:p@127.0.0.1:4222" << QString();
    QTest::newRow("ipv6") << "nats://[::1]:4222" << QString();
    QTest::newRow("upper scheme") << "NATS://h:1" << QString();
    QTest::newRow("no scheme") << "demo.nats.io" << "“demo.nats.io” must start with nats:// or tls://.";
    QTest::newRow("ws") << "ws://h:8080" << "“ws://h:8080” must start with nats:// or tls://.";
    QTest::newRow("no host") << "nats://:4222" << "“nats://:4222” has no host.";
    QTest::newRow("bad port") << "nats://h:port" << "“nats://h:port” is not a valid URL.";
    QTest::newRow("path") << "nats://h:4222/x" << "“nats://h:4222/x” has a path; a server URL is nats://host:port.";
}

void TstConnectionDialog::urlProblems() {
    QFETCH(QString, url);
    QFETCH(QString, problem);
    QCOMPARE(ConnectionDialog::urlProblem(url), problem);
}

void TstConnectionDialog::splitsUrls() {
    QCOMPARE(ConnectionDialog::splitUrls(QStringLiteral(" nats://a:1,nats://b:2 \n\n tls://c:3 ,, ")),
             (QStringList{"nats://a:1", "nats://b:2", "tls://c:3"}));
    QCOMPARE(ConnectionDialog::splitUrls(QStringLiteral(" \n ")), QStringList());
}

void TstConnectionDialog::authFieldsFollowTheKind_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("visible");
    QTest::newRow("none") << int(AuthKind::None) << QStringList{};
    QTest::newRow("user") << int(AuthKind::UserPassword) << QStringList{"userEdit", "passwordEdit"};
    QTest::newRow("token") << int(AuthKind::Token) << QStringList{"tokenEdit"};
    QTest::newRow("nkey") << int(AuthKind::NkeySeed) << QStringList{"nkeySeedEdit"};
    QTest::newRow("creds") << int(AuthKind::CredsFile) << QStringList{"credsFileEdit", "credsBrowseButton"};
}

void TstConnectionDialog::authFieldsFollowTheKind() {
    QFETCH(int, kind);
    QFETCH(QStringList, visible);
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto* combo = child<QComboBox>(d, "authCombo");
    combo->setCurrentIndex(combo->findData(kind));
    QCOMPARE(combo->currentData().toInt(), kind);
    for (const char* name : {"userEdit", "passwordEdit", "tokenEdit", "nkeySeedEdit", "credsFileEdit",
                             "credsBrowseButton"}) {
        auto* w = child<QWidget>(d, name);
        QVERIFY2(w->isVisible() == visible.contains(QLatin1String(name)), name);
    }
    QVERIFY(child<QLineEdit>(d, "passwordEdit")->echoMode() == QLineEdit::Password);
    QVERIFY(child<QLineEdit>(d, "tokenEdit")->echoMode() == QLineEdit::Password);
    QVERIFY(child<QLineEdit>(d, "nkeySeedEdit")->echoMode() == QLineEdit::Password);
    if (kind == int(AuthKind::CredsFile)) screenshot(d, QStringLiteral("connection_dialog_creds.png"));
}

void TstConnectionDialog::profileRoundTrip() {
    const auto kSeed = QStringLiteral("SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTBM");
    for (auto kind : {AuthKind::None, AuthKind::UserPassword, AuthKind::Token, AuthKind::NkeySeed,
                      AuthKind::CredsFile}) {
        ConnectionProfile p;
        p.id = 17;
        p.name = QStringLiteral("Staging");
        p.colour = QColor(QStringLiteral("#3366cc"));
        p.urls = {QStringLiteral("tls://s1.example.com:4222"), QStringLiteral("tls://s2.example.com:4222")};
        p.auth = kind;
        if (kind == AuthKind::UserPassword) {
            p.user = QStringLiteral("ops");
            p.password = QStringLiteral(" secret with spaces ");
        }
        if (kind == AuthKind::Token) p.token = QStringLiteral("tok");
        if (kind == AuthKind::NkeySeed) p.nkey_seed = kSeed;
        if (kind == AuthKind::CredsFile) p.creds_file = QStringLiteral("/home/ops/app.creds");
        p.tls_required = true;
        p.tls_ca_file = QStringLiteral("/etc/ca.pem");
        p.tls_cert_file = QStringLiteral("/etc/client.pem");
        p.tls_key_file = QStringLiteral("/etc/client.key");
        p.tls_skip_verify = true;
        p.monitor_url = QStringLiteral("https://s1.example.com:8443");

        ConnectionDialog d;
        d.setProfile(p);
        QVERIFY(okEnabled(d));
        QCOMPARE(child<QLineEdit>(d, "nameEdit")->text(), p.name);
        QCOMPARE(child<QCheckBox>(d, "tlsRequiredCheck")->isChecked(), true);
        const auto back = d.profile();
        QCOMPARE(back.id, p.id);
        QCOMPARE(back.name, p.name);
        QCOMPARE(back.colour, p.colour);
        QCOMPARE(back.urls, p.urls);
        QCOMPARE(back.auth, p.auth);
        QCOMPARE(back.user, p.user);
        QCOMPARE(back.password, p.password);
        QCOMPARE(back.token, p.token);
        QCOMPARE(back.nkey_seed, p.nkey_seed);
        QCOMPARE(back.creds_file, p.creds_file);
        QCOMPARE(back.tls_required, p.tls_required);
        QCOMPARE(back.tls_ca_file, p.tls_ca_file);
        QCOMPARE(back.tls_cert_file, p.tls_cert_file);
        QCOMPARE(back.tls_key_file, p.tls_key_file);
        QCOMPARE(back.tls_skip_verify, p.tls_skip_verify);
        QCOMPARE(back.monitor_url, p.monitor_url);
    }
}

void TstConnectionDialog::onlyTheChosenSecretIsKept() {
    ConnectionProfile p;
    p.name = QStringLiteral("x");
    p.urls = {QStringLiteral("nats://h:4222")};
    p.auth = AuthKind::UserPassword;
    p.user = QStringLiteral("u");
    p.password = QStringLiteral("pw");
    ConnectionDialog d;
    d.setProfile(p);
    auto* combo = child<QComboBox>(d, "authCombo");
    combo->setCurrentIndex(combo->findData(int(AuthKind::Token)));
    QTest::keyClicks(child<QLineEdit>(d, "tokenEdit"), QStringLiteral("t0k"));
    const auto back = d.profile();
    QCOMPARE(back.auth, AuthKind::Token);
    QCOMPARE(back.token, QStringLiteral("t0k"));
    QVERIFY(back.user.isEmpty());
    QVERIFY(back.password.isEmpty());
    QCOMPARE(back.id, 0);
}

void TstConnectionDialog::monitoringUrlIsPrefilled() {
    ConnectionDialog d;
    auto* monitor = child<QLineEdit>(d, "monitorUrlEdit");
    typeUrls(d, QStringLiteral("nats://nats-1.internal:4222"));
    QCOMPARE(monitor->text(), QStringLiteral("http://nats-1.internal:8222"));
    typeUrls(d, QStringLiteral("tls://[::1]:4443"));
    QCOMPARE(monitor->text(), QStringLiteral("http://[::1]:8222"));
    // Once the user types their own, it stays.
    monitor->clear();
    QTest::keyClicks(monitor, QStringLiteral("http://mon:9999"));
    typeUrls(d, QStringLiteral("nats://other:4222"));
    QCOMPARE(monitor->text(), QStringLiteral("http://mon:9999"));
    QCOMPARE(d.profile().monitor_url, QStringLiteral("http://mon:9999"));

    // A loaded profile keeps its empty monitoring URL; invalid URLs prefill nothing.
    ConnectionProfile p;
    p.name = QStringLiteral("p");
    p.urls = {QStringLiteral("nats://h:4222")};
    ConnectionDialog loaded;
    loaded.setProfile(p);
    QCOMPARE(loaded.profile().monitor_url, QString());
    ConnectionDialog fresh;
    typeUrls(fresh, QStringLiteral("localhost:4222"));
    QCOMPARE(child<QLineEdit>(fresh, "monitorUrlEdit")->text(), QString());
}

void TstConnectionDialog::testConnectionAgainstEmbeddedNode() {
    nwb::embed::Node node("dialog-test");
    QVERIFY2(node.start(), node.error().c_str());

    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QTest::keyClicks(child<QLineEdit>(d, "nameEdit"), QStringLiteral("Embedded"));
    typeUrls(d, QString::fromStdString(node.clientUrl()));
    auto* test = child<QPushButton>(d, "testButton");
    QVERIFY(test->isEnabled());
    QSignalSpy finished(&d, &ConnectionDialog::testFinished);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(d.testRunning());
    QVERIFY(!test->isEnabled());  // one test at a time
    QVERIFY(d.testResultText().startsWith(QStringLiteral("Connecting to nats://127.0.0.1:")));
    QVERIFY(finished.wait(15000));
    const auto result = finished.first().first().value<ConnectionTestResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    const QString text = d.testResultText();
    QVERIFY2(text.contains(QStringLiteral("2.10.22")), qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("Connected to dialog-test (nats-server 2.10.22), RTT ")),
             qPrintable(text));
    QVERIFY(text.endsWith(QStringLiteral(" ms, JetStream off")));
    QVERIFY(test->isEnabled());
    QVERIFY(!d.testRunning());
    screenshot(d, QStringLiteral("connection_dialog_tested.png"));
}

void TstConnectionDialog::testConnectionFailureIsShown() {
    // A port that was just free: nothing listens there.
    nwb::embed::Node node("gone");
    QVERIFY(node.start());
    const std::string url = node.clientUrl();
    node.stop();

    ConnectionDialog d;
    typeUrls(d, QString::fromStdString(url));
    QSignalSpy finished(&d, &ConnectionDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(d, "testButton"), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY(!finished.first().first().value<ConnectionTestResult>().ok);
    QVERIFY2(d.testResultText().startsWith(QStringLiteral("Failed: ")), qPrintable(d.testResultText()));
}

void TstConnectionDialog::describesResults() {
    ConnectionTestResult r;
    r.ok = true;
    r.server_name = QStringLiteral("n1");
    r.server_id = QStringLiteral("NABC");
    r.version = QStringLiteral("2.9.10");
    r.rtt_us = 1234;
    r.jetstream = true;
    QCOMPARE(ConnectionDialog::describeTestResult(r),
             QStringLiteral("Connected to n1 (nats-server 2.9.10), RTT 1.23 ms, JetStream on"));
    r.server_name.clear();
    r.jetstream = false;
    QCOMPARE(ConnectionDialog::describeTestResult(r),
             QStringLiteral("Connected to NABC (nats-server 2.9.10), RTT 1.23 ms, JetStream off"));
    ConnectionTestResult failed;
    failed.error = QStringLiteral("Authorization Violation");
    QCOMPARE(ConnectionDialog::describeTestResult(failed), QStringLiteral("Failed: Authorization Violation"));
}

QTEST_MAIN(TstConnectionDialog)
#include "tst_connection_dialog.moc"
