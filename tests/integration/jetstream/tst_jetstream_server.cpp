// JetStream in a server process (`-js -sd <dir>`), driven by libnats: streams, PubAcks, pull
// consumers, account limits, a restart over the same store and kill -9 during async publishing.
#include "tests/integration/integration_test.h"
#include "tests/integration/jetstream/js_process.h"
#include "tests/integration/raw_connection.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <csignal>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace nwb::test;

namespace {

struct JsDeleter {
    void operator()(jsCtx* p) const noexcept { jsCtx_Destroy(p); }
    void operator()(jsStreamInfo* p) const noexcept { jsStreamInfo_Destroy(p); }
    void operator()(jsConsumerInfo* p) const noexcept { jsConsumerInfo_Destroy(p); }
    void operator()(jsAccountInfo* p) const noexcept { jsAccountInfo_Destroy(p); }
    void operator()(jsPubAck* p) const noexcept { jsPubAck_Destroy(p); }
};
using JsPtr = std::unique_ptr<jsCtx, JsDeleter>;
using StreamInfoPtr = std::unique_ptr<jsStreamInfo, JsDeleter>;
using ConsumerInfoPtr = std::unique_ptr<jsConsumerInfo, JsDeleter>;
using AccountInfoPtr = std::unique_ptr<jsAccountInfo, JsDeleter>;
using PubAckPtr = std::unique_ptr<jsPubAck, JsDeleter>;

std::string jsError(natsStatus status, jsErrCode code) {
    return std::string(natsStatus_GetText(status)) + " (jetstream error " + std::to_string(code) +
           "): " + lastErrorText();
}

/// What the async publish acknowledged: payload -> stream sequence. Lives on the heap for as
/// long as the process, because libnats may call the handler after its context is destroyed.
struct AckLog {
    std::mutex mutex;
    std::map<std::string, std::uint64_t> acked;
    std::string wrong_stream;

    static void onAck(jsCtx*, natsMsg* msg, jsPubAck* pa, jsPubAckErr*, void* closure) {
        auto* log = static_cast<AckLog*>(closure);
        if (pa != nullptr) {
            std::lock_guard lock(log->mutex);
            const std::string payload(natsMsg_GetData(msg),
                                      static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
            if (std::string_view(pa->Stream) != "KILL") log->wrong_stream = pa->Stream;
            log->acked.emplace(payload, pa->Sequence);
        }
        natsMsg_Destroy(msg);
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return acked.size();
    }
};

/// Every message of `stream` (seq -> payload), read through a durable pull consumer.
std::map<std::uint64_t, std::string> readAll(jsCtx* js, const char* stream, const char* subject,
                                             const char* durable, std::uint64_t expected) {
    std::map<std::uint64_t, std::string> out;
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = stream;
    so.Config.AckPolicy = js_AckNone;
    natsSubscription* raw = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    if (js_PullSubscribe(&raw, js, subject, durable, nullptr, &so, &code) != NATS_OK) return out;
    SubscriptionPtr sub(raw);
    while (out.size() < expected) {
        natsMsgList list{};
        if (natsSubscription_Fetch(&list, sub.get(), 256, kWaitMs, &code) != NATS_OK) break;
        for (int i = 0; i < list.Count; ++i) {
            jsMsgMetaData* meta = nullptr;
            if (natsMsg_GetMetaData(&meta, list.Msgs[i]) == NATS_OK) {
                out.emplace(meta->Sequence.Stream,
                            std::string(natsMsg_GetData(list.Msgs[i]),
                                        static_cast<std::size_t>(natsMsg_GetDataLength(list.Msgs[i]))));
                jsMsgMetaData_Destroy(meta);
            }
        }
        natsMsgList_Destroy(&list);
    }
    return out;
}

}  // namespace

class TestJetStreamServer : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void infoAdvertisesJetStream();
    void publishAckNamesStreamAndSequence();
    void pullFetchAndAck();
    void accountInfoLimits();
    void accountsGetJetStreamFromTheirConfig();
    void restartKeepsStreamsAndMessages();
    void killDuringAsyncPublishKeepsEveryAckedMessage();
};

void TestJetStreamServer::infoAdvertisesJetStream() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    auto raw = RawConnection::open(server.port());
    QVERIFY2(raw.has_value(), describe(raw).c_str());
    QCOMPARE(raw->readUntil("\r\n", std::chrono::milliseconds(kWaitMs)),
             RawConnection::ReadEnd::kFound);
    const std::string& info = raw->received();
    QVERIFY2(info.starts_with("INFO {"), info.c_str());
    // nats-server's Info struct order: max_payload, then jetstream, then client_id.
    QVERIFY2(info.find(",\"max_payload\":1048576,\"jetstream\":true,\"client_id\":") !=
                 std::string::npos,
             info.c_str());
}

