// The client layer's parts without a server: the bounded inbox, INFO parsing, NKey seeds, and
// copying messages out of libnats.
#include "ui/client/message_copy.h"
#include "ui/client/message_inbox.h"
#include "ui/client/nkey_signer.h"
#include "ui/client/server_info_reader.h"

#include <QtTest>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace nwb::ui;

namespace {

ReceivedMessage message(const QByteArray& payload) {
    ReceivedMessage m;
    m.subject = QStringLiteral("s");
    m.payload = payload;
    return m;
}

QList<QByteArray> payloads(const QList<ReceivedMessage>& messages) {
    QList<QByteArray> out;
    for (const auto& m : messages) out.append(m.payload);
    return out;
}

}  // namespace

class TstClientParts : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nwb::ui::closeNatsLibrary(); }

    void inboxKeepsOrderAndStampsSequences() {
        MessageInbox inbox(5);
        inbox.push(message("a"));
        inbox.push(message("b"));
        auto batch = inbox.take();
        QCOMPARE(payloads(batch.messages), (QList<QByteArray>{"a", "b"}));
        QCOMPARE(batch.messages[0].sequence, quint64(1));
        QCOMPARE(batch.messages[1].sequence, quint64(2));
        QCOMPARE(batch.dropped, quint64(0));
        QCOMPARE(batch.arrived, quint64(2));
        inbox.push(message("c"));
        batch = inbox.take();
        QCOMPARE(batch.messages[0].sequence, quint64(3));
        batch = inbox.take();
        QVERIFY(batch.messages.isEmpty());
        QCOMPARE(batch.dropped, quint64(0));
        QCOMPARE(batch.arrived, quint64(3));
    }

    void inboxDropsTheOldestWhenFull() {
        MessageInbox inbox(3);
        for (int i = 1; i <= 7; ++i) inbox.push(message(QByteArray::number(i)));
        auto batch = inbox.take();
        QCOMPARE(payloads(batch.messages), (QList<QByteArray>{"5", "6", "7"}));
        QCOMPARE(batch.messages.front().sequence, quint64(5));
        QCOMPARE(batch.dropped, quint64(4));
        QCOMPARE(inbox.take().dropped, quint64(0));  // counted once
        QCOMPARE(inbox.arrived(), quint64(7));
    }

    void inboxShrinkingDropsAtOnce() {
        MessageInbox inbox(10);
        for (int i = 1; i <= 6; ++i) inbox.push(message(QByteArray::number(i)));
        inbox.setCapacity(2);
        auto batch = inbox.take();
        QCOMPARE(payloads(batch.messages), (QList<QByteArray>{"5", "6"}));
        QCOMPARE(batch.dropped, quint64(4));
        inbox.setCapacity(0);  // at least one
        inbox.push(message("x"));
        inbox.push(message("y"));
        batch = inbox.take();
        QCOMPARE(payloads(batch.messages), (QList<QByteArray>{"y"}));
        QCOMPARE(batch.dropped, quint64(1));
    }

    void inboxTakesFromManyThreads() {
        MessageInbox inbox(1'000'000);
        std::vector<std::thread> writers;
        for (int t = 0; t < 4; ++t)
            writers.emplace_back([&] {
                for (int i = 0; i < 10'000; ++i) inbox.push(message("m"));
            });
        QList<ReceivedMessage> all;
        while (inbox.arrived() < 40'000 || !all.isEmpty()) {
            auto batch = inbox.take();
            if (batch.messages.isEmpty() && inbox.arrived() == 40'000) break;
            all += batch.messages;
        }
        for (auto& w : writers) w.join();
        all += inbox.take().messages;
        QCOMPARE(all.size(), 40'000);
        QVERIFY(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) {
            return a.sequence < b.sequence;
        }));
        QCOMPARE(all.back().sequence, quint64(40'000));
    }

    void parseInfoLine_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("server_id");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("jetstream");
        QTest::addColumn<qint64>("max_payload");
        QTest::newRow("nats-server")
            << QByteArray(R"(INFO {"server_id":"NABC","server_name":"n1","version":"2.9.10",)"
                          R"("proto":1,"headers":true,"max_payload":1048576,"jetstream":true})"
                          "\r\n")
            << true << "NABC"
            << "2.9.10" << true << qint64(1048576);
        QTest::newRow("no jetstream")
            << QByteArray(R"(INFO {"server_id":"X","version":"2.10.1","max_payload":8})") << true
            << "X"
            << "2.10.1" << false << qint64(8);
        QTest::newRow("not NATS") << QByteArray("HTTP/1.1 400 Bad Request\r\n") << false << ""
                                  << "" << false << qint64(0);
        QTest::newRow("broken JSON") << QByteArray("INFO {\"server_id\":\r\n") << false << ""
                                     << "" << false << qint64(0);
    }
    void parseInfoLine() {
        QFETCH(QByteArray, line);
        QFETCH(bool, ok);
        const auto info = nwb::ui::parseInfoLine(line);
        QCOMPARE(info.has_value(), ok);
        if (!ok) {
            QVERIFY(!info.error().isEmpty());
            return;
        }
        QFETCH(QString, server_id);
        QFETCH(QString, version);
        QFETCH(bool, jetstream);
        QFETCH(qint64, max_payload);
        QCOMPARE(info->server_id, server_id);
        QCOMPARE(info->version, version);
        QCOMPARE(info->jetstream, jetstream);
        QCOMPARE(info->max_payload, max_payload);
    }

    void nkeyPublicKeyFromSeed() {
        // The user key pair of nats-server's NKey documentation.
        auto signer = NkeySigner::fromSeed(
            QStringLiteral("SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY"));
        QVERIFY2(signer.has_value(), qPrintable(signer ? QString() : signer.error()));
        QCOMPARE((*signer)->publicKey(),
                 QByteArray("UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4"));
    }

    void nkeySeedRoundTrip() {
        const QByteArray raw(32, '\x2a');
        const QByteArray seed = encodeUserSeed(raw);
        QCOMPARE(seed.size(), 58);
        QVERIFY(seed.startsWith("SU"));
        auto signer = NkeySigner::fromSeed(QString::fromLatin1(seed));
        QVERIFY2(signer.has_value(), qPrintable(signer ? QString() : signer.error()));
        QCOMPARE((*signer)->publicKey().size(), 56);
        QVERIFY((*signer)->publicKey().startsWith('U'));

        unsigned char* signature = nullptr;
        int length = 0;
        QCOMPARE(NkeySigner::sign(nullptr, &signature, &length, "nonce", signer->get()), NATS_OK);
        QCOMPARE(length, 64);
        std::free(signature);
    }

    void nkeyRejectsBadSeeds_data() {
        QTest::addColumn<QString>("seed");
        QTest::newRow("empty") << QString();
        QTest::newRow("not base32") << QStringLiteral("SU!!");
        QTest::newRow("short") << QStringLiteral("SUACSSL3UAHUDXKF");
        // One character changed: the checksum no longer matches.
        QTest::newRow("checksum") << QStringLiteral(
            "SUACSSL3UAIUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY");
        // A public key is not a seed.
        QTest::newRow("public key")
            << QStringLiteral("UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4");
    }
    void nkeyRejectsBadSeeds() {
        QFETCH(QString, seed);
        auto signer = NkeySigner::fromSeed(seed);
        QVERIFY(!signer.has_value());
        QVERIFY(!signer.error().isEmpty());
    }

    void messageCopyRoundTrip() {
        const HeaderList headers{{"A", "1"}, {"B", "x"}, {"B", "y"}};
        auto msg = makeMessage("sub.j", "rep.ly", headers, QByteArray("data\0more", 9));
        QVERIFY2(msg.has_value(), qPrintable(msg ? QString() : msg.error()));
        const ReceivedMessage copy = copyMessage(msg->get());
        QCOMPARE(copy.subject, QStringLiteral("sub.j"));
        QCOMPARE(copy.reply, QStringLiteral("rep.ly"));
        QCOMPARE(copy.payload, QByteArray("data\0more", 9));
        HeaderList sorted = copy.headers;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        QCOMPARE(sorted, headers);
        QCOMPARE(copy.sequence, quint64(0));
    }

    void messageWithoutHeadersOrReply() {
        auto msg = makeMessage("plain", {}, {}, {});
        QVERIFY(msg.has_value());
        const ReceivedMessage copy = copyMessage(msg->get());
        QCOMPARE(copy.subject, QStringLiteral("plain"));
        QVERIFY(copy.reply.isEmpty());
        QVERIFY(copy.headers.isEmpty());
        QVERIFY(copy.payload.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstClientParts)
#include "tst_client_parts.moc"
