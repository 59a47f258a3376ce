// Push consumers through libnats and raw subscriptions against core::Server + JetStreamService in
// this process: delivery and ack replies, acks and redelivery, interest, queue groups, ordered
// consumers, idle heartbeats, flow control, headers_only, config rules and inactive_threshold.
#include "tests/integration/jetstream/js_fixture.h"

#include <QtTest>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace nwb::test;

namespace {

struct CDeleter {
    void operator()(jsConsumerInfo* p) const noexcept { jsConsumerInfo_Destroy(p); }
    void operator()(jsMsgMetaData* p) const noexcept { jsMsgMetaData_Destroy(p); }
};
using ConsumerInfoPtr = std::unique_ptr<jsConsumerInfo, CDeleter>;
using MetaPtr = std::unique_ptr<jsMsgMetaData, CDeleter>;

constexpr std::int64_t kMs = 1'000'000;

std::string header(natsMsg* msg, const char* key) {
    const char* value = nullptr;
    return natsMsgHeader_Get(msg, key, &value) == NATS_OK && value ? value : "";
}

std::vector<std::string> tokens(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto dot = s.find('.', start);
        out.push_back(s.substr(start, dot == std::string::npos ? dot : dot - start));
        if (dot == std::string::npos) return out;
        start = dot + 1;
    }
}

MetaPtr meta(natsMsg* msg) {
    jsMsgMetaData* m = nullptr;
    natsMsg_GetMetaData(&m, msg);
    return MetaPtr(m);
}

ConsumerInfoPtr info(jsCtx* js, const char* stream, const char* consumer) {
    jsConsumerInfo* ci = nullptr;
    js_GetConsumerInfo(&ci, js, stream, consumer, nullptr, nullptr);
    return ConsumerInfoPtr(ci);
}

void publishN(jsCtx* js, const char* subject, int from, int to) {
    for (int i = from; i <= to; ++i) publish(js, subject, "m" + std::to_string(i));
}

/// The next message that is not a status (heartbeat or flow control) within `ms`.
std::optional<MsgPtr> nextData(natsSubscription* sub, int ms = 3000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        auto m = nextMsg(sub, 100);
        if (m && header(m->get(), "Status").empty()) return std::move(*m);
    }
    return std::nullopt;
}

/// The next status message with this description within `ms` (data messages are skipped).
std::optional<MsgPtr> nextStatus(natsSubscription* sub, const std::string& description,
                                 int ms = 3000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        auto m = nextMsg(sub, 100);
        if (m && header(m->get(), "Description") == description) return std::move(*m);
    }
    return std::nullopt;
}

std::string createError(const std::string& code_and_text) {
    return R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":)" +
           code_and_text + "}";
}

/// A libnats push subscription (sync) on `subject` with these options.
std::optional<SubscriptionPtr> jsSub(jsCtx* js, const char* subject,
                                     const std::function<void(jsSubOptions&)>& tweak = {},
                                     natsStatus* status = nullptr) {
    jsSubOptions so;
    jsSubOptions_Init(&so);
    if (tweak) tweak(so);
    natsSubscription* sub = nullptr;
    const natsStatus s = js_SubscribeSync(&sub, js, subject, nullptr, &so, nullptr);
    if (status != nullptr) *status = s;
    if (s != NATS_OK) return std::nullopt;
    return SubscriptionPtr(sub);
}

}  // namespace

class TstJetStreamPush : public QObject {
    Q_OBJECT

private slots:
    void deliversWithAckReplyLayout();
    void deliverPolicies();
    void headersOnly();
    void rateLimit();
    void ackExplicitRedeliversAndNak();
    void ackAllAndNone();
    void maxAckPendingStallsDelivery();
    void durableWaitsForInterestAndResumes();
    void queueGroupSpreadsEachMessageOnce();
    void orderedConsumerSurvivesDeletion();
    void idleHeartbeatOnRawSubscription();
    void flowControlStallsUntilAnswered();
    void configRules();
    void pullRequestOnPushConsumer();
    void ephemeralsGetDefaultInactiveThreshold();
    void inactivePushEphemeralRemoved();
    void inactivePullEphemeralRemoved();
};