void TestJetStreamServer::publishAckNamesStreamAndSequence() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    jsCtx* js_raw = nullptr;
    QCOMPARE(natsConnection_JetStream(&js_raw, nc, nullptr), NATS_OK);
    JsPtr js(js_raw);

    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    cfg.Name = "ORDERS";
    const char* subjects[] = {"orders.>"};
    cfg.Subjects = subjects;
    cfg.SubjectsLen = 1;
    cfg.Storage = js_FileStorage;
    jsStreamInfo* si_raw = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    natsStatus s = js_AddStream(&si_raw, js.get(), &cfg, nullptr, &code);
    QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    StreamInfoPtr si(si_raw);
    QCOMPARE(std::string(si->Config->Name), std::string("ORDERS"));
    QCOMPARE(si->State.Msgs, uint64_t{0});

    for (std::uint64_t i = 1; i <= 3; ++i) {
        const std::string payload = "order " + std::to_string(i);
        jsPubAck* pa_raw = nullptr;
        s = js_Publish(&pa_raw, js.get(), "orders.new", payload.data(),
                       static_cast<int>(payload.size()), nullptr, &code);
        QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
        PubAckPtr pa(pa_raw);
        QCOMPARE(std::string(pa->Stream), std::string("ORDERS"));
        QCOMPARE(pa->Sequence, i);
        QVERIFY(!pa->Duplicate);
    }
    // A subject no stream listens on has no responders.
    jsPubAck* none = nullptr;
    s = js_Publish(&none, js.get(), "nothing.here", "x", 1, nullptr, &code);
    QCOMPARE(s, NATS_NO_RESPONDERS);

    jsStreamInfo* after_raw = nullptr;
    QCOMPARE(js_GetStreamInfo(&after_raw, js.get(), "ORDERS", nullptr, &code), NATS_OK);
    StreamInfoPtr after(after_raw);
    QCOMPARE(after->State.Msgs, uint64_t{3});
    QCOMPARE(after->State.FirstSeq, uint64_t{1});
    QCOMPARE(after->State.LastSeq, uint64_t{3});
}

void TestJetStreamServer::pullFetchAndAck() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    jsCtx* js_raw = nullptr;
    QCOMPARE(natsConnection_JetStream(&js_raw, nc, nullptr), NATS_OK);
    JsPtr js(js_raw);

    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    cfg.Name = "WORK";
    const char* subjects[] = {"work.*"};
    cfg.Subjects = subjects;
    cfg.SubjectsLen = 1;
    jsErrCode code = static_cast<jsErrCode>(0);
    natsStatus s = js_AddStream(nullptr, js.get(), &cfg, nullptr, &code);
    QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    for (int i = 1; i <= 5; ++i) {
        const std::string payload = "job " + std::to_string(i);
        s = js_Publish(nullptr, js.get(), "work.a", payload.data(), static_cast<int>(payload.size()),
                       nullptr, &code);
        QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    }

    natsSubscription* sub_raw = nullptr;
    s = js_PullSubscribe(&sub_raw, js.get(), "work.*", "WORKER", nullptr, nullptr, &code);
    QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    SubscriptionPtr sub(sub_raw);

    natsMsgList list{};
    s = natsSubscription_Fetch(&list, sub.get(), 3, kWaitMs, &code);
    QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    QCOMPARE(list.Count, 3);
    for (int i = 0; i < list.Count; ++i) {
        QCOMPARE(std::string(natsMsg_GetData(list.Msgs[i])), "job " + std::to_string(i + 1));
        jsMsgMetaData* meta = nullptr;
        QCOMPARE(natsMsg_GetMetaData(&meta, list.Msgs[i]), NATS_OK);
        QCOMPARE(meta->Sequence.Stream, static_cast<uint64_t>(i + 1));
        QCOMPARE(meta->NumDelivered, uint64_t{1});
        QCOMPARE(meta->NumPending, static_cast<uint64_t>(4 - i));
        jsMsgMetaData_Destroy(meta);
        QCOMPARE(natsMsg_AckSync(list.Msgs[i], nullptr, &code), NATS_OK);
    }
    natsMsgList_Destroy(&list);

    jsConsumerInfo* ci_raw = nullptr;
    QCOMPARE(js_GetConsumerInfo(&ci_raw, js.get(), "WORK", "WORKER", nullptr, &code), NATS_OK);
    ConsumerInfoPtr ci(ci_raw);
    QCOMPARE(ci->Delivered.Stream, uint64_t{3});
    QCOMPARE(ci->AckFloor.Stream, uint64_t{3});
    QCOMPARE(ci->NumAckPending, int64_t{0});
    QCOMPARE(ci->NumPending, uint64_t{2});
}

