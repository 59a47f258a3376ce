// nwb::base::sha256 against FIPS 180-4's example vectors and block-boundary lengths.
#include "engine/base/sha256.h"

#include <QtTest/QtTest>

#include <string>

namespace {

QString hex(const nwb::base::Sha256Digest& d) {
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(d.data()), 32).toHex());
}

}  // namespace

class TestSha256 : public QObject {
    Q_OBJECT

private slots:
    void knownVectors_data();
    void knownVectors();
    void agreesWithQtAtEveryLengthAroundABlock();
};

void TestSha256::knownVectors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    QTest::newRow("empty") << QByteArray()
        << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc")
        << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("two blocks")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("a million a") << QByteArray(1'000'000, 'a')
        << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestSha256::knownVectors() {
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    QCOMPARE(hex(nwb::base::sha256(std::string_view(input.constData(), input.size()))), digest);
}

void TestSha256::agreesWithQtAtEveryLengthAroundABlock() {
    for (int size = 0; size <= 200; ++size) {
        QByteArray input(size, '\0');
        for (int i = 0; i < size; ++i) input[i] = static_cast<char>(i * 31 + 7);
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
        QCOMPARE(hex(nwb::base::sha256(std::string_view(input.constData(), input.size()))), expected);
    }
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
