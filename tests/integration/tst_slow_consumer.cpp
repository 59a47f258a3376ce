// Slow consumer: a subscriber that stops reading is disconnected once its pending bytes pass
// max_pending, without -ERR, while the publisher and a reading subscriber are unaffected.
#include "tests/integration/integration_test.h"
#include "tests/integration/raw_connection.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

using namespace nwb::test;

class TestSlowConsumer : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void stalledSubscriberIsDisconnected_data();
    void stalledSubscriberIsDisconnected();
};

namespace {

// max_payload may not exceed max_pending (nats-server refuses to start otherwise).
// Once a consumer's pending bytes pass max_pending/2, nats-server stalls the producer for up to
// 1 s per message, and the connection marked slow is torn down only when the write blocked on
// it gives up after write_deadline (default 10 s); a short write_deadline keeps the test short.
constexpr char kConfig[] = "max_pending: 65536\nmax_payload: 65536\nwrite_deadline: \"2s\"\n";
constexpr int64_t kStalledPublishMs = 30'000;  // a flush may wait out the producer stall

/// Payload of message `index`: the index as 8 digits, padded with '.' to `size` bytes.
std::string payloadFor(int index, int size) {
    char digits[9];
    std::snprintf(digits, sizeof digits, "%08d", index);
    std::string payload(digits);
    payload.resize(static_cast<std::size_t>(size), '.');
    return payload;
}

/// Bytes the kernel may buffer for one loopback connection on the sending side (tcp_wmem max).
int64_t kernelSendBufferMax() {
    std::ifstream tcp_wmem("/proc/sys/net/ipv4/tcp_wmem");
    int64_t min = 0, initial = 0, max = 0;
    if (tcp_wmem >> min >> initial >> max && max > 0) return max;
    return 4 * 1024 * 1024;
}

struct ParsedStream {
    int messages = 0;  // complete, well-formed MSG frames, indices 0..messages-1 in order
    bool truncated_tail = false;  // the stream ends inside a frame
    std::string error;            // first deviation from the expected stream
};

/// Parses what a stalled raw subscriber (sid 1 on "flood") read after its PONG: in-order MSG
/// frames with the expected payloads, possibly cut off at the end.
ParsedStream parseFlood(std::string_view stream, int payload_size) {
    ParsedStream result;
    const std::string header = "MSG flood 1 " + std::to_string(payload_size) + "\r\n";
    while (!stream.empty()) {
        const std::string expected = header + payloadFor(result.messages, payload_size) + "\r\n";
        if (stream.size() < expected.size()) {
            if (std::string_view(expected).starts_with(stream)) {
                result.truncated_tail = true;
            } else {
                result.error = "unexpected bytes: " + std::string(stream.substr(0, 80));
            }
            return result;
        }
        if (!stream.starts_with(expected)) {
            result.error = "unexpected frame at message " + std::to_string(result.messages) + ": " +
                           std::string(stream.substr(0, 80));
            return result;
        }
        stream.remove_prefix(expected.size());
        ++result.messages;
    }
    return result;
}

}  // namespace

void TestSlowConsumer::stalledSubscriberIsDisconnected_data() {
    QTest::addColumn<int>("payload_size");
    QTest::addColumn<int>("batch");  // messages in flight at once; batch*size stays < max_pending
    QTest::newRow("1 KiB messages") << 1024 << 16;
    QTest::newRow("100 B messages") << 100 << 128;
}

void TestSlowConsumer::stalledSubscriberIsDisconnected() {
    QFETCH(int, payload_size);
    QFETCH(int, batch);
    // Enough to fill the kernel buffers on both ends (the stalled side's receive buffer is tiny)
    // and then max_pending, twice over.
    const int64_t flood_bytes = 2 * kernelSendBufferMax() + 1024 * 1024;
    const int frame_size = payload_size +
                           static_cast<int>(std::string("MSG flood 1 \r\n\r\n").size()) +
                           static_cast<int>(std::to_string(payload_size).size());
    const int messages = static_cast<int>(flood_bytes / frame_size) + 1;

    NWB_START_SERVER(server, ServerOptions::withConfig(kConfig));

    // The stalled subscriber: a tiny receive buffer, reads up to its PONG, then stops reading.
    auto stalled = RawConnection::open(server.port(), 4096);
    QVERIFY2(stalled.has_value(), describe(stalled).c_str());
    QVERIFY(
        stalled->sendAll("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\n"
                         "SUB flood 1\r\nPING\r\n"));
    QCOMPARE(stalled->readUntil("PONG\r\n", std::chrono::milliseconds(kWaitMs)),
             RawConnection::ReadEnd::kFound);
    const std::size_t flood_start = stalled->received().find("PONG\r\n") + 6;
    QVERIFY(stalled->received().starts_with("INFO {"));

    NWB_CONNECT(good_nc, server.url());
    NWB_SUBSCRIBE(good, good_nc, "flood");
    QVERIFY(barrier({good_nc}));
    NWB_CONNECT(pub_nc, server.url());

    // Publish in lockstep with the reading subscriber, so only it never falls behind.
    for (int sent = 0; sent < messages;) {
        const int end = std::min(messages, sent + batch);
        for (int i = sent; i < end; ++i) {
            const std::string payload = payloadFor(i, payload_size);
            QCOMPARE(natsConnection_Publish(pub_nc, "flood", payload.data(),
                                            static_cast<int>(payload.size())),
                     NATS_OK);
        }
        QCOMPARE(natsConnection_FlushTimeout(pub_nc, kStalledPublishMs), NATS_OK);
        for (int i = sent; i < end; ++i) {
            auto msg = nextMsg(good, kWaitMs);
            QVERIFY2(msg.has_value(),
                     qPrintable(QString("good subscriber lost message %1").arg(i)));
            QCOMPARE(msgData(msg->get()), payloadFor(i, payload_size));
        }
        sent = end;
    }

    // Publisher and reading subscriber are still connected and got everything exactly once.
    QCOMPARE(natsConnection_Status(pub_nc), NATS_CONN_STATUS_CONNECTED);
    QCOMPARE(natsConnection_Status(good_nc), NATS_CONN_STATUS_CONNECTED);
    QVERIFY(barrier({pub_nc, good_nc}));
    const char* no_error = nullptr;
    QCOMPARE(natsConnection_GetLastError(pub_nc, &no_error), NATS_OK);
    QCOMPARE(pendingMsgs(good), 0);
    int64_t dropped = -1;
    QCOMPARE(natsSubscription_GetDropped(good, &dropped), NATS_OK);
    QCOMPARE(dropped, int64_t{0});

    // The stalled subscriber was cut off: a prefix of the flood, then EOF, and no -ERR.
    QCOMPARE(stalled->readToEnd(std::chrono::seconds(20)), RawConnection::ReadEnd::kEof);
    const std::string_view flood = std::string_view(stalled->received()).substr(flood_start);
    QVERIFY2(flood.find("-ERR") == std::string_view::npos, "the server sent -ERR");
    const ParsedStream parsed = parseFlood(flood, payload_size);
    QVERIFY2(parsed.error.empty(), parsed.error.c_str());
    QVERIFY2(parsed.messages < messages,
             qPrintable(QString("stalled subscriber got all %1 messages").arg(messages)));
    qInfo("stalled subscriber received %d of %d messages (%zu bytes) before the server closed it",
          parsed.messages, messages, flood.size());
}

QTEST_APPLESS_MAIN(TestSlowConsumer)
#include "tst_slow_consumer.moc"