void TestJetStreamServer::accountInfoLimits() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    jsCtx* js_raw = nullptr;
    QCOMPARE(natsConnection_JetStream(&js_raw, nc, nullptr), NATS_OK);
    JsPtr js(js_raw);
    jsErrCode code = static_cast<jsErrCode>(0);

    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    cfg.Name = "LIMITS";
    cfg.Storage = js_MemoryStorage;
    QCOMPARE(js_AddStream(nullptr, js.get(), &cfg, nullptr, &code), NATS_OK);

    jsAccountInfo* ai_raw = nullptr;
    const natsStatus s = js_GetAccountInfo(&ai_raw, js.get(), nullptr, &code);
    QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    AccountInfoPtr ai(ai_raw);
    // A server enabled with -js gives its account nats-server's dynamic limits: none.
    QCOMPARE(ai->Limits.MaxMemory, int64_t{-1});
    QCOMPARE(ai->Limits.MaxStore, int64_t{-1});
    QCOMPARE(ai->Limits.MaxStreams, int64_t{-1});
    QCOMPARE(ai->Limits.MaxConsumers, int64_t{-1});
    QCOMPARE(ai->Limits.MaxAckPending, int64_t{-1});
    QCOMPARE(ai->Limits.MemoryMaxStreamBytes, int64_t{-1});
    QCOMPARE(ai->Limits.StoreMaxStreamBytes, int64_t{-1});
    QCOMPARE(ai->Limits.MaxBytesRequired, false);
    QCOMPARE(ai->Streams, int64_t{1});
    QCOMPARE(ai->Consumers, int64_t{0});
    QCOMPARE(ai->Memory, uint64_t{0});
    QCOMPARE(ai->API.Errors, uint64_t{0});
    // Each request counts once, after it is answered: the first INFO counts the stream create only.
    jsAccountInfo* again_raw = nullptr;
    QCOMPARE(js_GetAccountInfo(&again_raw, js.get(), nullptr, &code), NATS_OK);
    AccountInfoPtr again(again_raw);
    QCOMPARE(ai->API.Total, uint64_t{1});
    QCOMPARE(again->API.Total, ai->API.Total + 1);
    QCOMPARE(again->API.Errors, uint64_t{0});
}

void TestJetStreamServer::accountsGetJetStreamFromTheirConfig() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // With accounts configured, only those whose own `jetstream` enables it get JetStream.
    NWB_START_SERVER(server, ServerOptions::withConfig(
                                 "jetstream { store_dir: \"" + dir.path().toStdString() + "\" }\n"
                                 "accounts {\n"
                                 "  A: { jetstream: enabled, users: [{user: a, password: a}] }\n"
                                 "  B: { users: [{user: b, password: b}] }\n"
                                 "  C: { jetstream: false, users: [{user: c, password: c}] }\n"
                                 "}\n"));
    const std::string not_enabled =
        R"({"type":"io.nats.jetstream.api.v1.account_info_response","error":{"code":503,)"
        R"("err_code":10039,"description":"JetStream not enabled for account"}})";
    for (const char* user : {"a", "b", "c"}) {
        NWB_CONNECT(nc, server.url(),
                    [user](natsOptions* o) { natsOptions_SetUserInfo(o, user, user); });
        const std::string info = apiRequest(nc, "$JS.API.INFO", "");
        if (std::string_view(user) == "a") {
            QVERIFY2(info.starts_with(R"({"type":"io.nats.jetstream.api.v1.account_info_response",)"
                                      R"("memory":0,"storage":0,)"),
                     info.c_str());
            QVERIFY2(info.find(R"("error":)") == std::string::npos, info.c_str());
        } else {
            QCOMPARE(info, not_enabled);
        }
    }
}

