// Mirrors and sources whose copy the stream refuses: the message waits at the cursor, is retried on
// nats-server's schedule (a hand-fired scheduler and clock here) and the warning is rate-limited.
#include "engine/core/server.h"
#include "engine/jetstream/log_rate_limit.h"
#include "engine/jetstream/nats_headers.h"
#include "engine/jetstream/stream.h"

#include <QTemporaryDir>
#include <QtTest>

#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

using namespace nwb;
using namespace nwb::jetstream;
using namespace std::chrono_literals;

namespace {

/// A server (never started: no network), a one-thread pool, a clock the test moves and a
/// scheduler that only records what it is asked to run.
class Harness {
public:
    Harness() : server_(options(dir_)) {}
    ~Harness() {
        for (auto& s : streams_) s->stop(false);
        pool_.join();
    }

    std::shared_ptr<Stream> open(StreamConfig config) {
        config.storage = StorageType::Memory;
        if (auto error = checkStreamConfig(config)) {
            qWarning("config: %s", error->description.c_str());
            return nullptr;
        }
        StreamContext context{server_, server_.globalAccount(), pool_, {},
                              store::SyncPolicy::always()};
        context.clock = [this] {
            std::lock_guard lock(mutex_);
            return now_;
        };
        context.schedule = [this](std::chrono::nanoseconds delay, std::function<void()> fn) {
            std::lock_guard lock(mutex_);
            scheduled_.push_back({delay, std::move(fn)});
            changed_.notify_all();
        };
        auto opened = Stream::open(std::move(context), std::move(config), {}, 1, true);
        if (!opened) return nullptr;
        streams_.push_back(*opened);
        (*opened)->start();
        return *opened;
    }

    /// `stream`'s only mirror or source follows `origin`.
    static std::shared_ptr<SourceFollower> follow(Stream& stream,
                                                  const std::shared_ptr<Stream>& origin) {
        auto follower = stream.followers().front();
        stream.follow(follower, origin, std::nullopt);
        return follower;
    }

    /// Appends to the origin's store and wakes its followers, as a publish does.
    static void append(Stream& origin, const std::string& subject, const std::string& payload) {
        QVERIFY(origin.store().store(store::NewMessage{subject, {}, payload, std::nullopt}));
        origin.notifyConsumers();
    }

    /// Waits (on the scheduler's condition, not a sleep) until `count` retries were scheduled.
    bool waitScheduled(std::size_t count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 5s, [&] { return scheduled_.size() >= count; });
    }
    std::size_t scheduledCount() {
        std::lock_guard lock(mutex_);
        return scheduled_.size();
    }
    std::chrono::nanoseconds delay(std::size_t i) {
        std::lock_guard lock(mutex_);
        return scheduled_.at(i).first;
    }
    /// Moves the clock on by `by` and runs the i-th scheduled retry.
    void fire(std::size_t i, std::chrono::nanoseconds by) {
        std::function<void()> fn;
        {
            std::lock_guard lock(mutex_);
            now_ += by;
            fn = scheduled_.at(i).second;
        }
        fn();
    }

    /// The lines of the server log containing `text`.
    int logLines(const std::string& text) const {
        std::ifstream in(log_path_);
        int n = 0;
        for (std::string line; std::getline(in, line);) n += line.find(text) != std::string::npos;
        return n;
    }

private:
    core::ServerOptions options(const QTemporaryDir& dir) {
        log_path_ = dir.filePath("server.log").toStdString();
        core::ServerOptions o;
        o.log_file = log_path_;
        o.debug = true;
        return o;
    }

    QTemporaryDir dir_;
    std::string log_path_;
    core::Server server_;
    boost::asio::thread_pool pool_{1};
    std::vector<std::shared_ptr<Stream>> streams_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
    std::vector<std::pair<std::chrono::nanoseconds, std::function<void()>>> scheduled_;
};

StreamConfig originConfig() {
    StreamConfig c;
    c.name = "O";
    c.subjects = {"o.>"};
    return c;
}

StreamConfig followerConfig(bool mirror, std::int64_t max_msgs, std::int64_t max_bytes = 0) {
    StreamConfig c;
    c.name = mirror ? "M" : "S";
    StreamSource src;
    src.name = "O";
    if (mirror) {
        c.mirror = src;
    } else {
        c.sources = {src};
    }
    c.max_msgs = max_msgs;
    c.max_bytes = max_bytes;
    c.discard = DiscardPolicy::New;
    return c;
}

