// nats-server's permission violation texts, and Go's %q quoting inside them.
#include "engine/auth/reserved_subjects.h"
#include "engine/auth/violation_text.h"

#include <QTest>

using namespace nwb::auth;

class TestViolationText : public QObject {
    Q_OBJECT

private slots:
    void texts_data();
    void texts();
    void goQuoting_data();
    void goQuoting();
    void reserved_data();
    void reserved();
};

void TestViolationText::texts_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("subject");
    QTest::addColumn<QByteArray>("queue");
    QTest::addColumn<QByteArray>("expected");
    // Exact texts observed from nats-server 2.9.10 (inside -ERR '...').
    QTest::newRow("publish") << "pub" << QByteArray("foo.secret") << QByteArray()
                             << QByteArray("Permissions Violation for Publish to \"foo.secret\"");
    QTest::newRow("subscribe") << "sub" << QByteArray("foo.>") << QByteArray()
                               << QByteArray("Permissions Violation for Subscription to \"foo.>\"");
    QTest::newRow("subscribe queue")
        << "sub" << QByteArray("q1") << QByteArray("grp2")
        << QByteArray("Permissions Violation for Subscription to \"q1\" using queue \"grp2\"");
    QTest::newRow("reply") << "reply" << QByteArray("_R_.x") << QByteArray()
                           << QByteArray(
                                  "Permissions Violation for Publish with Reply of \"_R_.x\"");
    QTest::newRow("publish quote") << "pub" << QByteArray("a\"b") << QByteArray()
                                   << QByteArray("Permissions Violation for Publish to \"a\\\"b\"");
}

void TestViolationText::texts() {
    QFETCH(QString, kind);
    QFETCH(QByteArray, subject);
    QFETCH(QByteArray, queue);
    QFETCH(QByteArray, expected);
    const std::string_view s(subject.constData(), subject.size());
    const std::string_view q(queue.constData(), queue.size());
    std::string got;
    if (kind == QLatin1String("pub")) got = publishViolation(s);
    if (kind == QLatin1String("sub")) got = subscribeViolation(s, q);
    if (kind == QLatin1String("reply")) got = publishWithReplyViolation(s);
    QCOMPARE(QByteArray::fromStdString(got), expected);
}

void TestViolationText::goQuoting_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("foo.bar") << QByteArray("\"foo.bar\"");
    QTest::newRow("empty") << QByteArray() << QByteArray("\"\"");
    QTest::newRow("backslash") << QByteArray("a\\b") << QByteArray("\"a\\\\b\"");
    QTest::newRow("controls") << QByteArray("\a\b\f\n\r\t\v")
                              << QByteArray("\"\\a\\b\\f\\n\\r\\t\\v\"");
    QTest::newRow("NUL and DEL") << QByteArray("\0\x7f", 2) << QByteArray("\"\\x00\\x7f\"");
    QTest::newRow("utf8 kept") << QByteArray("caf\xc3\xa9.\xe2\x82\xac")
                               << QByteArray("\"caf\xc3\xa9.\xe2\x82\xac\"");
    QTest::newRow("emoji kept") << QByteArray("\xf0\x9f\x98\x80")
                                << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("invalid byte") << QByteArray("a\xff") << QByteArray("\"a\\xff\"");
    QTest::newRow("truncated sequence") << QByteArray("\xe2\x82") << QByteArray("\"\\xe2\\x82\"");
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QByteArray("\"\\xc0\\xaf\"");
    QTest::newRow("nbsp") << QByteArray("\xc2\xa0") << QByteArray("\"\\u00a0\"");
    QTest::newRow("bom") << QByteArray("\xef\xbb\xbf") << QByteArray("\"\\ufeff\"");
    QTest::newRow("private plane")
        << QByteArray("\xf3\xb0\x80\x80") << QByteArray("\"\\U000f0000\"");
}

void TestViolationText::goQuoting() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(
                 goQuote({input.constData(), static_cast<std::size_t>(input.size())})),
             expected);
}

void TestViolationText::reserved_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("expected");
    // Observed on nats-server 2.9.10: which replies and subjects a client PUB may not use.
    QTest::newRow("service reply") << "reply" << QByteArray("_R_.abc") << true;
    QTest::newRow("service prefix alone") << "reply" << QByteArray("_R_.") << true;
    QTest::newRow("service no dot") << "reply" << QByteArray("_R_") << false;
    QTest::newRow("service lower case") << "reply" << QByteArray("_r_.x") << false;
    QTest::newRow("js ack") << "reply" << QByteArray("$JS.ACK.s.c.1.1.1.1.0") << true;
    QTest::newRow("js ack prefix alone") << "reply" << QByteArray("$JS.ACK.") << false;
    QTest::newRow("js ack no dot") << "reply" << QByteArray("$JS.ACKX") << false;
    QTest::newRow("gateway reply") << "reply" << QByteArray("_GR_.x") << true;
    QTest::newRow("gateway prefix alone") << "reply" << QByteArray("_GR_.") << false;
    QTest::newRow("old gateway prefix") << "reply" << QByteArray("$GR.x") << false;
    QTest::newRow("GNR") << "reply" << QByteArray("$GNR.x") << false;
    QTest::newRow("inbox") << "reply" << QByteArray("_INBOX.abc") << false;
    QTest::newRow("empty reply") << "reply" << QByteArray() << false;
    QTest::newRow("gateway subject") << "subject" << QByteArray("_GR_.x") << true;
    QTest::newRow("gateway subject prefix alone") << "subject" << QByteArray("_GR_.") << false;
    QTest::newRow("old gateway subject") << "subject" << QByteArray("$GR.x") << false;
    QTest::newRow("service subject") << "subject" << QByteArray("_R_.x") << false;
    QTest::newRow("sys queue") << "queue" << QByteArray("_sys_") << true;
    QTest::newRow("SYS queue") << "queue" << QByteArray("_SYS_") << false;
    QTest::newRow("other queue") << "queue" << QByteArray("_sys_x") << false;
}

void TestViolationText::reserved() {
    QFETCH(QString, kind);
    QFETCH(QByteArray, value);
    QFETCH(bool, expected);
    const std::string_view v(value.constData(), value.size());
    if (kind == QLatin1String("reply")) QCOMPARE(isReservedReply(v), expected);
    if (kind == QLatin1String("subject")) QCOMPARE(isReservedPublishSubject(v), expected);
    if (kind == QLatin1String("queue")) QCOMPARE(isReservedQueue(v), expected);
}

QTEST_APPLESS_MAIN(TestViolationText)
#include "tst_violation_text.moc"