void TstJetStreamPush::deliversWithAckReplyLayout() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publishN(f.js(), "s.a", 1, 3);
    // Created before anyone listens: not bound, nothing delivered.
    auto created = f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.D",
                                 R"({"stream_name":"S","config":{"durable_name":"D",)"
                                 R"("deliver_subject":"dlv.D","ack_policy":"explicit"}})");
    QVERIFY(created.is_object());
    QVERIFY(!created.as_object().contains("error"));
    QVERIFY(!created.as_object().contains("push_bound"));
    auto sub = subscribeSync(f.nc(), "dlv.D");
    QVERIFY(sub);
    for (int i = 1; i <= 3; ++i) {
        auto m = nextMsg(sub->get(), 3000);
        QVERIFY(m);
        QCOMPARE(std::string(natsMsg_GetSubject(m->get())), std::string("s.a"));
        QCOMPARE(msgData(m->get()), "m" + std::to_string(i));
        // $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>
        const auto t = tokens(msgReply(m->get()));
        QCOMPARE(t.size(), std::size_t(9));
        QCOMPARE(t[0] + "." + t[1], std::string("$JS.ACK"));
        QCOMPARE(t[2], std::string("S"));
        QCOMPARE(t[3], std::string("D"));
        QCOMPARE(t[4], std::string("1"));
        QCOMPARE(t[5], std::to_string(i));
        QCOMPARE(t[6], std::to_string(i));
        QVERIFY(std::stoll(t[7]) > 0);
        QCOMPARE(t[8], std::to_string(3 - i));
        // A raw subscription acks by hand; as a request it gets the (empty) AckSync reply.
        natsMsg* reply = nullptr;
        QCOMPARE(
            natsConnection_RequestString(&reply, f.nc(), msgReply(m->get()).c_str(), "+ACK", 3000),
            NATS_OK);
        natsMsg_Destroy(reply);
    }
    auto ci = f.requestJson("$JS.API.CONSUMER.INFO.S.D");
    QVERIFY(ci.is_object());
    QCOMPARE(ci.at("push_bound").as_bool(), true);
    QCOMPARE(ci.at("num_ack_pending").to_number<int>(), 0);
    QCOMPARE(ci.at("delivered").at("stream_seq").to_number<int>(), 3);
    QCOMPARE(ci.at("ack_floor").at("stream_seq").to_number<int>(), 3);
    // New messages flow as they arrive.
    publishN(f.js(), "s.b", 4, 4);
    auto m = nextMsg(sub->get(), 3000);
    QVERIFY(m);
    QCOMPARE(std::string(natsMsg_GetSubject(m->get())), std::string("s.b"));
    QCOMPARE(tokens(msgReply(m->get()))[6], std::string("4"));
}

void TstJetStreamPush::deliverPolicies() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publish(f.js(), "s.a", "1");
    publish(f.js(), "s.b", "2");
    publish(f.js(), "s.a", "3");
    publish(f.js(), "s.b", "4");
    struct Case {
        const char* name;
        const char* policy;  // the JSON members after deliver_subject
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
        {"all", R"("deliver_policy":"all")", {"1", "2", "3", "4"}},
        {"last", R"("deliver_policy":"last")", {"4"}},
        {"new", R"("deliver_policy":"new")", {"5"}},
        {"seq", R"("deliver_policy":"by_start_sequence","opt_start_seq":3)", {"3", "4"}},
        {"lps", R"("deliver_policy":"last_per_subject","filter_subject":"s.>")", {"3", "4"}},
        {"filter", R"("deliver_policy":"all","filter_subject":"s.b")", {"2", "4"}},
    };
    for (const auto& c : cases) {
        const std::string deliver = std::string("pol.") + c.name;
        auto sub = subscribeSync(f.nc(), deliver);
        QVERIFY(sub);
        auto created = f.requestJson(std::string("$JS.API.CONSUMER.CREATE.S"),
                                     R"({"stream_name":"S","config":{"deliver_subject":")" +
                                         deliver + R"(",)" + c.policy + "}}");
        QVERIFY2(!created.as_object().contains("error"), c.name);
        if (std::string(c.name) == "new") publish(f.js(), "s.c", "5");
        std::vector<std::string> got;
        while (got.size() < c.expected.size()) {
            auto m = nextMsg(sub->get(), 3000);
            QVERIFY2(m, c.name);
            got.push_back(msgData(m->get()));
        }
        QCOMPARE(got, c.expected);
    }
}

