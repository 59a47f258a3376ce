// Pull consumers through the real libnats JetStream API against core::Server + JetStreamService
// in this process: create forms and errors, info/names/list/delete, fetch, status replies, acks,
// redelivery (ack_wait, NAK, max_deliver), max_ack_pending, filters and deliver policies.
#include "tests/integration/jetstream/js_consumer_expected.h"
#include "tests/integration/jetstream/js_fixture.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace nwb::test;

namespace {

struct CDeleter {
    void operator()(jsConsumerInfo* p) const noexcept { jsConsumerInfo_Destroy(p); }
    void operator()(jsConsumerNamesList* p) const noexcept { jsConsumerNamesList_Destroy(p); }
    void operator()(jsConsumerInfoList* p) const noexcept { jsConsumerInfoList_Destroy(p); }
    void operator()(jsMsgMetaData* p) const noexcept { jsMsgMetaData_Destroy(p); }
};
using ConsumerInfoPtr = std::unique_ptr<jsConsumerInfo, CDeleter>;
using MetaPtr = std::unique_ptr<jsMsgMetaData, CDeleter>;

/// A natsMsgList that destroys itself.
struct MsgList {
    natsMsgList list{};
    ~MsgList() { natsMsgList_Destroy(&list); }
    int count() const { return list.Count; }
    natsMsg* operator[](int i) const { return list.Msgs[i]; }
};

std::string header(natsMsg* msg, const char* key) {
    const char* value = nullptr;
    return natsMsgHeader_Get(msg, key, &value) == NATS_OK && value ? value : "";
}

bool startsWith(const std::string& s, std::string_view prefix) { return s.starts_with(prefix); }

/// Adds a pull consumer with libnats; returns the status.
natsStatus addConsumer(jsCtx* js, const char* stream, const char* durable,
                       const std::function<void(jsConsumerConfig&)>& tweak = {},
                       jsErrCode* err = nullptr) {
    jsConsumerConfig cfg;
    jsConsumerConfig_Init(&cfg);
    cfg.Durable = durable;
    cfg.AckPolicy = js_AckExplicit;
    if (tweak) tweak(cfg);
    jsConsumerInfo* ci = nullptr;
    const natsStatus s = js_AddConsumer(&ci, js, stream, &cfg, nullptr, err);
    ConsumerInfoPtr owned(ci);
    return s;
}

ConsumerInfoPtr info(jsCtx* js, const char* stream, const char* consumer) {
    jsConsumerInfo* ci = nullptr;
    js_GetConsumerInfo(&ci, js, stream, consumer, nullptr, nullptr);
    return ConsumerInfoPtr(ci);
}

/// A pull subscription bound to an existing consumer.
SubscriptionPtr pullSub(jsCtx* js, const char* stream, const char* consumer) {
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = stream;
    so.Consumer = consumer;
    natsSubscription* sub = nullptr;
    if (js_PullSubscribe(&sub, js, nullptr, consumer, nullptr, &so, nullptr) != NATS_OK)
        return nullptr;
    return SubscriptionPtr(sub);
}

MetaPtr meta(natsMsg* msg) {
    jsMsgMetaData* m = nullptr;
    natsMsg_GetMetaData(&m, msg);
    return MetaPtr(m);
}

/// A raw pull request on an inbox: every message that arrives within `wait_ms` after the last.
std::vector<MsgPtr> rawPull(natsConnection* nc, const std::string& stream,
                            const std::string& consumer, const std::string& body, int max_msgs,
                            int wait_ms = 2000) {
    natsInbox* inbox = nullptr;
    natsInbox_Create(&inbox);
    std::string reply = inbox;
    natsInbox_Destroy(inbox);
    std::vector<MsgPtr> out;
    auto sub = subscribeSync(nc, reply);
    if (!sub) return out;
    const std::string subject = "$JS.API.CONSUMER.MSG.NEXT." + stream + "." + consumer;
    natsConnection_PublishRequest(nc, subject.c_str(), reply.c_str(), body.data(),
                                  static_cast<int>(body.size()));
    while (static_cast<int>(out.size()) < max_msgs) {
        auto m = nextMsg(sub->get(), wait_ms);
        if (!m) break;
        out.push_back(std::move(*m));
    }
    return out;
}

void publishN(jsCtx* js, const char* subject, int n) {
    for (int i = 1; i <= n; ++i) publish(js, subject, "m" + std::to_string(i));
}

}  // namespace