void TestJetStreamServer::restartKeepsStreamsAndMessages() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        NWB_START_SERVER(server, jetStreamOptions(dir));
        NWB_CONNECT(nc, server.url());
        jsCtx* js_raw = nullptr;
        QCOMPARE(natsConnection_JetStream(&js_raw, nc, nullptr), NATS_OK);
        JsPtr js(js_raw);
        jsStreamConfig cfg;
        jsStreamConfig_Init(&cfg);
        cfg.Name = "KEEP";
        const char* subjects[] = {"keep.>"};
        cfg.Subjects = subjects;
        cfg.SubjectsLen = 1;
        jsErrCode code = static_cast<jsErrCode>(0);
        QCOMPARE(js_AddStream(nullptr, js.get(), &cfg, nullptr, &code), NATS_OK);
        for (int i = 1; i <= 10; ++i) {
            const std::string payload = "kept " + std::to_string(i);
            const natsStatus s = js_Publish(nullptr, js.get(), i % 2 ? "keep.odd" : "keep.even",
                                            payload.data(), static_cast<int>(payload.size()),
                                            nullptr, &code);
            QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
        }
        natsSubscription* sub_raw = nullptr;
        QCOMPARE(js_PullSubscribe(&sub_raw, js.get(), "keep.>", "READER", nullptr, nullptr, &code),
                 NATS_OK);
        SubscriptionPtr sub(sub_raw);
        natsMsgList list{};
        QCOMPARE(natsSubscription_Fetch(&list, sub.get(), 4, kWaitMs, &code), NATS_OK);
        QCOMPARE(list.Count, 4);
        for (int i = 0; i < list.Count; ++i) {
            QCOMPARE(natsMsg_AckSync(list.Msgs[i], nullptr, &code), NATS_OK);
        }
        natsMsgList_Destroy(&list);
        const std::optional<int> status = server.stop();
        QVERIFY(status.has_value());
    }
    NWB_START_SERVER(again, jetStreamOptions(dir));
    NWB_CONNECT(nc, again.url());
    jsCtx* js_raw = nullptr;
    QCOMPARE(natsConnection_JetStream(&js_raw, nc, nullptr), NATS_OK);
    JsPtr js(js_raw);
    jsErrCode code = static_cast<jsErrCode>(0);
    jsStreamInfo* si_raw = nullptr;
    const natsStatus s = js_GetStreamInfo(&si_raw, js.get(), "KEEP", nullptr, &code);
    QVERIFY2(s == NATS_OK, jsError(s, code).c_str());
    StreamInfoPtr si(si_raw);
    QCOMPARE(si->State.Msgs, uint64_t{10});
    QCOMPARE(si->State.FirstSeq, uint64_t{1});
    QCOMPARE(si->State.LastSeq, uint64_t{10});
    QCOMPARE(si->State.Consumers, int64_t{1});

    jsConsumerInfo* ci_raw = nullptr;
    QCOMPARE(js_GetConsumerInfo(&ci_raw, js.get(), "KEEP", "READER", nullptr, &code), NATS_OK);
    ConsumerInfoPtr ci(ci_raw);
    // The durable survives with its ack floor (a graceful stop writes the cursor last).
    QCOMPARE(ci->AckFloor.Stream, std::uint64_t{4});

    // Every message is the same, on the same subject, at the same sequence.
    for (std::uint64_t seq = 1; seq <= 10; ++seq) {
        natsMsg* raw = nullptr;
        QCOMPARE(js_GetMsg(&raw, js.get(), "KEEP", seq, nullptr, &code), NATS_OK);
        MsgPtr msg(raw);
        QCOMPARE(std::string(natsMsg_GetData(msg.get()),
                             static_cast<std::size_t>(natsMsg_GetDataLength(msg.get()))),
                 "kept " + std::to_string(seq));
        QCOMPARE(std::string(natsMsg_GetSubject(msg.get())),
                 std::string(seq % 2 ? "keep.odd" : "keep.even"));
    }
}