void TstJetStreamPush::headersOnly() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    natsMsg* msg = nullptr;
    QCOMPARE(natsMsg_Create(&msg, "s.h", nullptr, "hello", 5), NATS_OK);
    natsMsgHeader_Set(msg, "X-Key", "v");
    jsPubAck* ack = nullptr;
    QCOMPARE(js_PublishMsg(&ack, f.js(), msg, nullptr, nullptr), NATS_OK);
    jsPubAck_Destroy(ack);
    natsMsg_Destroy(msg);
    publish(f.js(), "s.p", "abc");
    auto sub = subscribeSync(f.nc(), "ho.x");
    QVERIFY(sub);
    auto created = f.requestJson(
        "$JS.API.CONSUMER.CREATE.S",
        R"({"stream_name":"S","config":{"deliver_subject":"ho.x","headers_only":true}})");
    QVERIFY(!created.as_object().contains("error"));
    auto m = nextMsg(sub->get(), 3000);
    QVERIFY(m);
    QCOMPARE(header(m->get(), "X-Key"), std::string("v"));
    QCOMPARE(header(m->get(), "Nats-Msg-Size"), std::string("5"));
    QCOMPARE(natsMsg_GetDataLength(m->get()), 0);
    m = nextMsg(sub->get(), 3000);
    QVERIFY(m);
    QCOMPARE(header(m->get(), "Nats-Msg-Size"), std::string("3"));
    QCOMPARE(natsMsg_GetDataLength(m->get()), 0);
}

void TstJetStreamPush::rateLimit() {
    JsFixture f;
    // max_msg_size is the token bucket's size: 1000 bytes, refilled at 10000 bytes/s.
    QCOMPARE(addStream(f.js(), "S", {"s.>"}, [](jsStreamConfig& c) { c.MaxMsgSize = 1000; }),
             NATS_OK);
    const std::string block(900, 'r');
    for (int i = 0; i < 6; ++i) QVERIFY(publish(f.js(), "s.r", block) != 0);
    auto sub = subscribeSync(f.nc(), "rate.x");
    QVERIFY(sub);
    QElapsedTimer timer;
    timer.start();
    auto created = f.requestJson(
        "$JS.API.CONSUMER.CREATE.S",
        R"({"stream_name":"S","config":{"deliver_subject":"rate.x","rate_limit_bps":80000}})");
    QVERIFY(!created.as_object().contains("error"));
    for (int i = 0; i < 6; ++i) QVERIFY(nextMsg(sub->get(), 3000));
    // About 5 x 950 bytes beyond the first bucket at 10000 bytes/s.
    QVERIFY2(timer.elapsed() >= 350, std::to_string(timer.elapsed()).c_str());
}

void TstJetStreamPush::ackExplicitRedeliversAndNak() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publishN(f.js(), "s.a", 1, 2);
    auto sub = jsSub(f.js(), "s.>", [](jsSubOptions& so) {
        so.ManualAck = true;
        so.Config.AckPolicy = js_AckExplicit;
        so.Config.AckWait = 300 * kMs;
        so.Config.MaxDeliver = 2;
    });
    QVERIFY(sub);
    auto m1 = nextData(sub->get());
    auto m2 = nextData(sub->get());
    QVERIFY(m1 && m2);
    QCOMPARE(msgData(m1->get()), std::string("m1"));
    QCOMPARE(msgData(m2->get()), std::string("m2"));
    QCOMPARE(natsMsg_AckSync(m2->get(), nullptr, nullptr), NATS_OK);
    // m1 is not acknowledged: it comes back after ack_wait, with delivery count 2.
    auto again = nextData(sub->get());
    QVERIFY(again);
    QCOMPARE(msgData(again->get()), std::string("m1"));
    QCOMPARE(meta(again->get())->NumDelivered, std::uint64_t(2));
    QCOMPARE(meta(again->get())->Sequence.Consumer, std::uint64_t(3));
    // max_deliver 2: not sent a third time; a new message still flows.
    publishN(f.js(), "s.a", 3, 3);
    auto m3 = nextData(sub->get());
    QVERIFY(m3);
    QCOMPARE(msgData(m3->get()), std::string("m3"));
    // NAK: redelivered at once.
    QCOMPARE(natsMsg_Nak(m3->get(), nullptr), NATS_OK);
    auto nak = nextData(sub->get());
    QVERIFY(nak);
    QCOMPARE(msgData(nak->get()), std::string("m3"));
    QCOMPARE(meta(nak->get())->NumDelivered, std::uint64_t(2));
    QCOMPARE(natsMsg_AckSync(nak->get(), nullptr, nullptr), NATS_OK);
    ConsumerInfoPtr ci;
    jsConsumerInfo* raw = nullptr;
    QCOMPARE(natsSubscription_GetConsumerInfo(&raw, sub->get(), nullptr, nullptr), NATS_OK);
    ci.reset(raw);
    QCOMPARE(ci->Delivered.Stream, std::uint64_t(3));
    QCOMPARE(ci->AckFloor.Stream, std::uint64_t(0));  // m1 is still out
    QVERIFY(ci->PushBound);
    // m1's last delivery times out without a third one: it leaves the pending list.
    QTRY_COMPARE(info(f.js(), "S", ci->Name)->NumAckPending, std::int64_t(0));
    QCOMPARE(info(f.js(), "S", ci->Name)->Delivered.Consumer, std::uint64_t(5));
    // As nats-server: the drop moves no ack floor, and m1 still counts as redelivered.
    QCOMPARE(info(f.js(), "S", ci->Name)->AckFloor.Stream, std::uint64_t(0));
    QCOMPARE(info(f.js(), "S", ci->Name)->NumRedelivered, std::int64_t(1));
}

