// Streams through the real libnats JetStream API against core::Server + JetStreamService run in
// this process: create/update/info/delete/purge, names/list, publish with every header, msg
// get/delete, direct get, account info, domains, and recovery after a restart.
#include <QtTest>

#include <cstring>
#include <string>

#include "tests/integration/jetstream/js_expected.h"
#include "tests/integration/jetstream/js_fixture.h"

using namespace nwb::test;

namespace {

/// libnats's last error text without its "(file.c:line): " prefix.
QString lastError() {
    const QString text = QString::fromUtf8(nats_GetLastError(nullptr) ? nats_GetLastError(nullptr) : "");
    const auto at = text.indexOf(QStringLiteral("): "));
    return text.startsWith('(') && at >= 0 ? text.mid(at + 3) : text;
}

std::string header(natsMsg* msg, const char* key) {
    const char* value = nullptr;
    return natsMsgHeader_Get(msg, key, &value) == NATS_OK && value ? value : "";
}

const boost::json::value* at(const boost::json::value& v, std::string_view path) {
    boost::system::error_code ec;
    return v.find_pointer(path, ec);
}

std::string str(const boost::json::value& v, std::string_view path) {
    const auto* p = at(v, path);
    return p && p->is_string() ? std::string(p->as_string()) : std::string("<missing>");
}

std::int64_t num(const boost::json::value& v, std::string_view path) {
    const auto* p = at(v, path);
    if (p == nullptr) return -12345;
    if (p->is_int64()) return p->as_int64();
    if (p->is_uint64()) return static_cast<std::int64_t>(p->as_uint64());
    return -12345;
}

}  // namespace

class TstJetStreamStreams : public QObject {
    Q_OBJECT

private slots:
    void accountInfoCountsStreamsAndApiCalls() {
        JsFixture f;
        jsAccountInfo* raw = nullptr;
        QCOMPARE(js_GetAccountInfo(&raw, f.js(), nullptr, nullptr), NATS_OK);
        std::unique_ptr<jsAccountInfo, JsDeleter> ai(raw);
        QCOMPARE(ai->Streams, std::int64_t{0});
        QCOMPARE(ai->API.Total, std::uint64_t{0});  // counted after the answer, as nats-server
        QCOMPARE(ai->API.Errors, std::uint64_t{0});
        QCOMPARE(ai->Limits.MaxMemory, std::int64_t{-1});
        QCOMPARE(ai->Limits.MaxStore, std::int64_t{-1});
        QCOMPARE(ai->Limits.MaxStreams, std::int64_t{-1});

        QCOMPARE(addStream(f.js(), "A", {"a.>"}), NATS_OK);
        QCOMPARE(publish(f.js(), "a.1", "hello"), std::uint64_t{1});
        auto info = f.requestJson("$JS.API.INFO");
        QCOMPARE(str(info, "/type"), std::string("io.nats.jetstream.api.v1.account_info_response"));
        QCOMPARE(num(info, "/streams"), std::int64_t{1});
        QCOMPARE(num(info, "/api/total"), std::int64_t{2});  // INFO and STREAM.CREATE
        QCOMPARE(num(info, "/storage"), std::int64_t{36 + 3 + 5});  // one record on disk
        QCOMPARE(num(info, "/limits/max_consumers"), std::int64_t{-1});
    }