/// The origin sequence a sourced message came from (its Nats-Stream-Source header).
std::uint64_t originSeq(Stream& stream, std::uint64_t seq) {
    auto m = stream.store().load(seq);
    if (!m) return 0;
    auto value = headerValue(m->headers, "Nats-Stream-Source");
    if (!value) return 0;
    auto parsed = parseSourceHeader(*value);
    return parsed ? parsed->second : 0;
}

std::string payload(Stream& stream, std::uint64_t seq) {
    auto m = stream.store().load(seq);
    return m ? m->payload : std::string("<none>");
}

}  // namespace

class TstSourceRetry : public QObject {
    Q_OBJECT

private slots:
    void rateLimitForgetsAfterTheInterval() {
        const auto t0 = std::chrono::steady_clock::time_point(std::chrono::hours(1));
        LogRateLimit limit;
        QVERIFY(limit.admit("a", t0));
        QVERIFY(!limit.admit("a", t0 + 999ms));
        QVERIFY(limit.admit("b", t0 + 500ms));  // keyed by the whole statement
        QVERIFY(limit.admit("a", t0 + 1s));
        QVERIFY(!limit.admit("b", t0 + 1499ms));
        QVERIFY(!limit.admit("a", t0 + 1500ms));
        QVERIFY(limit.admit("b", t0 + 1500ms));
    }

    /// max_msgs 2, discard new: the third origin message waits, nothing overtakes it, and it
    /// is stored once the stream has room, in order, exactly once.
    void sourceRetriesRefusedMessageUntilPurged() {
        Harness h;
        auto origin = h.open(originConfig());
        auto stream = h.open(followerConfig(false, 2));
        QVERIFY(origin && stream);
        auto follower = Harness::follow(*stream, origin);
        for (int i = 1; i <= 3; ++i) Harness::append(*origin, "o.a", "m" + std::to_string(i));

        QVERIFY(h.waitScheduled(1));
        QCOMPARE(stream->store().fastState().msgs, std::uint64_t(2));
        QCOMPARE(follower->refusals(), std::uint64_t(1));
        QCOMPARE(follower->cursor(), std::uint64_t(3));
        QVERIFY(follower->waitingRetry());
        QCOMPARE(h.delay(0).count(),
                 std::chrono::nanoseconds(SourceFollower::kRetrySettle).count());

        // New origin messages wake the follower, but nothing is tried while it waits.
        Harness::append(*origin, "o.a", "m4");
        Harness::append(*origin, "o.a", "m5");
        h.fire(0, SourceFollower::kRetrySettle);
        QVERIFY(h.waitScheduled(2));
        // One attempt per retry, none per wake-up.
        QCOMPARE(follower->refusals(), std::uint64_t(2));
        QCOMPARE(h.scheduledCount(), std::uint64_t(2));
        // The next retry comes kRetryInterval after this one (nats-server's 2 s threshold).
        QCOMPARE(h.delay(1).count(), std::chrono::nanoseconds(SourceFollower::kRetryInterval +
                                                              SourceFollower::kRetrySettle)
                                         .count());
        QCOMPARE(stream->store().fastState().last_seq, std::uint64_t(2));

        QVERIFY(stream->purge(std::nullopt));
        h.fire(1, SourceFollower::kRetryInterval + SourceFollower::kRetrySettle);
        QVERIFY(h.waitScheduled(3));  // m3 and m4 fill the stream again; m5 waits
        QCOMPARE(stream->store().fastState().msgs, std::uint64_t(2));
        QCOMPARE(follower->cursor(), std::uint64_t(5));
        for (std::uint64_t seq = 3; seq <= 4; ++seq) {  // 1 and 2 were purged
            QCOMPARE(originSeq(*stream, seq), seq);
            QCOMPARE(payload(*stream, seq), "m" + std::to_string(seq));
        }

        QVERIFY(stream->purge(std::nullopt));
        h.fire(2, SourceFollower::kRetryInterval + SourceFollower::kRetrySettle);
        QTRY_COMPARE(stream->store().fastState().last_seq, std::uint64_t(5));
        QTRY_VERIFY(!follower->waitingRetry());
        QCOMPARE(follower->cursor(), std::uint64_t(6));
        QCOMPARE(h.scheduledCount(), std::uint64_t(3));
        QCOMPARE(stream->store().fastState().msgs, std::uint64_t(1));
        QCOMPARE(originSeq(*stream, 5), std::uint64_t(5));
        QCOMPARE(payload(*stream, 5), std::string("m5"));
        QCOMPARE(follower->refusals(), std::uint64_t(3));
        // nats-server 2.10 logs a source refused for max_msgs at debug level only.
        QCOMPARE(h.logLines("[WRN]"), 0);
        QCOMPARE(h.logLines("[DBG] JetStream failed to store a msg on stream '$G > S': "
                            "maximum messages exceeded"),
                 2);  // the first two refusals were within a second of each other
    }

