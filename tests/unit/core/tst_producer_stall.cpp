// Producer stall: a reader whose messages congest a receiver is held until the receiver drains,
// or for at most stall_timeout; a real core::Server in this process and raw TCP clients.
#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include "engine/core/server.h"
#include "tests/integration/raw_connection.h"

using nwb::core::ConnectionInfo;
using nwb::core::Server;
using nwb::core::ServerOptions;
using nwb::test::RawConnection;
using namespace std::chrono_literals;

namespace {

constexpr int kPayloadSize = 1024;
constexpr auto kWait = 20s;

ServerOptions localOptions() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    return o;
}

/// Bytes the kernel may buffer for one loopback connection on the sending side (tcp_wmem max).
std::int64_t kernelSendBufferMax() {
    std::ifstream tcp_wmem("/proc/sys/net/ipv4/tcp_wmem");
    std::int64_t min = 0, initial = 0, max = 0;
    if (tcp_wmem >> min >> initial >> max && max > 0) return max;
    return 4 * 1024 * 1024;
}

/// Payload of message `index`: the index as 8 digits, padded with '.'.
std::string payloadFor(int index) {
    char digits[9];
    std::snprintf(digits, sizeof digits, "%08d", index);
    std::string payload(digits);
    payload.resize(kPayloadSize, '.');
    return payload;
}

std::string msgFrame(int index) {
    return "MSG flood 1 " + std::to_string(kPayloadSize) + "\r\n" + payloadFor(index) + "\r\n";
}

/// PUB frames for messages 0..count-1, then a PING whose PONG proves all were read.
std::string floodBytes(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        out += "PUB flood " + std::to_string(kPayloadSize) + "\r\n" + payloadFor(i) + "\r\n";
    }
    out += "PING\r\n";
    return out;
}

/// Enough to fill the kernel's buffers towards a subscriber that stopped reading, and then
/// `beyond` bytes in the server's own outbound buffer.
int floodCount(std::int64_t beyond) {
    return static_cast<int>((kernelSendBufferMax() + beyond) / msgFrame(0).size()) + 1;
}

/// A subscriber to "flood" (sid 1) with a tiny receive buffer that has seen its PONG; returns
/// where the MSG stream starts in received().
std::optional<std::size_t> subscribe(RawConnection& conn) {
    if (!conn.sendAll("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\n"
                      "SUB flood 1\r\nPING\r\n")) {
        return std::nullopt;
    }
    if (conn.readUntil("PONG\r\n", kWait) != RawConnection::ReadEnd::kFound) return std::nullopt;
    return conn.received().find("PONG\r\n") + 6;
}

bool connectPublisher(RawConnection& conn) {
    return conn.sendAll("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\n"
                        "PING\r\n") &&
           conn.readUntil("PONG\r\n", kWait) == RawConnection::ReadEnd::kFound;
}

std::optional<ConnectionInfo> subscriberInfo(Server& server) {
    for (ConnectionInfo& ci : server.connections(false)) {
        if (ci.num_subs == 1) return ci;
    }
    return std::nullopt;
}

}  // namespace

class TstProducerStall : public QObject {
    Q_OBJECT

private slots:
    void heldProducerResumesWhenReceiverDrains();
    void holdEndsAfterTimeoutForStuckReceiver();
};

void TstProducerStall::heldProducerResumesWhenReceiverDrains() {
    ServerOptions options = localOptions();
    options.stall_pending = 256 * 1024;
    options.stall_timeout = 10min;  // any hold seen here ends only by the receiver draining
    Server server(options);
    server.start();

    auto sub = RawConnection::open(server.port(), 4096);
    QVERIFY(sub.has_value());
    const auto flood_start = subscribe(*sub);
    QVERIFY(flood_start.has_value());
    auto pub = RawConnection::open(server.port());
    QVERIFY(pub.has_value());
    QVERIFY(connectPublisher(*pub));
    const std::size_t pub_pongs_before = pub->received().size();

    const int count = floodCount(4 * options.stall_pending);
    const std::string flood = floodBytes(count);
    bool sent = false;
    std::thread publisher([&] { sent = pub->sendAll(flood); });

    // The subscriber reads nothing: its buffer passes the stall level and the publisher is held.
    QTRY_VERIFY_WITH_TIMEOUT(server.counters().producer_stalls.load() >= 1, 20000);
    // Held means not read from: at most the read that crossed the level (64 KiB of PUB frames)
    // was added after the level was passed.
    const auto held = subscriberInfo(server);
    QVERIFY(held.has_value());
    QVERIFY2(held->pending_bytes <= options.stall_pending + 70 * 1024,
             qPrintable(QString("pending %1").arg(held->pending_bytes)));

    // The subscriber reads again: the publisher is resumed and every message arrives, in order.
    const std::size_t frame = msgFrame(0).size();
    const std::size_t stream_end = *flood_start + frame * static_cast<std::size_t>(count);
    QCOMPARE(sub->readUntil(msgFrame(count - 1), kWait, stream_end - frame),
             RawConnection::ReadEnd::kFound);
    publisher.join();
    QVERIFY(sent);
    QCOMPARE(pub->readUntil("PONG\r\n", kWait, pub_pongs_before), RawConnection::ReadEnd::kFound);
    const std::string_view stream = std::string_view(sub->received()).substr(*flood_start);
    QCOMPARE(stream.size(), frame * static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        if (stream.substr(static_cast<std::size_t>(i) * frame, frame) != msgFrame(i)) {
            QFAIL(qPrintable(QString("message %1 is not where it belongs").arg(i)));
        }
    }
    QCOMPARE(server.counters().slow_consumers.load(), std::int64_t{0});
    server.shutdown();
}

void TstProducerStall::holdEndsAfterTimeoutForStuckReceiver() {
    ServerOptions options = localOptions();
    options.max_pending = 512 * 1024;
    options.stall_pending = 1024 * 1024;  // capped at max_pending / 2
    options.stall_timeout = 20ms;
    Server server(options);
    server.start();

    auto sub = RawConnection::open(server.port(), 4096);
    QVERIFY(sub.has_value());
    QVERIFY(subscribe(*sub).has_value());
    auto pub = RawConnection::open(server.port());
    QVERIFY(pub.has_value());
    QVERIFY(connectPublisher(*pub));
    const std::size_t pub_pongs_before = pub->received().size();

    // The subscriber never reads again: the holds time out, it reaches max_pending and is
    // closed as a slow consumer, and the publisher is never blocked for good.
    const std::string flood = floodBytes(floodCount(2 * options.max_pending));
    bool sent = false;
    std::thread publisher([&] { sent = pub->sendAll(flood); });
    publisher.join();
    QVERIFY(sent);
    QCOMPARE(pub->readUntil("PONG\r\n", kWait, pub_pongs_before), RawConnection::ReadEnd::kFound);
    QVERIFY(server.counters().producer_stalls.load() >= 1);
    QCOMPARE(server.counters().slow_consumers.load(), std::int64_t{1});
    QTRY_VERIFY_WITH_TIMEOUT(!subscriberInfo(server).has_value(), 20000);
    server.shutdown();
}

QTEST_APPLESS_MAIN(TstProducerStall)
#include "tst_producer_stall.moc"