void TstJetStreamPush::ackAllAndNone() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publishN(f.js(), "s.a", 1, 3);
    auto all = jsSub(f.js(), "s.>", [](jsSubOptions& so) {
        so.ManualAck = true;
        so.Config.Durable = "ALL";
        so.Config.AckPolicy = js_AckAll;
    });
    QVERIFY(all);
    std::optional<MsgPtr> last;
    for (int i = 1; i <= 3; ++i) last = nextData(all->get());
    QVERIFY(last);
    QCOMPARE(msgData(last->get()), std::string("m3"));
    QCOMPARE(info(f.js(), "S", "ALL")->NumAckPending, std::int64_t(3));
    QCOMPARE(natsMsg_AckSync(last->get(), nullptr, nullptr), NATS_OK);
    QCOMPARE(info(f.js(), "S", "ALL")->NumAckPending, std::int64_t(0));
    QCOMPARE(info(f.js(), "S", "ALL")->AckFloor.Stream, std::uint64_t(3));

    auto none = jsSub(f.js(), "s.>", [](jsSubOptions& so) {
        so.Config.Durable = "NONE";
        so.Config.AckPolicy = js_AckNone;
    });
    QVERIFY(none);
    for (int i = 1; i <= 3; ++i) {
        auto m = nextData(none->get());
        QVERIFY(m);
        QCOMPARE(msgData(m->get()), "m" + std::to_string(i));
        QVERIFY(msgReply(m->get()).starts_with("$JS.ACK.S.NONE.1."));  // set even for ack none
    }
    QTRY_COMPARE(info(f.js(), "S", "NONE")->AckFloor.Stream, std::uint64_t(3));
    QCOMPARE(info(f.js(), "S", "NONE")->NumAckPending, std::int64_t(0));
}

void TstJetStreamPush::maxAckPendingStallsDelivery() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publishN(f.js(), "s.a", 1, 4);
    auto sub = jsSub(f.js(), "s.>", [](jsSubOptions& so) {
        so.ManualAck = true;
        so.Config.Durable = "MAP";
        so.Config.AckPolicy = js_AckExplicit;
        so.Config.MaxAckPending = 2;
    });
    QVERIFY(sub);
    auto m1 = nextData(sub->get());
    auto m2 = nextData(sub->get());
    QVERIFY(m1 && m2);
    QTRY_COMPARE(info(f.js(), "S", "MAP")->NumAckPending, std::int64_t(2));
    QCOMPARE(info(f.js(), "S", "MAP")->Delivered.Stream, std::uint64_t(2));
    QCOMPARE(natsMsg_AckSync(m1->get(), nullptr, nullptr), NATS_OK);
    auto m3 = nextData(sub->get());
    QVERIFY(m3);
    QCOMPARE(msgData(m3->get()), std::string("m3"));
    QCOMPARE(info(f.js(), "S", "MAP")->Delivered.Stream, std::uint64_t(3));
}