    /// The same for a mirror: it keeps the origin's sequences across the wait.
    void mirrorRetriesRefusedMessageUntilPurged() {
        Harness h;
        auto origin = h.open(originConfig());
        auto mirror = h.open(followerConfig(true, 2));
        QVERIFY(origin && mirror);
        auto follower = Harness::follow(*mirror, origin);
        for (int i = 1; i <= 3; ++i) Harness::append(*origin, "o.a", "m" + std::to_string(i));

        QVERIFY(h.waitScheduled(1));
        QCOMPARE(mirror->store().fastState().last_seq, std::uint64_t(2));
        QCOMPARE(follower->cursor(), std::uint64_t(3));
        Harness::append(*origin, "o.b", "m4");
        h.fire(0, SourceFollower::kRetrySettle);
        QVERIFY(h.waitScheduled(2));
        QCOMPARE(follower->refusals(), std::uint64_t(2));
        QCOMPARE(mirror->store().fastState().last_seq, std::uint64_t(2));

        QVERIFY(mirror->purge(std::nullopt));
        h.fire(1, SourceFollower::kRetryInterval + SourceFollower::kRetrySettle);
        QTRY_COMPARE(mirror->store().fastState().last_seq, std::uint64_t(4));
        QTRY_VERIFY(!follower->waitingRetry());
        QCOMPARE(mirror->store().fastState().msgs, std::uint64_t(2));
        QCOMPARE(payload(*mirror, 3), std::string("m3"));
        QCOMPARE(payload(*mirror, 4), std::string("m4"));
        QCOMPARE(mirror->store().load(4)->subject, std::string("o.b"));
        QCOMPARE(h.scheduledCount(), std::uint64_t(2));
    }

    /// The warning of a refused mirror copy: the first refusal, then at most one a second
    /// (nats-server RateLimitWarnf), keyed by the statement.
    void mirrorWarningIsRateLimited() {
        Harness h;
        auto origin = h.open(originConfig());
        auto mirror = h.open(followerConfig(true, 1));
        QVERIFY(origin && mirror);
        Harness::follow(*mirror, origin);
        Harness::append(*origin, "o.a", "m1");
        Harness::append(*origin, "o.a", "m2");
        const std::string warning =
            "[WRN] Error processing inbound mirror message for '$G' > 'M': "
            "maximum messages exceeded";

        QVERIFY(h.waitScheduled(1));
        QCOMPARE(h.logLines(warning), 1);
        h.fire(0, SourceFollower::kRetrySettle);  // 100 ms later: suppressed
        QVERIFY(h.waitScheduled(2));
        QCOMPARE(h.logLines(warning), 1);
        h.fire(1, 900ms);  // 1 s after the first line: logged again
        QVERIFY(h.waitScheduled(3));
        QCOMPARE(h.logLines(warning), 2);
        h.fire(2, 999ms);
        QVERIFY(h.waitScheduled(4));
        QCOMPARE(h.logLines(warning), 2);
        h.fire(3, 1ms);
        QVERIFY(h.waitScheduled(5));
        QCOMPARE(h.logLines(warning), 3);
        QCOMPARE(h.logLines("[WRN]"), 3);
    }

    /// Any refusal but max_msgs warns for a source, with nats-server 2.10's text.
    void sourceWarningNamesTheSource() {
        Harness h;
        auto origin = h.open(originConfig());
        auto stream = h.open(followerConfig(false, 0, 10));
        QVERIFY(origin && stream);
        auto follower = Harness::follow(*stream, origin);
        Harness::append(*origin, "o.a", "too large for ten bytes");
        QVERIFY(h.waitScheduled(1));
        QCOMPARE(h.logLines("[WRN] Error processing inbound source \"O > >\" for '$G' > 'S': "
                            "maximum bytes exceeded"),
                 1);
        QCOMPARE(follower->cursor(), std::uint64_t(1));
        QCOMPARE(stream->store().fastState().msgs, std::uint64_t(0));
        // StreamInfo: no error (nats-server sets none for a store failure); the lag counts the
        // origin's messages after the refused one.
        Harness::append(*origin, "o.a", "x");
        const std::string info = follower->infoJson();
        QVERIFY2(info.find("\"error\"") == std::string::npos, info.c_str());
        QVERIFY2(info.find("\"lag\":0") != std::string::npos, info.c_str());
    }
};

QTEST_GUILESS_MAIN(TstSourceRetry)
#include "tst_source_retry.moc"
