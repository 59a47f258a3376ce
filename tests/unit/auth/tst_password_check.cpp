// Password and token comparison: plain constant-time equality and bcrypt through libxcrypt.
#include "engine/auth/password_check.h"

#include <QTest>

using nwb::auth::isBcryptHash;
using nwb::auth::passwordMatches;

namespace {

// Generated with libxcrypt (python3 crypt) for the password "s3cr3t" and a fixed salt.
const QByteArray kHash2a04 = "$2a$04$abcdefghijklmnopqrstuu35fBIWlNgF8BcAW/t2cO158N8svSFHy";
const QByteArray kHash2b04 = "$2b$04$abcdefghijklmnopqrstuu35fBIWlNgF8BcAW/t2cO158N8svSFHy";
const QByteArray kHash2y04 = "$2y$04$abcdefghijklmnopqrstuu35fBIWlNgF8BcAW/t2cO158N8svSFHy";
const QByteArray kHash2b10 = "$2b$10$abcdefghijklmnopqrstuu/38FEmIU7Hp2rxowjrUXyQTiJ2lnMTu";
// "pässword" (UTF-8): the correct algorithm, labelled $2x$; and libxcrypt's buggy $2x$ variant.
// nats-server 2.9.10 accepts the first and refuses the second (verify_against_nats_server.py).
const QByteArray kUmlautCorrect2x = "$2x$04$abcdefghijklmnopqrstuum174eFeoTj0DHmtuueFaS3Wde4P7wHG";
const QByteArray kUmlautBuggy2x = "$2x$04$abcdefghijklmnopqrstuuUhlRxPKU8bApz79Dq/VNwbM1xeCsz8G";

std::string_view view(const QByteArray& b) {
    return {b.constData(), static_cast<std::size_t>(b.size())};
}

}  // namespace

class TestPasswordCheck : public QObject {
    Q_OBJECT

private slots:
    void isBcryptHashTable_data();
    void isBcryptHashTable();
    void matches_data();
    void matches();
};

void TestPasswordCheck::isBcryptHashTable_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("expected");
    QTest::newRow("2a") << kHash2a04 << true;
    QTest::newRow("2b") << kHash2b04 << true;
    QTest::newRow("2y") << kHash2y04 << true;
    QTest::newRow("2x prefix only") << QByteArray("$2x$12$") << true;
    QTest::newRow("2c") << QByteArray("$2c$04$abc") << false;
    QTest::newRow("one digit cost") << QByteArray("$2b$4$abc") << false;
    QTest::newRow("three digit cost") << QByteArray("$2b$123$abc") << false;
    QTest::newRow("no minor") << QByteArray("$2$04$abc") << false;
    QTest::newRow("sha512crypt") << QByteArray("$6$salt$hash") << false;
    QTest::newRow("leading space") << QByteArray(" $2b$04$abc") << false;
    QTest::newRow("plain") << QByteArray("s3cr3t") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestPasswordCheck::isBcryptHashTable() {
    QFETCH(QByteArray, value);
    QFETCH(bool, expected);
    QCOMPARE(isBcryptHash(view(value)), expected);
}

void TestPasswordCheck::matches_data() {
    QTest::addColumn<QByteArray>("configured");
    QTest::addColumn<QByteArray>("provided");
    QTest::addColumn<bool>("expected");

    QTest::newRow("plain equal") << QByteArray("s3cr3t") << QByteArray("s3cr3t") << true;
    QTest::newRow("plain differs") << QByteArray("s3cr3t") << QByteArray("s3cr3T") << false;
    QTest::newRow("plain prefix") << QByteArray("s3cr3t") << QByteArray("s3cr3") << false;
    QTest::newRow("plain longer") << QByteArray("s3cr3t") << QByteArray("s3cr3tt") << false;
    QTest::newRow("plain empty both") << QByteArray() << QByteArray() << true;
    QTest::newRow("plain empty configured") << QByteArray() << QByteArray("x") << false;
    QTest::newRow("plain empty provided") << QByteArray("x") << QByteArray() << false;
    QTest::newRow("plain with NUL") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3) << true;
    QTest::newRow("plain NUL differs") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
    QTest::newRow("not bcrypt: compared as text")
        << QByteArray("$2b$4$x") << QByteArray("$2b$4$x") << true;

    QTest::newRow("2a right") << kHash2a04 << QByteArray("s3cr3t") << true;
    QTest::newRow("2a wrong") << kHash2a04 << QByteArray("s3cr3T") << false;
    QTest::newRow("2b right") << kHash2b04 << QByteArray("s3cr3t") << true;
    QTest::newRow("2b wrong") << kHash2b04 << QByteArray("secret") << false;
    QTest::newRow("2b empty") << kHash2b04 << QByteArray() << false;
    QTest::newRow("2y right") << kHash2y04 << QByteArray("s3cr3t") << true;
    QTest::newRow("2b cost 10 right") << kHash2b10 << QByteArray("s3cr3t") << true;
    QTest::newRow("2b cost 10 wrong") << kHash2b10 << QByteArray("s3cr3") << false;
    QTest::newRow("hash as password") << kHash2b04 << kHash2b04 << false;
    QTest::newRow("NUL after the password") << kHash2b04 << QByteArray("s3cr3t\0x", 8) << false;
    QTest::newRow("2x correct algorithm")
        << kUmlautCorrect2x << QByteArray("p\xc3\xa4ssword") << true;
    QTest::newRow("2x buggy variant") << kUmlautBuggy2x << QByteArray("p\xc3\xa4ssword") << false;
    QTest::newRow("truncated hash") << kHash2b04.chopped(1) << QByteArray("s3cr3t") << false;
    QTest::newRow("hash with trailing byte") << kHash2b04 + "A" << QByteArray("s3cr3t") << false;
    QTest::newRow("cost below 4")
        << QByteArray("$2b$03$abcdefghijklmnopqrstuu35fBIWlNgF8BcAW/t2cO158N8svSFHy")
        << QByteArray("s3cr3t") << false;
    QTest::newRow("hash differs in last char")
        << kHash2b04.chopped(1) + "z" << QByteArray("s3cr3t") << false;
}

void TestPasswordCheck::matches() {
    QFETCH(QByteArray, configured);
    QFETCH(QByteArray, provided);
    QFETCH(bool, expected);
    QCOMPARE(passwordMatches(view(configured), view(provided)), expected);
}

QTEST_APPLESS_MAIN(TestPasswordCheck)
#include "tst_password_check.moc"