    void createFillsNatsServerDefaults() {
        JsFixture f;
        StreamInfoPtr si;
        QCOMPARE(addStream(f.js(), "ORDERS", {"orders.*"}, {}, nullptr, &si), NATS_OK);
        const jsStreamConfig* c = si->Config;
        QCOMPARE(std::string(c->Name), std::string("ORDERS"));
        QCOMPARE(c->Retention, js_LimitsPolicy);
        QCOMPARE(c->Storage, js_FileStorage);
        QCOMPARE(c->Discard, js_DiscardOld);
        QCOMPARE(c->MaxMsgs, std::int64_t{-1});
        QCOMPARE(c->MaxBytes, std::int64_t{-1});
        QCOMPARE(c->MaxMsgsPerSubject, std::int64_t{-1});
        QCOMPARE(c->MaxMsgSize, std::int32_t{-1});
        QCOMPARE(c->MaxConsumers, std::int64_t{-1});
        QCOMPARE(c->MaxAge, std::int64_t{0});
        QCOMPARE(c->Duplicates, std::int64_t{120'000'000'000});
        QCOMPARE(c->Replicas, std::int64_t{1});
        QCOMPARE(si->State.Msgs, std::uint64_t{0});
        QVERIFY(si->Created > 0);

        // The raw reply carries the type and did_create, config fields in nats-server's order.
        const std::string raw = f.request("$JS.API.STREAM.CREATE.T", std::string(kRaw0));
        QVERIFY(raw.starts_with(
            kRaw1));
        QVERIFY(raw.find(kRaw2) == std::string::npos);  // a standalone server sends no cluster
        QVERIFY2(raw.find("},\"ts\":\"") != std::string::npos, raw.c_str());  // 2.10: a time stamp
        QVERIFY(raw.ends_with(kRaw3));
    }

    void createIsIdempotentAndRefusesConflicts() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);
        QCOMPARE(addStream(f.js(), "S", {"s.>"}), NATS_OK);  // identical: success
        jsErrCode err{};
        QCOMPARE(addStream(f.js(), "S", {"s.>"}, [](jsStreamConfig& c) { c.MaxMsgs = 10; }, &err),
                 NATS_ERR);
        QCOMPARE(int(err), 10058);
        QCOMPARE(lastError(), QString("stream name already in use with a different configuration"));
        QCOMPARE(addStream(f.js(), "OTHER", {"s.x"}, {}, &err), NATS_ERR);
        QCOMPARE(int(err), 10065);
        QCOMPARE(lastError(), QString("subjects overlap with an existing stream"));

        QCOMPARE(f.request("$JS.API.STREAM.CREATE.X", std::string(kRaw4)),
                 std::string(kRaw5));
        QCOMPARE(f.request("$JS.API.STREAM.CREATE.X", "{not json"),
                 std::string(kRaw6));
        QCOMPARE(f.request("$JS.API.STREAM.CREATE.X", std::string(kRaw7)),
                 std::string(kRaw8));
        QCOMPARE(f.request("$JS.API.STREAM.CREATE.X", std::string(kRaw9)),
                 std::string(kRaw10));
        auto dup = f.requestJson("$JS.API.STREAM.CREATE.D",
                                 std::string(kRaw11));
        QCOMPARE(num(dup, "/error/err_code"), std::int64_t{10052});
        QCOMPARE(str(dup, "/error/description"),
                 std::string("duplicates window can not be larger then max age"));
    }