void TstJetStreamPush::durableWaitsForInterestAndResumes() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publishN(f.js(), "s.a", 1, 2);
    auto opts = [](jsSubOptions& so) {
        so.ManualAck = true;
        so.Config.Durable = "DUR";
        so.Config.AckPolicy = js_AckExplicit;
    };
    auto sub = jsSub(f.js(), "s.>", opts);
    QVERIFY(sub);
    for (int i = 1; i <= 2; ++i) {
        auto m = nextData(sub->get());
        QVERIFY(m);
        QCOMPARE(msgData(m->get()), "m" + std::to_string(i));
        QCOMPARE(natsMsg_AckSync(m->get(), nullptr, nullptr), NATS_OK);
    }
    QVERIFY(info(f.js(), "S", "DUR")->PushBound);
    sub.reset();  // natsSubscription_Destroy: unsubscribes, keeps the durable
    QTRY_VERIFY(!info(f.js(), "S", "DUR")->PushBound);
    publishN(f.js(), "s.a", 3, 4);
    // Without a subscriber nothing is delivered.
    auto idle = info(f.js(), "S", "DUR");
    QCOMPARE(idle->Delivered.Stream, std::uint64_t(2));
    QCOMPARE(idle->NumPending, std::uint64_t(2));
    // Subscribing again binds to the durable and delivery resumes where it stopped.
    sub = jsSub(f.js(), "s.>", opts);
    QVERIFY(sub);
    for (int i = 3; i <= 4; ++i) {
        auto m = nextData(sub->get());
        QVERIFY(m);
        QCOMPARE(msgData(m->get()), "m" + std::to_string(i));
        QCOMPARE(meta(m->get())->Sequence.Consumer, std::uint64_t(i));
        QCOMPARE(natsMsg_AckSync(m->get(), nullptr, nullptr), NATS_OK);
    }
}

void TstJetStreamPush::queueGroupSpreadsEachMessageOnce() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    auto opts = [](jsSubOptions& so) {
        so.Queue = "workers";
        so.Config.AckPolicy = js_AckExplicit;
    };
    auto a = jsSub(f.js(), "s.>", opts);
    auto b = jsSub(f.js(), "s.>", opts);
    QVERIFY(a && b);
    auto ci = info(f.js(), "S", "workers");  // the queue name is the durable
    QVERIFY(ci);
    QCOMPARE(std::string(ci->Config->DeliverGroup), std::string("workers"));
    publishN(f.js(), "s.q", 1, 40);
    std::multiset<std::string> seen;
    int from_a = 0, from_b = 0;
    while (seen.size() < 40) {
        bool progress = false;
        if (auto m = nextMsg(a->get(), 50)) {
            seen.insert(msgData(m->get()));
            ++from_a;
            progress = true;
        }
        if (auto m = nextMsg(b->get(), 50)) {
            seen.insert(msgData(m->get()));
            ++from_b;
            progress = true;
        }
        if (!progress && seen.size() < 40) {
            // Wait once more for stragglers; fail if nothing comes at all.
            auto m = nextMsg(a->get(), 2000);
            QVERIFY(m);
            seen.insert(msgData(m->get()));
            ++from_a;
        }
    }
    QCOMPARE(seen.size(), std::size_t(40));
    for (int i = 1; i <= 40; ++i) QCOMPARE(seen.count("m" + std::to_string(i)), std::size_t(1));
    QVERIFY(from_a > 0);
    QVERIFY(from_b > 0);
}

void TstJetStreamPush::orderedConsumerSurvivesDeletion() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    publishN(f.js(), "s.o", 1, 50);
    auto sub = jsSub(f.js(), "s.o", [](jsSubOptions& so) {
        so.Ordered = true;
        so.Config.Heartbeat = 200 * kMs;
    });
    QVERIFY(sub);
    for (int i = 1; i <= 50; ++i) {
        auto m = nextData(sub->get());
        QVERIFY(m);
        QCOMPARE(msgData(m->get()), "m" + std::to_string(i));
    }
    jsConsumerInfo* raw = nullptr;
    QCOMPARE(natsSubscription_GetConsumerInfo(&raw, sub->get(), nullptr, nullptr), NATS_OK);
    ConsumerInfoPtr ci(raw);
    // Every field libnats sends is kept as sent.
    QVERIFY(ci->Config->FlowControl);
    QCOMPARE(ci->Config->AckPolicy, js_AckNone);
    QCOMPARE(ci->Config->MaxDeliver, std::int64_t(1));
    QVERIFY(ci->Config->MemoryStorage);
    QCOMPARE(ci->Config->Replicas, std::int64_t(1));
    QCOMPARE(ci->Config->Heartbeat, std::int64_t(200 * kMs));
    QCOMPARE(ci->Config->InactiveThreshold, std::int64_t(5000 * kMs));
    const std::string first_name = ci->Name;
    // The consumer is deleted under the subscription: missed heartbeats make libnats recreate
    // it from the next stream sequence, and nothing is lost or repeated.
    QCOMPARE(js_DeleteConsumer(f.js(), "S", first_name.c_str(), nullptr, nullptr), NATS_OK);
    publishN(f.js(), "s.o", 51, 60);
    for (int i = 51; i <= 60; ++i) {
        auto m = nextData(sub->get(), 10000);
        QVERIFY(m);
        QCOMPARE(msgData(m->get()), "m" + std::to_string(i));
    }
    raw = nullptr;
    // libnats learns the new consumer's name when its create response arrives, which may be
    // after the first messages.
    QTRY_COMPARE(natsSubscription_GetConsumerInfo(&raw, sub->get(), nullptr, nullptr), NATS_OK);
    ci.reset(raw);
    QVERIFY(std::string(ci->Name) != first_name);
    QCOMPARE(ci->Config->DeliverPolicy, js_DeliverByStartSequence);
    QCOMPARE(ci->Config->OptStartSeq, std::uint64_t(51));
}

