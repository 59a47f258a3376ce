// nwb-bench against a real nats-server: both subscriber modes deliver and verify every message,
// and a server started with a CPU list runs on exactly those CPUs.
#include "app/bench/cpu_placement.h"
#include "app/bench/pubsub_runner.h"
#include "app/bench/server_process.h"

#include <nats/nats.h>

#include <QtTest>

#include <memory>

using namespace nwb::bench;

Q_DECLARE_METATYPE(nwb::bench::SubscriberMode)

class TstBenchSubscribers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        nats_Open(-1);
        auto started = ServerProcess::start(NWB_TEST_NATS_SERVER);
        QVERIFY2(started.has_value(), started ? "" : started.error().c_str());
        server_ = std::move(*started);
    }
    void cleanupTestCase() {
        server_.reset();
        nats_CloseAndWait(5000);
    }

    void deliversAndVerifies_data() {
        QTest::addColumn<SubscriberMode>("mode");
        QTest::addColumn<quint32>("subs");
        QTest::addColumn<bool>("queue");
        for (const auto mode : {SubscriberMode::Async, SubscriberMode::Sync}) {
            const QByteArray name = subscriberModeName(mode);
            QTest::newRow(name + " 1:1") << mode << 1u << false;
            QTest::newRow(name + " fan-out") << mode << 3u << false;
            QTest::newRow(name + " queue") << mode << 3u << true;
        }
    }
    void deliversAndVerifies() {
        QFETCH(SubscriberMode, mode);
        QFETCH(quint32, subs);
        QFETCH(bool, queue);
        RunContext ctx;
        ctx.url = server_->url();
        ctx.progress = false;
        ctx.subscriber_mode = mode;
        const ScenarioParams params{.msgs = 20'000, .size = 16, .pubs = 2, .subs = subs};
        const RunResult r = runPubSub(ctx, {params, queue});
        QVERIFY2(r.ok(), r.verdict().c_str());
        QCOMPARE(r.published, std::uint64_t{20'000});
        QCOMPARE(r.delivered, queue ? std::uint64_t{20'000} : std::uint64_t{20'000} * subs);
        QCOMPARE(r.check.lost, std::uint64_t{0});
        QCOMPARE(r.check.duplicates, std::uint64_t{0});
    }

    void serverRunsOnItsCpus() {
        const auto allowed = processCpus(0);
        QVERIFY(allowed.has_value() && !allowed->empty());
        const CpuList one{allowed->back()};
        auto pinned = ServerProcess::start(NWB_TEST_NATS_SERVER, {}, std::chrono::seconds(10), one);
        QVERIFY2(pinned.has_value(), pinned ? "" : pinned.error().c_str());
        QCOMPARE(processCpus((*pinned)->pid()), std::optional<CpuList>(one));
        QCOMPARE(processCpus(0), allowed);  // the parent is untouched
    }

private:
    std::unique_ptr<ServerProcess> server_;
};

QTEST_APPLESS_MAIN(TstBenchSubscribers)
#include "tst_bench_subscribers.moc"