    void publishAcksAndDeduplicates() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "P", {"p.*"}), NATS_OK);
        QCOMPARE(publish(f.js(), "p.a", "1"), std::uint64_t{1});
        jsPubOptions o;
        jsPubOptions_Init(&o);
        o.MsgId = "id-1";
        bool dup = true;
        QCOMPARE(publish(f.js(), "p.a", "2", &o, nullptr, &dup), std::uint64_t{2});
        QVERIFY(!dup);
        QCOMPARE(publish(f.js(), "p.a", "2 again", &o, nullptr, &dup), std::uint64_t{2});
        QVERIFY(dup);

        // Exact PubAck bytes, as nats-server formats them.
        QCOMPARE(f.request("p.b", "x"), std::string(kRaw12));
        natsMsg* m = nullptr;
        QCOMPARE(natsMsg_Create(&m, "p.b", nullptr, "y", 1), NATS_OK);
        MsgPtr owned(m);
        natsMsgHeader_Set(m, "Nats-Msg-Id", "id-1");
        natsMsg* reply = nullptr;
        QCOMPARE(natsConnection_RequestMsg(&reply, f.nc(), m, 5000), NATS_OK);
        MsgPtr owned_reply(reply);
        QCOMPARE(msgData(reply), std::string(kRaw13));

        // A plain PUB without reply is stored too (the next ack proves it was processed).
        QCOMPARE(natsConnection_PublishString(f.nc(), "p.c", "plain"), NATS_OK);
        QCOMPARE(publish(f.js(), "p.c", "acked"), std::uint64_t{5});
    }

    void publishExpectations() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "E", {"e.*"}), NATS_OK);
        jsPubOptions o;
        jsPubOptions_Init(&o);
        o.MsgId = "m1";
        QCOMPARE(publish(f.js(), "e.a", "1", &o), std::uint64_t{1});
        QCOMPARE(publish(f.js(), "e.b", "2"), std::uint64_t{2});

        jsErrCode err{};
        jsPubOptions_Init(&o);
        o.ExpectStream = "OTHER";
        QCOMPARE(publish(f.js(), "e.a", "x", &o, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10060);
        QCOMPARE(lastError(), QString("expected stream does not match"));

        jsPubOptions_Init(&o);
        o.ExpectLastSeq = 1;
        QCOMPARE(publish(f.js(), "e.a", "x", &o, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10071);
        QCOMPARE(lastError(), QString("wrong last sequence: 2"));
        o.ExpectLastSeq = 2;
        QCOMPARE(publish(f.js(), "e.a", "3", &o, &err), std::uint64_t{3});

        jsPubOptions_Init(&o);
        o.ExpectLastSubjectSeq = 1;  // e.a's last is now 3
        QCOMPARE(publish(f.js(), "e.a", "x", &o, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10071);
        QCOMPARE(lastError(), QString("wrong last sequence: 3"));
        o.ExpectLastSubjectSeq = 3;
        QCOMPARE(publish(f.js(), "e.a", "4", &o, &err), std::uint64_t{4});
        jsPubOptions_Init(&o);
        o.ExpectNoMessage = true;  // Nats-Expected-Last-Subject-Sequence: 0
        QCOMPARE(publish(f.js(), "e.new", "5", &o, &err), std::uint64_t{5});
        QCOMPARE(publish(f.js(), "e.new", "x", &o, &err), std::uint64_t{0});
        QCOMPARE(lastError(), QString("wrong last sequence: 5"));

        jsPubOptions_Init(&o);
        o.ExpectLastMsgId = "nope";  // the last message (5) had no id
        QCOMPARE(publish(f.js(), "e.a", "x", &o, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10070);
        QCOMPARE(lastError(), QString("wrong last msg ID: "));
        jsPubOptions_Init(&o);
        o.MsgId = "m6";
        QCOMPARE(publish(f.js(), "e.a", "6", &o), std::uint64_t{6});
        jsPubOptions_Init(&o);
        o.ExpectLastMsgId = "m6";
        QCOMPARE(publish(f.js(), "e.a", "7", &o, &err), std::uint64_t{7});
    }

    void limitsAndRollups() {
        JsFixture f;
        jsErrCode err{};
        QCOMPARE(addStream(f.js(), "L", {"l.>"}, [](jsStreamConfig& c) {
                     c.MaxMsgSize = 8;
                     c.MaxMsgs = 2;
                     c.Discard = js_DiscardNew;
                 }), NATS_OK);
        QCOMPARE(publish(f.js(), "l.a", "123456789", nullptr, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10054);
        QCOMPARE(lastError(), QString("message size exceeds maximum allowed"));
        QCOMPARE(publish(f.js(), "l.a", "1"), std::uint64_t{1});
        QCOMPARE(publish(f.js(), "l.a", "2"), std::uint64_t{2});
        QCOMPARE(publish(f.js(), "l.a", "3", nullptr, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10077);
        QCOMPARE(lastError(), QString("maximum messages exceeded"));

        QCOMPARE(addStream(f.js(), "R", {"r.>"}, [](jsStreamConfig& c) { c.AllowRollup = true; }),
                 NATS_OK);
        for (int i = 0; i < 3; ++i) QVERIFY(publish(f.js(), "r.a", "a") > 0);
        for (int i = 0; i < 2; ++i) QVERIFY(publish(f.js(), "r.b", "b") > 0);
        natsMsg* m = nullptr;
        natsMsg_Create(&m, "r.a", nullptr, "roll", 4);
        MsgPtr owned(m);
        natsMsgHeader_Set(m, "Nats-Rollup", "sub");
        jsPubAck* ack = nullptr;
        QCOMPARE(js_PublishMsg(&ack, f.js(), m, nullptr, nullptr), NATS_OK);
        PubAckPtr owned_ack(ack);
        QCOMPARE(ack->Sequence, std::uint64_t{6});
        StreamInfoPtr si;
        jsStreamInfo* raw = nullptr;
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "R", nullptr, nullptr), NATS_OK);
        si.reset(raw);
        QCOMPARE(si->State.Msgs, std::uint64_t{3});  // r.b x2 + the rollup
        natsMsgHeader_Set(m, "Nats-Rollup", "all");
        QCOMPARE(js_PublishMsg(nullptr, f.js(), m, nullptr, nullptr), NATS_OK);
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "R", nullptr, nullptr), NATS_OK);
        si.reset(raw);
        QCOMPARE(si->State.Msgs, std::uint64_t{1});
        QCOMPARE(si->State.FirstSeq, std::uint64_t{7});

        // Without allow_rollup_hdrs: 10111 "rollup not permitted".
        natsMsg* n = nullptr;
        natsMsg_Create(&n, "l.a", nullptr, "x", 1);
        MsgPtr owned_n(n);
        natsMsgHeader_Set(n, "Nats-Rollup", "sub");
        QCOMPARE(js_PublishMsg(nullptr, f.js(), n, nullptr, &err), NATS_ERR);
        QCOMPARE(int(err), 10111);
        QCOMPARE(lastError(), QString("rollup not permitted"));
    }

    void updateSealDenyAndDiscard() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "U", {"u.a"}), NATS_OK);
        QCOMPARE(publish(f.js(), "u.a", "1"), std::uint64_t{1});
        jsStreamConfig cfg;
        jsStreamConfig_Init(&cfg);
        cfg.Name = "U";
        const char* subjects[] = {"u.a", "u.b"};
        cfg.Subjects = subjects;
        cfg.SubjectsLen = 2;
        cfg.DenyDelete = true;
        cfg.DenyPurge = true;
        jsStreamInfo* raw = nullptr;
        jsErrCode err{};
        QCOMPARE(js_UpdateStream(&raw, f.js(), &cfg, nullptr, &err), NATS_OK);
        StreamInfoPtr si(raw);
        QCOMPARE(si->Config->SubjectsLen, 2);
        QVERIFY(si->Config->DenyDelete);
        QCOMPARE(publish(f.js(), "u.b", "2"), std::uint64_t{2});

        QCOMPARE(js_DeleteMsg(f.js(), "U", 1, nullptr, &err), NATS_ERR);
        QCOMPARE(int(err), 10057);
        QCOMPARE(lastError(), QString("message delete not permitted"));
        QCOMPARE(js_PurgeStream(f.js(), "U", nullptr, &err), NATS_ERR);
        QCOMPARE(int(err), 10110);
        QCOMPARE(lastError(), QString("stream purge not permitted"));

        cfg.Storage = js_MemoryStorage;
        QCOMPARE(js_UpdateStream(nullptr, f.js(), &cfg, nullptr, &err), NATS_ERR);
        QCOMPARE(int(err), 10052);
        QCOMPARE(lastError(), QString("stream configuration update can not change storage type"));
        cfg.Storage = js_FileStorage;
        cfg.DenyPurge = false;
        QCOMPARE(js_UpdateStream(nullptr, f.js(), &cfg, nullptr, &err), NATS_ERR);
        QCOMPARE(lastError(), QString("stream configuration update can not cancel deny purge"));

        cfg.DenyPurge = true;
        cfg.Sealed = true;
        QCOMPARE(js_UpdateStream(&raw, f.js(), &cfg, nullptr, &err), NATS_OK);
        si.reset(raw);
        QVERIFY(si->Config->Sealed);
        QCOMPARE(si->Config->Discard, js_DiscardNew);
        QCOMPARE(publish(f.js(), "u.a", "x", nullptr, &err), std::uint64_t{0});
        QCOMPARE(int(err), 10109);
        QCOMPARE(lastError(), QString("invalid operation on sealed stream"));

        jsStreamConfig missing;
        jsStreamConfig_Init(&missing);
        missing.Name = "NOPE";
        QCOMPARE(js_UpdateStream(nullptr, f.js(), &missing, nullptr, &err), NATS_NOT_FOUND);
        QCOMPARE(int(err), 10059);
    }

    void infoPurgeAndMessages() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "M", {"m.>"}), NATS_OK);
        const char* subjects[] = {"m.a", "m.b", "m.a", "m.c.x", "m.a", "m.b"};
        for (const char* s : subjects) QVERIFY(publish(f.js(), s, std::string("d-") + s) > 0);

        natsMsg* got = nullptr;
        QCOMPARE(js_GetMsg(&got, f.js(), "M", 2, nullptr, nullptr), NATS_OK);
        MsgPtr g1(got);
        QCOMPARE(std::string(natsMsg_GetSubject(got)), std::string("m.b"));
        QCOMPARE(msgData(got), std::string("d-m.b"));
        QCOMPARE(js_GetLastMsg(&got, f.js(), "M", "m.c.*", nullptr, nullptr), NATS_OK);  // wildcard
        MsgPtr g2(got);
        QCOMPARE(std::string(natsMsg_GetSubject(got)), std::string("m.c.x"));
        auto next = f.requestJson("$JS.API.STREAM.MSG.GET.M", std::string(kRaw14));
        QCOMPARE(num(next, "/message/seq"), std::int64_t{3});
        QCOMPARE(str(next, "/message/data"), std::string("ZC1tLmE="));  // base64("d-m.a")
        jsErrCode err{};
        QCOMPARE(js_GetMsg(&got, f.js(), "M", 99, nullptr, &err), NATS_NOT_FOUND);
        QCOMPARE(f.request("$JS.API.STREAM.MSG.GET.M", std::string(kRaw15)),
                 std::string(kRaw16));

        QCOMPARE(js_DeleteMsg(f.js(), "M", 2, nullptr, &err), NATS_OK);
        QCOMPARE(js_EraseMsg(f.js(), "M", 4, nullptr, &err), NATS_OK);
        QCOMPARE(js_DeleteMsg(f.js(), "M", 2, nullptr, &err), NATS_ERR);
        QCOMPARE(int(err), 10043);
        QCOMPARE(lastError(), QString("sequence 2 not found"));

        jsOptions o;
        jsOptions_Init(&o);
        o.Stream.Info.DeletedDetails = true;
        o.Stream.Info.SubjectsFilter = "m.>";
        jsStreamInfo* raw = nullptr;
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "M", &o, nullptr), NATS_OK);
        StreamInfoPtr si(raw);
        QCOMPARE(si->State.Msgs, std::uint64_t{4});
        QCOMPARE(si->State.NumDeleted, std::uint64_t{2});
        QCOMPARE(si->State.DeletedLen, 2);
        QCOMPARE(si->State.Deleted[0], std::uint64_t{2});
        QCOMPARE(si->State.Deleted[1], std::uint64_t{4});
        QVERIFY(si->State.Subjects != nullptr);
        QCOMPARE(si->State.Subjects->Count, 2);  // m.a x3, m.b x1
        auto paged = f.requestJson("$JS.API.STREAM.INFO.M", std::string(kRaw17));
        QCOMPARE(num(paged, "/total"), std::int64_t{2});
        QCOMPARE(num(paged, "/offset"), std::int64_t{1});
        QCOMPARE(num(paged, "/limit"), std::int64_t{100000});
        QCOMPARE(num(paged, "/state/subjects/m.b"), std::int64_t{1});
        QVERIFY(at(paged, "/state/subjects/m.a") == nullptr);

        auto purged = f.requestJson("$JS.API.STREAM.PURGE.M", std::string(kRaw18));
        QCOMPARE(num(purged, "/purged"), std::int64_t{2});
        QVERIFY(purged.at("success").as_bool());
        QCOMPARE(num(f.requestJson("$JS.API.STREAM.PURGE.M", std::string(kRaw19)),
                     "/error/err_code"), std::int64_t{10003});
        QCOMPARE(num(f.requestJson("$JS.API.STREAM.PURGE.M", std::string(kRaw20)), "/purged"),
                 std::int64_t{1});  // m.a@5 (m.b@2 deleted, m.c.x@4 erased)
        QCOMPARE(js_PurgeStream(f.js(), "M", nullptr, nullptr), NATS_OK);
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "M", nullptr, nullptr), NATS_OK);
        si.reset(raw);
        QCOMPARE(si->State.Msgs, std::uint64_t{0});
        QCOMPARE(si->State.FirstSeq, std::uint64_t{7});
        QCOMPARE(si->State.LastSeq, std::uint64_t{6});
    }

    void namesListAndDelete() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "B", {"b.>"}), NATS_OK);
        QCOMPARE(addStream(f.js(), "A", {"a.*"}), NATS_OK);
        QCOMPARE(addStream(f.js(), "C", {"c"}, [](jsStreamConfig& c) { c.Storage = js_MemoryStorage; }),
                 NATS_OK);
        jsStreamNamesList* names = nullptr;
        QCOMPARE(js_StreamNames(&names, f.js(), nullptr, nullptr), NATS_OK);
        std::unique_ptr<jsStreamNamesList, JsDeleter> owned_names(names);
        QCOMPARE(names->Count, 3);
        QStringList got;  // libnats does not keep the server's (sorted) order
        for (int i = 0; i < names->Count; ++i) got << QString(names->List[i]);
        got.sort();
        QCOMPARE(got, QStringList({"A", "B", "C"}));
        jsStreamInfoList* list = nullptr;
        QCOMPARE(js_Streams(&list, f.js(), nullptr, nullptr), NATS_OK);
        std::unique_ptr<jsStreamInfoList, JsDeleter> owned_list(list);
        QCOMPARE(list->Count, 3);
        int memory = 0;
        for (int i = 0; i < list->Count; ++i) memory += list->List[i]->Config->Storage == js_MemoryStorage;
        QCOMPARE(memory, 1);

        QCOMPARE(f.request("$JS.API.STREAM.NAMES", std::string(kRaw21)),
                 std::string(kRaw22));
        QCOMPARE(f.request("$JS.API.STREAM.NAMES", std::string(kRaw23)),
                 std::string(kRaw24));
        auto paged = f.requestJson("$JS.API.STREAM.LIST", std::string(kRaw25));
        QCOMPARE(num(paged, "/total"), std::int64_t{3});
        QCOMPARE(num(paged, "/limit"), std::int64_t{256});
        QCOMPARE(str(paged, "/streams/0/config/name"), std::string("B"));

        jsErrCode err{};
        QCOMPARE(js_DeleteStream(f.js(), "B", nullptr, &err), NATS_OK);
        QCOMPARE(js_DeleteStream(f.js(), "B", nullptr, &err), NATS_NOT_FOUND);  // libnats: 10059
        QCOMPARE(int(err), 10059);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(f.storeDir() + "/jetstream/$G/streams/B")));
        // Its subjects are free again, and nothing captures b.* any more.
        natsMsg* none = nullptr;
        QCOMPARE(natsConnection_RequestString(&none, f.nc(), "b.x", "x", 1000), NATS_NO_RESPONDERS);
        QCOMPARE(addStream(f.js(), "B2", {"b.x"}), NATS_OK);
    }

    void directGet() {
        JsFixture f;
        QCOMPARE(addStream(f.js(), "KV_b", {"$KV.b.>"}, [](jsStreamConfig& c) {
                     c.AllowDirect = true;
                     c.MaxMsgsPerSubject = 5;
                 }), NATS_OK);
        QCOMPARE(publish(f.js(), "$KV.b.k1", "v1"), std::uint64_t{1});
        QCOMPARE(publish(f.js(), "$KV.b.k2", "v2"), std::uint64_t{2});
        QCOMPARE(publish(f.js(), "$KV.b.k1", "v3"), std::uint64_t{3});

        jsDirectGetMsgOptions o;
        jsDirectGetMsgOptions_Init(&o);
        o.Sequence = 2;
        natsMsg* m = nullptr;
        QCOMPARE(js_DirectGetMsg(&m, f.js(), "KV_b", nullptr, &o), NATS_OK);
        MsgPtr m1(m);
        QCOMPARE(msgData(m), std::string("v2"));
        QCOMPARE(header(m, "Nats-Stream"), std::string("KV_b"));
        QCOMPARE(header(m, "Nats-Subject"), std::string("$KV.b.k2"));
        QCOMPARE(header(m, "Nats-Sequence"), std::string("2"));
        QVERIFY(header(m, "Nats-Time-Stamp").ends_with("Z"));

        jsDirectGetMsgOptions_Init(&o);
        o.LastBySubject = "$KV.b.k1";
        QCOMPARE(js_DirectGetMsg(&m, f.js(), "KV_b", nullptr, &o), NATS_OK);
        MsgPtr m2(m);
        QCOMPARE(msgData(m), std::string("v3"));
        jsDirectGetMsgOptions_Init(&o);
        o.NextBySubject = "$KV.b.k1";
        o.Sequence = 2;
        QCOMPARE(js_DirectGetMsg(&m, f.js(), "KV_b", nullptr, &o), NATS_OK);
        MsgPtr m3(m);
        QCOMPARE(header(m, "Nats-Sequence"), std::string("3"));
        jsDirectGetMsgOptions_Init(&o);
        o.Sequence = 42;
        QCOMPARE(js_DirectGetMsg(&m, f.js(), "KV_b", nullptr, &o), NATS_NOT_FOUND);

        // The subject form (KV get) and the raw 404 status.
        natsMsg* reply = nullptr;
        QCOMPARE(natsConnection_RequestString(&reply, f.nc(), "$JS.API.DIRECT.GET.KV_b.$KV.b.k1", "", 5000),
                 NATS_OK);
        MsgPtr r1(reply);
        QCOMPARE(msgData(reply), std::string("v3"));
        QCOMPARE(header(reply, "Nats-Sequence"), std::string("3"));
        QCOMPARE(natsConnection_RequestString(&reply, f.nc(), "$JS.API.DIRECT.GET.KV_b.$KV.b.none", "", 5000),
                 NATS_OK);
        MsgPtr r2(reply);
        QCOMPARE(header(reply, "Status"), std::string("404"));
        QCOMPARE(header(reply, "Description"), std::string("Message Not Found"));
    }

    void domainPrefixAndPubAckDomain() {
        JsFixture f("ABC");
        QCOMPARE(addStream(f.js(), "D", {"d"}), NATS_OK);  // over $JS.ABC.API
        jsPubAck* ack = nullptr;
        QCOMPARE(js_Publish(&ack, f.js(), "d", "x", 1, nullptr, nullptr), NATS_OK);
        PubAckPtr owned(ack);
        QCOMPARE(std::string(ack->Domain), std::string("ABC"));
        QCOMPARE(f.request("d", "y"), std::string(kRaw26));
        QCOMPARE(str(f.requestJson("$JS.API.INFO"), "/domain"), std::string("ABC"));
    }

    void restartRecoversEveryAckedMessage() {
        QTemporaryDir dir;
        constexpr int kMessages = 500;
        {
            JsFixture f({}, dir.path());
            QCOMPARE(addStream(f.js(), "DUR", {"dur.>"}, [](jsStreamConfig& c) { c.MaxMsgsPerSubject = 1000; }),
                     NATS_OK);
            QCOMPARE(addStream(f.js(), "MEM", {"mem"}, [](jsStreamConfig& c) { c.Storage = js_MemoryStorage; }),
                     NATS_OK);
            QCOMPARE(publish(f.js(), "mem", "gone after restart"), std::uint64_t{1});
            jsPubOptions o;
            for (int i = 0; i < kMessages; ++i) {
                jsPubOptions_Init(&o);
                const std::string id = "id-" + std::to_string(i);
                o.MsgId = id.c_str();
                const std::string data = "msg-" + std::to_string(i);
                QCOMPARE(js_PublishAsync(f.js(), i % 2 ? "dur.odd" : "dur.even", data.data(),
                                         static_cast<int>(data.size()), &o), NATS_OK);
            }
            jsPubOptions done;
            jsPubOptions_Init(&done);
            done.MaxWait = 10000;
            QCOMPARE(js_PublishAsyncComplete(f.js(), &done), NATS_OK);
            natsMsgList pending{};
            QCOMPARE(js_PublishAsyncGetPendingList(&pending, f.js()), NATS_NOT_FOUND);
        }
        JsFixture f({}, dir.path());
        jsStreamInfo* raw = nullptr;
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "DUR", nullptr, nullptr), NATS_OK);
        StreamInfoPtr si(raw);
        QCOMPARE(si->State.Msgs, std::uint64_t{kMessages});
        QCOMPARE(si->State.LastSeq, std::uint64_t{kMessages});
        QCOMPARE(si->Config->MaxMsgsPerSubject, std::int64_t{1000});
        natsMsg* got = nullptr;
        QCOMPARE(js_GetMsg(&got, f.js(), "DUR", kMessages, nullptr, nullptr), NATS_OK);
        MsgPtr owned(got);
        QCOMPARE(msgData(got), std::string("msg-") + std::to_string(kMessages - 1));
        // The dedup window survives the restart.
        jsPubOptions o;
        jsPubOptions_Init(&o);
        o.MsgId = "id-7";
        bool dup = false;
        QCOMPARE(publish(f.js(), "dur.odd", "again", &o, nullptr, &dup), std::uint64_t{8});
        QVERIFY(dup);
        jsErrCode err{};
        QCOMPARE(js_GetStreamInfo(&raw, f.js(), "MEM", nullptr, &err), NATS_NOT_FOUND);
        QCOMPARE(int(err), 10059);
        QCOMPARE(publish(f.js(), "dur.even", "next"), std::uint64_t{kMessages + 1});
    }

    void systemAccountIsNotEnabled() {
        JsFixture f;
        QVERIFY(f.server().systemAccount() != nullptr);
        QVERIFY(!f.service().enabled(*f.server().systemAccount()));
        QVERIFY(f.service().enabled(f.server().globalAccount()));
    }
};

QTEST_APPLESS_MAIN(TstJetStreamStreams)
#include "tst_jetstream_streams.moc"