void TstJetStreamPush::idleHeartbeatOnRawSubscription() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    auto sub = subscribeSync(f.nc(), "hb.D");
    QVERIFY(sub);
    auto created = f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.HB",
                                 R"({"stream_name":"S","config":{"durable_name":"HB",)"
                                 R"("deliver_subject":"hb.D","idle_heartbeat":100000000}})");
    QVERIFY(!created.as_object().contains("error"));
    auto hb = nextStatus(sub->get(), "Idle Heartbeat");
    QVERIFY(hb);
    QCOMPARE(header(hb->get(), "Status"), std::string("100"));
    QCOMPARE(header(hb->get(), "Nats-Last-Consumer"), std::string("0"));
    QCOMPARE(header(hb->get(), "Nats-Last-Stream"), std::string("0"));
    QCOMPARE(msgReply(hb->get()), std::string());
    QCOMPARE(natsMsg_GetDataLength(hb->get()), 0);
    publish(f.js(), "s.x", "1");
    publish(f.js(), "s.y", "2");
    auto m = nextData(sub->get());
    QVERIFY(m);
    m = nextData(sub->get());
    QVERIFY(m);
    QCOMPARE(msgData(m->get()), std::string("2"));
    hb = nextStatus(sub->get(), "Idle Heartbeat");
    QVERIFY(hb);
    QCOMPARE(header(hb->get(), "Nats-Last-Consumer"), std::string("2"));
    QCOMPARE(header(hb->get(), "Nats-Last-Stream"), std::string("2"));
    QCOMPARE(header(hb->get(), "Nats-Consumer-Stalled"), std::string());
}

void TstJetStreamPush::flowControlStallsUntilAnswered() {
    JsFixture f;
    QCOMPARE(
        addStream(f.js(), "S", {"s.>"}, [](jsStreamConfig& c) { c.Storage = js_MemoryStorage; }),
        NATS_OK);
    const std::string block(64 * 1024, 'x');
    constexpr int kCount = 40;  // 2.5 MiB: over the first 2 MiB window
    for (int i = 1; i <= kCount; ++i) QVERIFY(publish(f.js(), "s.fc", block) != 0);
    auto sub = subscribeSync(f.nc(), "fc.D");
    QVERIFY(sub);
    natsSubscription_SetPendingLimits(sub->get(), -1, -1);
    auto created = f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.FC",
                                 R"({"stream_name":"S","config":{"durable_name":"FC",)"
                                 R"("deliver_subject":"fc.D","flow_control":true,)"
                                 R"("idle_heartbeat":200000000}})");
    QVERIFY(!created.as_object().contains("error"));
    int data = 0;
    std::string fc_reply;
    int data_at_request = 0;
    // Collect until the first heartbeat: with no answer to the flow control request,
    // delivery stops and the heartbeat says what it waits for.
    std::optional<MsgPtr> stalled_hb;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!stalled_hb && std::chrono::steady_clock::now() < end) {
        auto m = nextMsg(sub->get(), 500);
        if (!m) continue;
        const std::string desc = header(m->get(), "Description");
        if (desc.empty()) {
            ++data;
        } else if (desc == "FlowControl Request") {
            QVERIFY(fc_reply.empty());  // one outstanding request at a time
            fc_reply = msgReply(m->get());
            data_at_request = data;
        } else if (desc == "Idle Heartbeat") {
            stalled_hb = std::move(*m);
        }
    }
    QVERIFY(stalled_hb);
    QVERIFY(fc_reply.starts_with("$JS.FC.S.FC."));
    QCOMPARE(tokens(fc_reply).size(), std::size_t(5));
    QVERIFY(data_at_request > 0);
    QVERIFY(data > data_at_request);
    QVERIFY(data < kCount);
    QCOMPARE(header(stalled_hb->get(), "Nats-Consumer-Stalled"), fc_reply);
    QCOMPARE(header(stalled_hb->get(), "Nats-Last-Consumer"), std::to_string(data));
    // The answer releases the rest.
    QCOMPARE(natsConnection_Publish(f.nc(), fc_reply.c_str(), nullptr, 0), NATS_OK);
    while (data < kCount) {
        auto m = nextMsg(sub->get(), 3000);
        QVERIFY(m);
        const std::string desc = header(m->get(), "Description");
        if (desc.empty()) {
            ++data;
            QCOMPARE(tokens(msgReply(m->get()))[5], std::to_string(data));
        } else if (desc == "FlowControl Request") {
            natsConnection_Publish(f.nc(), msgReply(m->get()).c_str(), nullptr, 0);
        }
    }
    QCOMPARE(info(f.js(), "S", "FC")->Delivered.Stream, std::uint64_t(kCount));
}