void TestJetStreamServer::killDuringAsyncPublishKeepsEveryAckedMessage() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    static std::vector<std::unique_ptr<AckLog>> logs;  // see AckLog
    std::map<std::string, std::uint64_t> all_acked;    // over every cycle
    // tools/crash-cycles.sh runs this with NWB_CRASH_CYCLES=1000; CI runs 3.
    const int cycles = qEnvironmentVariableIsSet("NWB_CRASH_CYCLES")
                           ? qEnvironmentVariableIntValue("NWB_CRASH_CYCLES")
                           : 3;
    // The kill lands after a random number of acks, at a random point of the write path.
    const quint32 seed = qEnvironmentVariableIsSet("NWB_CRASH_SEED")
                             ? qgetenv("NWB_CRASH_SEED").toUInt()
                             : QRandomGenerator::system()->generate();
    qInfo("crash cycles: %d, seed %u (NWB_CRASH_SEED replays it)", cycles, seed);
    QRandomGenerator random(seed);
    for (int cycle = 0; cycle < cycles; ++cycle) {
        const std::size_t acks_before_kill = 20 + random.bounded(600);
        NWB_START_SERVER(server, jetStreamOptions(dir));
        logs.push_back(std::make_unique<AckLog>());
        AckLog* log = logs.back().get();
        {
            NWB_CONNECT(nc, server.url());
            jsOptions jo;
            jsOptions_Init(&jo);
            jo.PublishAsync.MaxPending = 128;
            jo.PublishAsync.StallWait = 200;
            jo.PublishAsync.AckHandler = &AckLog::onAck;
            jo.PublishAsync.AckHandlerClosure = log;
            jsCtx* js_raw = nullptr;
            QCOMPARE(natsConnection_JetStream(&js_raw, nc, &jo), NATS_OK);
            JsPtr js(js_raw);
            jsErrCode code = static_cast<jsErrCode>(0);
            if (cycle == 0) {
                jsStreamConfig cfg;
                jsStreamConfig_Init(&cfg);
                cfg.Name = "KILL";
                const char* subjects[] = {"kill.>"};
                cfg.Subjects = subjects;
                cfg.SubjectsLen = 1;
                QCOMPARE(js_AddStream(nullptr, js.get(), &cfg, nullptr, &code), NATS_OK);
            }
            std::atomic<bool> stop{false};
            std::atomic<int> publish_status{NATS_OK};
            std::atomic<int> published{0};
            std::thread publisher([&, cycle] {
                const std::string subject = "kill." + std::to_string(cycle);
                for (int i = 0; !stop; ++i) {
                    const std::string payload = "c" + std::to_string(cycle) + "-" + std::to_string(i);
                    const natsStatus s = js_PublishAsync(js.get(), subject.c_str(), payload.data(),
                                                         static_cast<int>(payload.size()), nullptr);
                    if (s == NATS_TIMEOUT) continue;  // stalled on MaxPending under load: retry
                    if (s != NATS_OK) {
                        publish_status = s;
                        break;
                    }
                    ++published;
                }
            });
            // Joined on every way out, a failed check included.
            const auto join = qScopeGuard([&] {
                stop = true;
                publisher.join();
            });
            QTRY_VERIFY2_WITH_TIMEOUT(
                log->size() >= acks_before_kill,
                QStringLiteral("cycle %1: %2 of %3 acks, %4 published, publish status %5 (%6)")
                    .arg(cycle).arg(log->size()).arg(acks_before_kill).arg(published.load())
                    .arg(publish_status.load())
                    .arg(QString::fromUtf8(natsStatus_GetText(static_cast<natsStatus>(publish_status.load()))))
                    .toUtf8()
                    .constData(),
                20000);
            QVERIFY(server.sendSignal(SIGKILL));  // mid-publish: acks are still in flight
            QVERIFY(server.waitForExit(std::chrono::seconds(10)).has_value());
        }
        std::lock_guard lock(log->mutex);
        QVERIFY2(log->wrong_stream.empty(), log->wrong_stream.c_str());
        for (const auto& [payload, seq] : log->acked) all_acked.emplace(payload, seq);
    }

    // After the last kill: every acknowledged message is there once, at its acknowledged seq.
    NWB_START_SERVER(server, jetStreamOptions(dir));
    NWB_CONNECT(nc, server.url());
    jsCtx* js_raw = nullptr;
    QCOMPARE(natsConnection_JetStream(&js_raw, nc, nullptr), NATS_OK);
    JsPtr js(js_raw);
    jsErrCode code = static_cast<jsErrCode>(0);
    jsStreamInfo* si_raw = nullptr;
    QCOMPARE(js_GetStreamInfo(&si_raw, js.get(), "KILL", nullptr, &code), NATS_OK);
    StreamInfoPtr si(si_raw);
    QVERIFY(si->State.Msgs >= all_acked.size());
    QCOMPARE(si->State.FirstSeq, uint64_t{1});
    QCOMPARE(si->State.LastSeq, si->State.Msgs);  // nothing lost in the middle
    const auto stored = readAll(js.get(), "KILL", "kill.>", "CHECK", si->State.Msgs);
    QCOMPARE(stored.size(), static_cast<std::size_t>(si->State.Msgs));
    std::map<std::string, int> copies;
    for (const auto& [seq, payload] : stored) ++copies[payload];
    for (const auto& [payload, count] : copies) QVERIFY2(count == 1, payload.c_str());
    for (const auto& [payload, seq] : all_acked) {
        const auto it = stored.find(seq);
        QVERIFY2(it != stored.end(), payload.c_str());
        QCOMPARE(it->second, payload);
    }
}

QTEST_GUILESS_MAIN(TestJetStreamServer)
#include "tst_jetstream_server.moc"