class TstJetStreamConsumers : public QObject {
    Q_OBJECT

private slots:
    void createReturnsDefaultsAndCounts() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 2);
        const auto reply = f.request("$JS.API.CONSUMER.CREATE.S.C", std::string(kCreateC));
        QVERIFY2(startsWith(reply, kCreateCPrefix), reply.c_str());
        QVERIFY2(reply.find(kCreateCConfig) != std::string::npos, reply.c_str());
        // Same config again with action create: idempotent.
        const auto again = f.request("$JS.API.CONSUMER.CREATE.S.C", std::string(kCreateC));
        QVERIFY2(startsWith(again, kCreateCPrefix), again.c_str());

        StreamInfoPtr si;
        jsStreamInfo* raw = nullptr;
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "S", nullptr, nullptr), NATS_OK);
        si.reset(raw);
        QCOMPARE(si->State.Consumers, std::int64_t{1});
        jsAccountInfo* ai = nullptr;
        QCOMPARE(js_GetAccountInfo(&ai, f.js(), nullptr, nullptr), NATS_OK);
        std::unique_ptr<jsAccountInfo, JsDeleter> owned(ai);
        QCOMPARE(ai->Consumers, std::int64_t{1});
    }

    void createErrorsHaveNatsServerTexts() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}, [](jsStreamConfig& c) { c.MaxConsumers = 2; }),
                 NATS_OK);
        QVERIFY(startsWith(f.request("$JS.API.CONSUMER.CREATE.S.C", std::string(kCreateC)),
                           kCreateCPrefix));
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.C", std::string(kCreateCOther)), kErrExists);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.D", std::string(kUpdateMissing)),
                 kErrNotExist);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.C", std::string(kMismatch)), kErrMismatch);
        QCOMPARE(f.request("$JS.API.CONSUMER.DURABLE.CREATE.S.Y", std::string(kDurableOther)),
                 kErrDurableSubject);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.Y", std::string(kDurableOther)),
                 kErrDurableSubject);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S", std::string(kDurableOther)),
                 kErrEphemeralDurable);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.F.s.a", std::string(kFilterB)),
                 kErrFilterMismatch);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.Q", std::string(kBySeqNoSeq)), kErrBySeq);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.Q", std::string(kLastPerNoFilter)),
                 kErrLastPer);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S.Q", std::string(kBadAction)), kErrJson);
        QCOMPARE(f.request("$JS.API.CONSUMER.INFO.S.nope"), kErrNotFound);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.T.C", R"({"stream_name":"T"})"),
                 kErrStreamNotFound);
        // max_consumers 2: C plus one ephemeral, then the limit.
        QVERIFY(
            startsWith(f.request("$JS.API.CONSUMER.CREATE.S", std::string(kEphemeral)),
                       "{\"type\":\"io.nats.jetstream.api.v1.consumer_create_response\",\"stream"));
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.S", std::string(kEphemeral)), kErrMaxConsumers);
        // Workqueue streams: pull consumers need acks.
        QCOMPARE(addStream(f.js(), "W", {"w.*"},
                           [](jsStreamConfig& c) { c.Retention = js_WorkQueuePolicy; }),
                 NATS_OK);
        QCOMPARE(f.request("$JS.API.CONSUMER.CREATE.W.A", std::string(kWqNone)), kErrWqAck);
    }

    void ephemeralGetsAGeneratedName() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        const auto text = f.request("$JS.API.CONSUMER.CREATE.S", std::string(kEphemeral));
        boost::system::error_code ec;
        const auto v = boost::json::parse(text, ec);
        QVERIFY2(!ec && v.is_object() && v.as_object().contains("name"), text.c_str());
        const std::string name(v.at("name").as_string());
        QCOMPARE(name.size(), std::size_t{8});
        for (char c : name) QVERIFY(std::isalnum(static_cast<unsigned char>(c)));
        // nats-server copies the config before naming an ephemeral: no "name" in it.
        QVERIFY(!v.at("config").as_object().contains("name"));
    }

    void namesListAndDelete() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        QCOMPARE(f.request("$JS.API.CONSUMER.NAMES.S"), kNamesEmpty);
        for (const char* name : {"C", "A", "B"}) QCOMPARE(addConsumer(f.js(), "S", name), NATS_OK);
        QCOMPARE(f.request("$JS.API.CONSUMER.NAMES.S", std::string(kOffset1)), kNamesOffset1);
        const auto listed = f.requestJson("$JS.API.CONSUMER.LIST.S", std::string(kOffset1));
        QCOMPARE(listed.at("total").as_int64(), std::int64_t{3});
        QCOMPARE(listed.at("offset").as_int64(), std::int64_t{1});
        QCOMPARE(listed.at("limit").as_int64(), std::int64_t{256});
        QCOMPARE(listed.at("consumers").as_array().size(), std::size_t{2});
        QCOMPARE(std::string(listed.at("consumers").at(0).at("name").as_string()),
                 std::string("B"));
        QCOMPARE(std::string(listed.at("consumers").at(1).at("stream_name").as_string()),
                 std::string("S"));
        // The legacy durable form creates too.
        const auto legacy = f.requestJson("$JS.API.CONSUMER.DURABLE.CREATE.S.L",
                                          R"({"stream_name":"S","config":{"durable_name":"L"}})");
        QCOMPARE(std::string(legacy.at("name").as_string()), std::string("L"));
        QCOMPARE(js_DeleteConsumer(f.js(), "S", "L", nullptr, nullptr), NATS_OK);

        jsConsumerNamesList* names = nullptr;
        QCOMPARE(js_ConsumerNames(&names, f.js(), "S", nullptr, nullptr), NATS_OK);
        std::unique_ptr<jsConsumerNamesList, CDeleter> owned_names(names);
        QCOMPARE(names->Count, 3);
        std::vector<std::string> got(names->List, names->List + names->Count);
        std::sort(got.begin(), got.end());
        QCOMPARE(got, (std::vector<std::string>{"A", "B", "C"}));

        jsConsumerInfoList* list = nullptr;
        QCOMPARE(js_Consumers(&list, f.js(), "S", nullptr, nullptr), NATS_OK);
        std::unique_ptr<jsConsumerInfoList, CDeleter> owned_list(list);
        QCOMPARE(list->Count, 3);
        QCOMPARE(list->List[1]->Config->AckPolicy, js_AckExplicit);
        QCOMPARE(list->List[1]->Config->MaxAckPending, std::int64_t{1000});

        QCOMPARE(js_DeleteConsumer(f.js(), "S", "B", nullptr, nullptr), NATS_OK);
        jsErrCode err = static_cast<jsErrCode>(0);
        QCOMPARE(js_DeleteConsumer(f.js(), "S", "B", nullptr, &err), NATS_NOT_FOUND);
        QCOMPARE(static_cast<int>(err), 10014);
        QCOMPARE(f.request("$JS.API.CONSUMER.DELETE.S.A"), kDeleteOk);
        QCOMPARE(f.request("$JS.API.CONSUMER.INFO.S.A"), kErrNotFound);
        QCOMPARE(info(f.js(), "S", "C")->NumPending, std::uint64_t{0});
    }

    void fetchAckAndCounters() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 5);
        QCOMPARE(addConsumer(f.js(), "S", "D"), NATS_OK);
        auto ci = info(f.js(), "S", "D");
        QCOMPARE(ci->NumPending, std::uint64_t{5});
        QCOMPARE(ci->Config->AckWait, std::int64_t{30'000'000'000});
        QCOMPARE(ci->Config->MaxWaiting, std::int64_t{512});

        auto sub = pullSub(f.js(), "S", "D");
        QVERIFY(sub);
        MsgList msgs;
        QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 3, 5000, nullptr), NATS_OK);
        QCOMPARE(msgs.count(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(std::string(natsMsg_GetSubject(msgs[i])), std::string("s.a"));
            QCOMPARE(msgData(msgs[i]), "m" + std::to_string(i + 1));
            auto m = meta(msgs[i]);
            QVERIFY(m);
            QCOMPARE(m->Sequence.Stream, std::uint64_t(i + 1));
            QCOMPARE(m->Sequence.Consumer, std::uint64_t(i + 1));
            QCOMPARE(m->NumDelivered, std::uint64_t{1});
            QCOMPARE(m->NumPending, std::uint64_t(4 - i));
            QCOMPARE(std::string(m->Stream), std::string("S"));
            QCOMPARE(std::string(m->Consumer), std::string("D"));
        }
        ci = info(f.js(), "S", "D");
        QCOMPARE(ci->Delivered.Consumer, std::uint64_t{3});
        QCOMPARE(ci->Delivered.Stream, std::uint64_t{3});
        QCOMPARE(ci->AckFloor.Consumer, std::uint64_t{0});
        QCOMPARE(ci->NumAckPending, std::int64_t{3});
        QCOMPARE(ci->NumPending, std::uint64_t{2});

        QCOMPARE(natsMsg_Ack(msgs[1], nullptr), NATS_OK);               // out of order: floor stays
        QCOMPARE(natsMsg_AckSync(msgs[0], nullptr, nullptr), NATS_OK);  // reply: ack processed
        ci = info(f.js(), "S", "D");
        QCOMPARE(ci->AckFloor.Consumer, std::uint64_t{2});
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{2});
        QCOMPARE(ci->NumAckPending, std::int64_t{1});
        QCOMPARE(natsMsg_Term(msgs[2], nullptr), NATS_OK);  // no reply: wait for its effect
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumAckPending, std::int64_t{0}, 5000);
        ci = info(f.js(), "S", "D");
        QCOMPARE(ci->AckFloor.Consumer, std::uint64_t{3});
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{3});
        QCOMPARE(ci->NumAckPending, std::int64_t{0});
        QCOMPARE(ci->NumRedelivered, std::int64_t{0});
    }

    void pullRequestGetsIdleHeartbeats() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        QCOMPARE(addConsumer(f.js(), "S", "D", [](jsConsumerConfig&) {}), NATS_OK);
        publish(f.js(), "s.a", "one");
        // batch 2, expires 2 s, heartbeat 100 ms: the message, then heartbeats while it waits.
        auto r = rawPull(f.nc(), "S", "D",
                         R"({"batch":2,"expires":2000000000,"idle_heartbeat":100000000})", 3);
        QCOMPARE(r.size(), std::size_t{3});
        QCOMPARE(msgData(r[0].get()), std::string("one"));
        for (int i = 1; i <= 2; ++i) {
            QCOMPARE(header(r[i].get(), "Status"), std::string("100"));
            QCOMPARE(header(r[i].get(), "Description"), std::string("Idle Heartbeat"));
            QCOMPARE(header(r[i].get(), "Nats-Last-Consumer"), std::string("1"));
            QCOMPARE(header(r[i].get(), "Nats-Last-Stream"), std::string("1"));
        }
    }

    void statusReplies() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        QCOMPARE(addConsumer(f.js(), "S", "D", [](jsConsumerConfig& c) { c.MaxWaiting = 1; }),
                 NATS_OK);
        // no_wait on an empty stream: 404 No Messages.
        auto r = rawPull(f.nc(), "S", "D", R"({"batch":1,"no_wait":true})", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(header(r[0].get(), "Status"), std::string("404"));
        QCOMPARE(header(r[0].get(), "Description"), std::string("No Messages"));

        // expires with one message of two: the message, then 408 with what is left.
        publish(f.js(), "s.a", "one");
        r = rawPull(f.nc(), "S", "D", R"({"batch":2,"expires":100000000})", 2);
        QCOMPARE(r.size(), std::size_t{2});
        QCOMPARE(msgData(r[0].get()), std::string("one"));
        QCOMPARE(header(r[1].get(), "Status"), std::string("408"));
        QCOMPARE(header(r[1].get(), "Description"), std::string("Request Timeout"));
        QCOMPARE(header(r[1].get(), "Nats-Pending-Messages"), std::string("1"));
        QCOMPARE(header(r[1].get(), "Nats-Pending-Bytes"), std::string("0"));

        // no_wait with fewer messages than asked: the messages, then 408.
        publish(f.js(), "s.a", "two");
        r = rawPull(f.nc(), "S", "D", R"({"batch":3,"no_wait":true})", 2);
        QCOMPARE(r.size(), std::size_t{2});
        QCOMPARE(msgData(r[0].get()), std::string("two"));
        QCOMPARE(header(r[1].get(), "Status"), std::string("408"));
        QCOMPARE(header(r[1].get(), "Nats-Pending-Messages"), std::string("2"));

        // max_waiting 1: a second waiting request is refused.
        natsInbox* inbox = nullptr;
        natsInbox_Create(&inbox);
        const std::string first_reply = inbox;
        natsInbox_Destroy(inbox);
        auto first = subscribeSync(f.nc(), first_reply);
        QVERIFY(first);
        const std::string wait_body = R"({"batch":1,"expires":5000000000})";
        natsConnection_PublishRequest(f.nc(), "$JS.API.CONSUMER.MSG.NEXT.S.D", first_reply.c_str(),
                                      wait_body.data(), static_cast<int>(wait_body.size()));
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumWaiting, std::int64_t{1}, 5000);
        r = rawPull(f.nc(), "S", "D", wait_body, 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(header(r[0].get(), "Status"), std::string("409"));
        QCOMPARE(header(r[0].get(), "Description"), std::string("Exceeded MaxWaiting"));
        // The waiting request gets the next message published.
        publish(f.js(), "s.b", "three");
        auto m = nextMsg(first->get(), 5000);
        QVERIFY(m);
        QCOMPARE(msgData(m->get()), std::string("three"));
        QCOMPARE(std::string(natsMsg_GetSubject(m->get())), std::string("s.b"));
        QCOMPARE(info(f.js(), "S", "D")->NumWaiting, std::int64_t{0});

        // A plain number is a batch size.
        publishN(f.js(), "s.c", 2);
        r = rawPull(f.nc(), "S", "D", "2", 2);
        QCOMPARE(r.size(), std::size_t{2});
        QVERIFY(startsWith(natsMsg_GetReply(r[1].get()), "$JS.ACK.S.D.1.5.5."));

        // max_batch
        QCOMPARE(addConsumer(f.js(), "S", "MB", [](jsConsumerConfig& c) { c.MaxRequestBatch = 2; }),
                 NATS_OK);
        r = rawPull(f.nc(), "S", "MB", R"({"batch":3})", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(header(r[0].get(), "Description"), std::string("Exceeded MaxRequestBatch of 2"));

        // Deleting a consumer releases its waiting requests.
        natsConnection_PublishRequest(f.nc(), "$JS.API.CONSUMER.MSG.NEXT.S.D", first_reply.c_str(),
                                      wait_body.data(), static_cast<int>(wait_body.size()));
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumWaiting, std::int64_t{1}, 5000);
        QCOMPARE(js_DeleteConsumer(f.js(), "S", "D", nullptr, nullptr), NATS_OK);
        m = nextMsg(first->get(), 5000);
        QVERIFY(m);
        QCOMPARE(header(m->get(), "Status"), std::string("409"));
        QCOMPARE(header(m->get(), "Description"), std::string("Consumer Deleted"));
    }

    void maxBytes() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 2);
        QCOMPARE(addConsumer(f.js(), "S", "D"), NATS_OK);
        auto r = rawPull(f.nc(), "S", "D", R"({"batch":2,"max_bytes":1})", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(header(r[0].get(), "Status"), std::string("409"));
        QCOMPARE(header(r[0].get(), "Description"), std::string("Message Size Exceeds MaxBytes"));
        QCOMPARE(header(r[0].get(), "Nats-Pending-Messages"), std::string("2"));
        QCOMPARE(header(r[0].get(), "Nats-Pending-Bytes"), std::string("1"));
        QCOMPARE(info(f.js(), "S", "D")->NumPending, std::uint64_t{2});  // nothing taken

        r = rawPull(f.nc(), "S", "D", R"({"batch":1,"max_bytes":1000})", 2);
        QCOMPARE(r.size(), std::size_t{2});
        QCOMPARE(msgData(r[0].get()), std::string("m1"));
        const std::size_t size = std::strlen(natsMsg_GetSubject(r[0].get())) +
                                 std::strlen(natsMsg_GetReply(r[0].get())) + 2;
        QCOMPARE(header(r[1].get(), "Description"), std::string("Batch Completed"));
        QCOMPARE(header(r[1].get(), "Nats-Pending-Messages"), std::string("0"));
        QCOMPARE(header(r[1].get(), "Nats-Pending-Bytes"), std::to_string(1000 - size));

        QCOMPARE(
            addConsumer(f.js(), "S", "L", [](jsConsumerConfig& c) { c.MaxRequestMaxBytes = 10; }),
            NATS_OK);
        r = rawPull(f.nc(), "S", "L", R"({"batch":1,"max_bytes":11})", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(header(r[0].get(), "Description"),
                 std::string("Exceeded MaxRequestMaxBytes of 10"));
        QCOMPARE(addConsumer(f.js(), "S", "E",
                             [](jsConsumerConfig& c) { c.MaxRequestExpires = 1'500'000'000; }),
                 NATS_OK);
        r = rawPull(f.nc(), "S", "E", R"({"batch":1,"expires":2000000000})", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(header(r[0].get(), "Description"),
                 std::string("Exceeded MaxRequestExpires of 1.5s"));
    }

    void nakAndAckWaitRedeliver() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 2);
        QCOMPARE(addConsumer(f.js(), "S", "D",
                             [](jsConsumerConfig& c) {
                                 c.AckWait = 200'000'000;  // 200ms
                                 c.MaxDeliver = 2;
                             }),
                 NATS_OK);
        auto sub = pullSub(f.js(), "S", "D");
        QVERIFY(sub);
        {
            MsgList msgs;
            QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 1, 5000, nullptr), NATS_OK);
            QCOMPARE(msgs.count(), 1);
            QCOMPARE(natsMsg_Nak(msgs[0], nullptr), NATS_OK);
        }
        {
            // NAKed: redelivered at once, before message 2.
            MsgList msgs;
            QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 1, 5000, nullptr), NATS_OK);
            QCOMPARE(msgs.count(), 1);
            auto m = meta(msgs[0]);
            QCOMPARE(m->Sequence.Stream, std::uint64_t{1});
            QCOMPARE(m->Sequence.Consumer, std::uint64_t{2});
            QCOMPARE(m->NumDelivered, std::uint64_t{2});
            QCOMPARE(info(f.js(), "S", "D")->NumRedelivered, std::int64_t{1});
            // Not acked: max_deliver 2 reached, so after ack_wait it is dropped, not redelivered.
        }
        {
            MsgList msgs;
            QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 1, 5000, nullptr), NATS_OK);
            QCOMPARE(msgs.count(), 1);
            auto m = meta(msgs[0]);
            QCOMPARE(m->Sequence.Stream, std::uint64_t{2});
            QCOMPARE(m->NumDelivered, std::uint64_t{1});
            QCOMPARE(natsMsg_InProgress(msgs[0], nullptr), NATS_OK);
            // Left unacked: redelivered once ack_wait passes.
        }
        {
            MsgList msgs;
            QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 1, 5000, nullptr), NATS_OK);
            QCOMPARE(msgs.count(), 1);
            auto m = meta(msgs[0]);
            QCOMPARE(m->Sequence.Stream, std::uint64_t{2});
            QCOMPARE(m->NumDelivered, std::uint64_t{2});
        }
        // Both reached max_deliver: once their ack_wait passes they leave the pending set.
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumAckPending, std::int64_t{0}, 5000);
        auto ci = info(f.js(), "S", "D");
        // As nats-server: dropping them moves no ack floor (the next ack would), and they still
        // count as redelivered.
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{0});
        QCOMPARE(ci->NumRedelivered, std::int64_t{2});
        QCOMPARE(ci->Delivered.Consumer, std::uint64_t{4});
    }

    void nakWithDelayAndBackoff() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 1);
        std::int64_t backoff[] = {100'000'000, 300'000'000};
        QCOMPARE(addConsumer(f.js(), "S", "D",
                             [&](jsConsumerConfig& c) {
                                 c.BackOff = backoff;
                                 c.BackOffLen = 2;
                                 c.MaxDeliver = 4;
                             }),
                 NATS_OK);
        QCOMPARE(info(f.js(), "S", "D")->Config->AckWait, std::int64_t{100'000'000});
        auto sub = pullSub(f.js(), "S", "D");
        QVERIFY(sub);
        MsgList a;
        QCOMPARE(natsSubscription_Fetch(&a.list, sub.get(), 1, 5000, nullptr), NATS_OK);
        QCOMPARE(natsMsg_NakWithDelay(a[0], 150, nullptr), NATS_OK);  // ms in libnats
        const auto t0 = std::chrono::steady_clock::now();
        MsgList b;
        QCOMPARE(natsSubscription_Fetch(&b.list, sub.get(), 1, 5000, nullptr), NATS_OK);
        QVERIFY(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(100));
        QCOMPARE(meta(b[0])->NumDelivered, std::uint64_t{2});
        MsgList c;  // backoff[1] after the second delivery
        QCOMPARE(natsSubscription_Fetch(&c.list, sub.get(), 1, 5000, nullptr), NATS_OK);
        QCOMPARE(meta(c[0])->NumDelivered, std::uint64_t{3});
        QCOMPARE(natsMsg_Ack(c[0], nullptr), NATS_OK);
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumAckPending, std::int64_t{0}, 5000);
    }

    void ackAllAndAckNone() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 4);
        QCOMPARE(
            addConsumer(f.js(), "S", "ALL", [](jsConsumerConfig& c) { c.AckPolicy = js_AckAll; }),
            NATS_OK);
        auto sub = pullSub(f.js(), "S", "ALL");
        MsgList msgs;
        QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 3, 5000, nullptr), NATS_OK);
        QCOMPARE(natsMsg_AckSync(msgs[2], nullptr, nullptr), NATS_OK);
        auto ci = info(f.js(), "S", "ALL");
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{3});
        QCOMPARE(ci->NumAckPending, std::int64_t{0});
        QCOMPARE(ci->NumPending, std::uint64_t{1});

        QCOMPARE(
            addConsumer(f.js(), "S", "NONE", [](jsConsumerConfig& c) { c.AckPolicy = js_AckNone; }),
            NATS_OK);
        ci = info(f.js(), "S", "NONE");
        QCOMPARE(ci->Config->AckWait, std::int64_t{0});
        QCOMPARE(ci->Config->MaxAckPending, std::int64_t{0});
        auto r = rawPull(f.nc(), "S", "NONE", "4", 4);
        QCOMPARE(r.size(), std::size_t{4});
        ci = info(f.js(), "S", "NONE");
        QCOMPARE(ci->AckFloor.Consumer, std::uint64_t{4});
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{4});
        QCOMPARE(ci->NumAckPending, std::int64_t{0});
    }

    void maxAckPendingStopsDelivery() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 5);
        QCOMPARE(addConsumer(f.js(), "S", "D", [](jsConsumerConfig& c) { c.MaxAckPending = 2; }),
                 NATS_OK);
        auto r = rawPull(f.nc(), "S", "D", R"({"batch":5,"expires":300000000})", 5);
        QCOMPARE(r.size(), std::size_t{3});  // two messages, then 408 with 3 left
        QCOMPARE(header(r[2].get(), "Nats-Pending-Messages"), std::string("3"));
        // A raw message has no JetStream subscription: ack by publishing to its reply.
        QCOMPARE(natsConnection_PublishString(f.nc(), natsMsg_GetReply(r[0].get()), "+ACK"),
                 NATS_OK);
        auto more = rawPull(f.nc(), "S", "D", R"({"batch":5,"expires":300000000})", 5);
        QCOMPARE(more.size(), std::size_t{2});
        QCOMPARE(msgData(more[0].get()), std::string("m3"));
    }

    void filtersAndDeliverPolicies() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"o.*"}), NATS_OK);
        for (const char* s : {"o.a", "o.b", "o.a", "o.c", "o.b"}) publish(f.js(), s, s);
        auto seqs = [&](const std::string& consumer, int n) {
            std::vector<std::uint64_t> out;
            for (auto& m :
                 rawPull(f.nc(), "S", consumer, R"({"batch":10,"no_wait":true})", n + 1)) {
                if (natsMsg_GetReply(m.get()) == nullptr) continue;  // status
                out.push_back(meta(m.get())->Sequence.Stream);
            }
            return out;
        };
        using V = std::vector<std::uint64_t>;
        QVERIFY(startsWith(
            f.request(
                "$JS.API.CONSUMER.CREATE.S.M",
                R"({"stream_name":"S","config":{"filter_subjects":["o.a","o.c"],"ack_policy":"none"}})"),
            "{\"type\":\"io.nats.jetstream.api.v1.consumer_create_response\""));
        QCOMPARE(info(f.js(), "S", "M")->NumPending, std::uint64_t{3});
        QCOMPARE(seqs("M", 3), (V{1, 3, 4}));
        QCOMPARE(addConsumer(f.js(), "S", "F",
                             [](jsConsumerConfig& c) {
                                 c.FilterSubject = "o.b";
                                 c.AckPolicy = js_AckNone;
                             }),
                 NATS_OK);
        QCOMPARE(seqs("F", 2), (V{2, 5}));
        QCOMPARE(addConsumer(f.js(), "S", "LPS",
                             [](jsConsumerConfig& c) {
                                 c.FilterSubject = "o.*";
                                 c.DeliverPolicy = js_DeliverLastPerSubject;
                                 c.AckPolicy = js_AckNone;
                             }),
                 NATS_OK);
        QCOMPARE(info(f.js(), "S", "LPS")->NumPending, std::uint64_t{3});
        QCOMPARE(seqs("LPS", 3), (V{3, 4, 5}));
        QCOMPARE(addConsumer(f.js(), "S", "SEQ",
                             [](jsConsumerConfig& c) {
                                 c.DeliverPolicy = js_DeliverByStartSequence;
                                 c.OptStartSeq = 4;
                                 c.AckPolicy = js_AckNone;
                             }),
                 NATS_OK);
        QCOMPARE(seqs("SEQ", 2), (V{4, 5}));
        QCOMPARE(addConsumer(f.js(), "S", "LAST",
                             [](jsConsumerConfig& c) {
                                 c.DeliverPolicy = js_DeliverLast;
                                 c.AckPolicy = js_AckNone;
                             }),
                 NATS_OK);
        QCOMPARE(seqs("LAST", 1), (V{5}));
        QCOMPARE(addConsumer(f.js(), "S", "NEW",
                             [](jsConsumerConfig& c) {
                                 c.DeliverPolicy = js_DeliverNew;
                                 c.AckPolicy = js_AckNone;
                             }),
                 NATS_OK);
        QCOMPARE(info(f.js(), "S", "NEW")->Delivered.Stream, std::uint64_t{5});
        QCOMPARE(seqs("NEW", 0), V{});
        publish(f.js(), "o.z", "z");
        QCOMPARE(seqs("NEW", 1), (V{6}));
        QCOMPARE(addConsumer(f.js(), "S", "TIME",
                             [](jsConsumerConfig& c) {
                                 c.DeliverPolicy = js_DeliverByStartTime;
                                 c.OptStartTime = 1;  // 1ns after the epoch: everything
                                 c.AckPolicy = js_AckNone;
                             }),
                 NATS_OK);
        QCOMPARE(info(f.js(), "S", "TIME")->NumPending, std::uint64_t{6});
    }

    void memoryStreamWakesWaitingRequest() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "M", {"m.*"},
                           [](jsStreamConfig& c) { c.Storage = js_MemoryStorage; }),
                 NATS_OK);
        QCOMPARE(addConsumer(f.js(), "M", "D"), NATS_OK);
        auto sub = pullSub(f.js(), "M", "D");
        QVERIFY(sub);
        std::thread publisher([&] {
            // Publish once the fetch below is waiting.
            for (int i = 0; i < 500 && info(f.js(), "M", "D")->NumWaiting == 0; ++i) {
                std::this_thread::yield();
            }
            publish(f.js(), "m.a", "late");
        });
        MsgList msgs;
        const natsStatus s = natsSubscription_Fetch(&msgs.list, sub.get(), 1, 5000, nullptr);
        publisher.join();
        QCOMPARE(s, NATS_OK);
        QCOMPARE(msgData(msgs[0]), std::string("late"));
        QCOMPARE(natsMsg_AckSync(msgs[0], nullptr, nullptr), NATS_OK);
        QCOMPARE(info(f.js(), "M", "D")->AckFloor.Stream, std::uint64_t{1});
    }

    void restartKeepsDurableConsumerState() {
        QTemporaryDir dir;
        {
            JsFixture f({}, dir.path());
            QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
            publishN(f.js(), "s.a", 5);
            QCOMPARE(
                addConsumer(f.js(), "S", "D", [](jsConsumerConfig& c) { c.Description = "kept"; }),
                NATS_OK);
            QVERIFY(startsWith(
                f.request("$JS.API.CONSUMER.CREATE.S", std::string(kEphemeral)),
                "{\"type\":\"io.nats.jetstream.api.v1.consumer_create_response\",\"stream"));
            auto sub = pullSub(f.js(), "S", "D");
            MsgList msgs;
            QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 3, 5000, nullptr), NATS_OK);
            QCOMPARE(natsMsg_AckSync(msgs[0], nullptr, nullptr), NATS_OK);
            QCOMPARE(natsMsg_AckSync(msgs[1], nullptr, nullptr), NATS_OK);
            // The state file is written after the ack reply: wait until it holds both acks.
            const QString state = dir.path() + "/jetstream/$G/streams/S/obs/D/state.json";
            QTRY_VERIFY_WITH_TIMEOUT(
                QFile::exists(state) &&
                    [&] {
                        QFile file(state);
                        return file.open(QIODevice::ReadOnly) &&
                               file.readAll().contains("\"asflr\":2");
                    }(),
                5000);
        }
        JsFixture f({}, dir.path());
        auto ci = info(f.js(), "S", "D");
        QVERIFY(ci);
        QCOMPARE(std::string(ci->Config->Description), std::string("kept"));
        QCOMPARE(ci->Delivered.Consumer, std::uint64_t{3});
        QCOMPARE(ci->Delivered.Stream, std::uint64_t{3});
        QCOMPARE(ci->AckFloor.Consumer, std::uint64_t{2});
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{2});
        QCOMPARE(ci->NumAckPending, std::int64_t{1});
        QCOMPARE(ci->NumPending, std::uint64_t{2});
        QCOMPARE(
            f.request("$JS.API.CONSUMER.NAMES.S"),
            R"({"type":"io.nats.jetstream.api.v1.consumer_names_response","total":1,"offset":0,"limit":1024,"consumers":["D"]})");
        auto sub = pullSub(f.js(), "S", "D");
        MsgList msgs;
        QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 1, 5000, nullptr), NATS_OK);
        auto m = meta(msgs[0]);
        QCOMPARE(m->Sequence.Stream, std::uint64_t{4});
        QCOMPARE(m->Sequence.Consumer, std::uint64_t{4});
        // Deleting the consumer removes its files.
        QCOMPARE(js_DeleteConsumer(f.js(), "S", "D", nullptr, nullptr), NATS_OK);
        QVERIFY(!QFile::exists(dir.path() + "/jetstream/$G/streams/S/obs/D/meta.inf"));
    }

    void workqueueRemovesAckedMessages() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "W", {"w.*"},
                           [](jsStreamConfig& c) { c.Retention = js_WorkQueuePolicy; }),
                 NATS_OK);
        publishN(f.js(), "w.a", 3);
        QCOMPARE(addConsumer(f.js(), "W", "D"), NATS_OK);
        jsErrCode err = static_cast<jsErrCode>(0);
        QCOMPARE(addConsumer(f.js(), "W", "E", {}, &err), NATS_ERR);
        QCOMPARE(static_cast<int>(err), 10099);  // a second unfiltered consumer
        auto sub = pullSub(f.js(), "W", "D");
        MsgList msgs;
        QCOMPARE(natsSubscription_Fetch(&msgs.list, sub.get(), 3, 5000, nullptr), NATS_OK);
        QCOMPARE(natsMsg_AckSync(msgs[0], nullptr, nullptr), NATS_OK);
        QCOMPARE(natsMsg_Term(msgs[2], nullptr), NATS_OK);
        auto messages = [&] {
            jsStreamInfo* raw = nullptr;
            js_GetStreamInfo(&raw, f.js(), "W", nullptr, nullptr);
            StreamInfoPtr si(raw);
            return si ? si->State.Msgs : 99;
        };
        QTRY_COMPARE_WITH_TIMEOUT(messages(), std::uint64_t{1}, 5000);
    }

    void interestRemovesWhenEveryConsumerAcked() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "I", {"i.*"},
                           [](jsStreamConfig& c) { c.Retention = js_InterestPolicy; }),
                 NATS_OK);
        auto state = [&] {
            jsStreamInfo* raw = nullptr;
            js_GetStreamInfo(&raw, f.js(), "I", nullptr, nullptr);
            StreamInfoPtr si(raw);
            return si ? std::make_pair(si->State.Msgs, si->State.LastSeq)
                      : std::make_pair(std::uint64_t{99}, std::uint64_t{99});
        };
        publish(f.js(), "i.a", "nobody");  // no consumer: skipped
        QCOMPARE(state(), std::make_pair(std::uint64_t{0}, std::uint64_t{1}));
        QCOMPARE(addConsumer(f.js(), "I", "A"), NATS_OK);
        QCOMPARE(
            addConsumer(f.js(), "I", "B", [](jsConsumerConfig& c) { c.FilterSubject = "i.b"; }),
            NATS_OK);
        publish(f.js(), "i.a", "a");  // A only
        publish(f.js(), "i.b", "b");  // A and B
        QCOMPARE(state(), std::make_pair(std::uint64_t{2}, std::uint64_t{3}));
        auto a = pullSub(f.js(), "I", "A");
        MsgList am;
        QCOMPARE(natsSubscription_Fetch(&am.list, a.get(), 2, 5000, nullptr), NATS_OK);
        QCOMPARE(natsMsg_AckSync(am[0], nullptr, nullptr), NATS_OK);
        QCOMPARE(natsMsg_AckSync(am[1], nullptr, nullptr), NATS_OK);
        QTRY_COMPARE_WITH_TIMEOUT(state().first, std::uint64_t{1}, 5000);  // B still needs i.b
        auto b = pullSub(f.js(), "I", "B");
        MsgList bm;
        QCOMPARE(natsSubscription_Fetch(&bm.list, b.get(), 1, 5000, nullptr), NATS_OK);
        QCOMPARE(meta(bm[0])->Sequence.Stream, std::uint64_t{3});
        QCOMPARE(natsMsg_AckSync(bm[0], nullptr, nullptr), NATS_OK);
        QTRY_COMPARE_WITH_TIMEOUT(state().first, std::uint64_t{0}, 5000);
    }

    void requestWithoutListenerLosesNothing() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        QCOMPARE(addConsumer(f.js(), "S", "D"), NATS_OK);
        // A request that waits forever on an inbox nobody listens to (its client went away).
        natsConnection_PublishRequestString(f.nc(), "$JS.API.CONSUMER.MSG.NEXT.S.D", "_INBOX.gone",
                                            "1");
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumWaiting, std::int64_t{1}, 5000);
        publishN(f.js(), "s.a", 1);
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumWaiting, std::int64_t{0}, 5000);
        auto r = rawPull(f.nc(), "S", "D", "1", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(msgData(r[0].get()), std::string("m1"));
        auto m = meta(r[0].get());
        QVERIFY(m);
        QCOMPARE(m->NumDelivered, std::uint64_t{1});
    }

    void purgeMovesConsumers() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        publishN(f.js(), "s.a", 3);
        QCOMPARE(addConsumer(f.js(), "S", "D"), NATS_OK);
        auto r = rawPull(f.nc(), "S", "D", "2", 2);
        QCOMPARE(r.size(), std::size_t{2});
        QCOMPARE(js_PurgeStream(f.js(), "S", nullptr, nullptr), NATS_OK);
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumAckPending, std::int64_t{0}, 5000);
        auto ci = info(f.js(), "S", "D");
        QCOMPARE(ci->NumPending, std::uint64_t{0});
        QCOMPARE(ci->AckFloor.Stream, std::uint64_t{3});
        QCOMPARE(ci->Delivered.Stream, std::uint64_t{3});
        publishN(f.js(), "s.a", 1);
        r = rawPull(f.nc(), "S", "D", "1", 1);
        QCOMPARE(r.size(), std::size_t{1});
        QCOMPARE(meta(r[0].get())->Sequence.Stream, std::uint64_t{4});
    }

    void deleteStreamStopsConsumers() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.*"}), NATS_OK);
        QCOMPARE(addConsumer(f.js(), "S", "D"), NATS_OK);
        // A waiting request with a long expiry must not hold up deletion or shutdown.
        const std::string body = R"({"batch":1,"expires":60000000000})";
        natsConnection_PublishRequest(f.nc(), "$JS.API.CONSUMER.MSG.NEXT.S.D", "_INBOX.none",
                                      body.data(), static_cast<int>(body.size()));
        QTRY_COMPARE_WITH_TIMEOUT(info(f.js(), "S", "D")->NumWaiting, std::int64_t{1}, 5000);
        QCOMPARE(js_DeleteStream(f.js(), "S", nullptr, nullptr), NATS_OK);
        QCOMPARE(addStream(f.js(), "T", {"t.*"}), NATS_OK);
        QCOMPARE(
            addConsumer(f.js(), "T", "D", [](jsConsumerConfig& c) { c.AckWait = 60'000'000'000; }),
            NATS_OK);
        publish(f.js(), "t.a", "x");
        auto r = rawPull(f.nc(), "T", "D", "1", 1);
        QCOMPARE(r.size(), std::size_t{1});
        const auto t0 = std::chrono::steady_clock::now();
        f.stop();  // a pending ack timer must not hold up stop()
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    }
};

QTEST_APPLESS_MAIN(TstJetStreamConsumers)
#include "tst_jetstream_consumers.moc"