void TstJetStreamPush::configRules() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    auto create = [&](const std::string& config) {
        return f.request("$JS.API.CONSUMER.CREATE.S",
                         R"({"stream_name":"S","config":)" + config + "}");
    };
    QCOMPARE(
        create(R"({"deliver_subject":"x.y","flow_control":true})"),
        createError(
            R"({"code":400,"err_code":10108,"description":"consumer with flow control also needs heartbeats"})"));
    QCOMPARE(
        create(R"({"deliver_subject":"x.y","idle_heartbeat":50000000})"),
        createError(
            R"({"code":400,"err_code":10083,"description":"consumer idle heartbeat needs to be \u003e= 100ms"})"));
    QCOMPARE(
        create(R"({"deliver_subject":"x.y","max_waiting":10})"),
        createError(
            R"({"code":400,"err_code":10080,"description":"consumer in push mode can not set max waiting"})"));
    QCOMPARE(
        create(R"({"deliver_subject":"x.*"})"),
        createError(
            R"({"code":400,"err_code":10079,"description":"consumer deliver subject has wildcards"})"));
    QCOMPARE(
        create(R"({"deliver_subject":"s.loop"})"),
        createError(
            R"({"code":400,"err_code":10081,"description":"consumer deliver subject forms a cycle"})"));
    QCOMPARE(
        create(R"({"deliver_subject":"x.y","max_ack_pending":5})"),
        createError(
            R"({"code":400,"err_code":10082,"description":"consumer requires ack policy for max ack pending"})"));
    // The fields libnats and nats.js send for an ordered consumer are all accepted.
    auto ordered = f.requestJson(
        "$JS.API.CONSUMER.CREATE.S",
        R"({"stream_name":"S","config":{"deliver_subject":"_INBOX.o","deliver_policy":"all",)"
        R"("ack_policy":"none","ack_wait":86400000000000,"max_deliver":1,"filter_subject":"s.>",)"
        R"("replay_policy":"instant","idle_heartbeat":5000000000,"flow_control":true,)"
        R"("inactive_threshold":300000000000,"num_replicas":1,"mem_storage":true}})");
    QVERIFY(ordered.is_object());
    QVERIFY(!ordered.as_object().contains("error"));
    QCOMPARE(ordered.at("config").at("num_replicas").to_number<int>(), 1);
    QCOMPARE(ordered.at("config").at("mem_storage").as_bool(), true);
    QCOMPARE(ordered.at("config").at("inactive_threshold").to_number<std::int64_t>(),
             std::int64_t(300'000'000'000));
    // Heartbeat and flow control cannot change on update; a bound deliver subject is in use.
    auto sub = subscribeSync(f.nc(), "upd.a");
    QVERIFY(sub);
    const std::string base =
        R"({"stream_name":"S","config":{"durable_name":"U","deliver_subject":"upd.a",)"
        R"("idle_heartbeat":1000000000,"flow_control":true}})";
    QVERIFY(
        !f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.U", base).as_object().contains("error"));
    QCOMPARE(
        f.request("$JS.API.CONSUMER.DURABLE.CREATE.S.U",
                  R"({"stream_name":"S","config":{"durable_name":"U","deliver_subject":"upd.a",)"
                  R"("idle_heartbeat":2000000000,"flow_control":true}})"),
        createError(
            R"({"code":500,"err_code":10012,"description":"heart beats can not be updated"})"));
    QCOMPARE(
        f.request("$JS.API.CONSUMER.DURABLE.CREATE.S.U",
                  R"({"stream_name":"S","config":{"durable_name":"U","deliver_subject":"upd.b",)"
                  R"("idle_heartbeat":1000000000,"flow_control":true}})"),
        createError(
            R"({"code":400,"err_code":10013,"description":"consumer name already in use"})"));
}

void TstJetStreamPush::pullRequestOnPushConsumer() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    QVERIFY(!f.requestJson(
                  "$JS.API.CONSUMER.DURABLE.CREATE.S.P",
                  R"({"stream_name":"S","config":{"durable_name":"P","deliver_subject":"p.x"}})")
                 .as_object()
                 .contains("error"));
    auto inbox = subscribeSync(f.nc(), "pull.inbox");
    QVERIFY(inbox);
    QCOMPARE(natsConnection_PublishRequestString(f.nc(), "$JS.API.CONSUMER.MSG.NEXT.S.P",
                                                 "pull.inbox", "1"),
             NATS_OK);
    auto m = nextMsg(inbox->get(), 3000);
    QVERIFY(m);
    QCOMPARE(header(m->get(), "Status"), std::string("409"));
    QCOMPARE(header(m->get(), "Description"), std::string("Consumer is push based"));
}

void TstJetStreamPush::ephemeralsGetDefaultInactiveThreshold() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    auto push = f.requestJson("$JS.API.CONSUMER.CREATE.S",
                              R"({"stream_name":"S","config":{"deliver_subject":"e.x"}})");
    QCOMPARE(push.at("config").at("inactive_threshold").to_number<std::int64_t>(),
             std::int64_t(5'000'000'000));
    auto pull = f.requestJson("$JS.API.CONSUMER.CREATE.S.N",
                              R"({"stream_name":"S","config":{"name":"N"}})");
    QCOMPARE(pull.at("config").at("inactive_threshold").to_number<std::int64_t>(),
             std::int64_t(5'000'000'000));
    auto durable = f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.D",
                                 R"({"stream_name":"S","config":{"durable_name":"D"}})");
    QVERIFY(!durable.at("config").as_object().contains("inactive_threshold"));
}

void TstJetStreamPush::inactivePushEphemeralRemoved() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    const std::string not_found =
        R"({"type":"io.nats.jetstream.api.v1.consumer_info_response","error":{"code":404,"err_code":10014,"description":"consumer not found"}})";
    // Nobody listens: removed once the threshold has passed.
    auto lone = f.requestJson(
        "$JS.API.CONSUMER.CREATE.S.LONE",
        R"({"stream_name":"S","config":{"name":"LONE","deliver_subject":"lone.x","inactive_threshold":200000000}})");
    QVERIFY(!lone.as_object().contains("error"));
    QTRY_COMPARE_WITH_TIMEOUT(f.request("$JS.API.CONSUMER.INFO.S.LONE"), not_found, 5000);
    // With a subscriber it stays (it keeps sending heartbeats), and goes once it leaves.
    auto sub = subscribeSync(f.nc(), "kept.x");
    QVERIFY(sub);
    auto kept =
        f.requestJson("$JS.API.CONSUMER.CREATE.S.KEPT",
                      R"({"stream_name":"S","config":{"name":"KEPT","deliver_subject":"kept.x",)"
                      R"("inactive_threshold":200000000,"idle_heartbeat":100000000}})");
    QVERIFY(!kept.as_object().contains("error"));
    for (int i = 0; i < 5; ++i) QVERIFY(nextStatus(sub->get(), "Idle Heartbeat"));
    QVERIFY(f.requestJson("$JS.API.CONSUMER.INFO.S.KEPT").at("push_bound").as_bool());
    sub->reset();
    QTRY_COMPARE_WITH_TIMEOUT(f.request("$JS.API.CONSUMER.INFO.S.KEPT"), not_found, 5000);
}

void TstJetStreamPush::inactivePullEphemeralRemoved() {
    JsFixture f;
    QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
    const std::string not_found =
        R"({"type":"io.nats.jetstream.api.v1.consumer_info_response","error":{"code":404,"err_code":10014,"description":"consumer not found"}})";
    auto created = f.requestJson(
        "$JS.API.CONSUMER.CREATE.S.PULL",
        R"({"stream_name":"S","config":{"name":"PULL","inactive_threshold":200000000}})");
    QVERIFY(!created.as_object().contains("error"));
    // A durable with no threshold stays.
    QVERIFY(!f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.STAY",
                           R"({"stream_name":"S","config":{"durable_name":"STAY"}})")
                 .as_object()
                 .contains("error"));
    QTRY_COMPARE_WITH_TIMEOUT(f.request("$JS.API.CONSUMER.INFO.S.PULL"), not_found, 5000);
    QVERIFY(!f.requestJson("$JS.API.CONSUMER.INFO.S.STAY").as_object().contains("error"));
}

QTEST_GUILESS_MAIN(TstJetStreamPush)
#include "tst_jetstream_push.moc"
