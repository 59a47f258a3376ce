// JetStream monitoring JSON shape against Debian's nats-server run with -js: the same stream,
// messages and durable consumer on both, then /varz, /jsz (and its query variants) must have
// every key nats-server's have, with the same JSON types. Keys only we have are listed.
#include "tests/integration/integration_test.h"
#include "tests/interop/json_shape.h"
#include "tests/interop/monitor_http.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cstdlib>
#include <memory>

using namespace nwb::test;

namespace {

struct Running {
    std::unique_ptr<QTemporaryDir> store;
    std::unique_ptr<ServerProcess> server;
    int monitor_port = 0;
};

std::string publishAndReply(natsConnection* nc, const std::string& subject,
                            const std::string& body) {
    natsMsg* reply = nullptr;
    if (natsConnection_Request(&reply, nc, subject.c_str(), body.data(),
                               static_cast<int>(body.size()), kWaitMs) != NATS_OK) {
        return {};
    }
    std::string out(natsMsg_GetData(reply), static_cast<std::size_t>(natsMsg_GetDataLength(reply)));
    natsMsg_Destroy(reply);
    return out;
}

/// Starts `binary` with -js, a store of its own and monitoring, then makes a file stream with
/// max_bytes (a reservation), three messages and a durable pull consumer with one ack pending.
std::expected<Running, std::string> startWithStream(const std::string& binary) {
    ::setenv(std::string(ServerProcess::kBinaryEnv).c_str(), binary.c_str(), 1);
    Running r;
    r.store = std::make_unique<QTemporaryDir>();
    if (!r.store->isValid()) return std::unexpected(std::string("no temporary directory"));
    ServerOptions options;
    options.extra_args = {"-m", "-1", "-js", "-sd", r.store->path().toStdString()};
    auto started = ServerProcess::start(options);
    if (!started) return std::unexpected(started.error());
    r.server = std::move(*started);
    r.monitor_port = monitorPort(*r.server);
    if (r.monitor_port == 0) return std::unexpected("no monitor port: " + r.server->output());
    auto nc = connect(r.server->url());
    if (!nc) return std::unexpected(std::string("connect failed"));
    const std::string created = publishAndReply(
        nc->get(), "$JS.API.STREAM.CREATE.S",
        R"({"name":"S","subjects":["s.>"],"storage":"file","max_bytes":100000})");
    if (created.find("\"error\"") != std::string::npos || created.empty()) {
        return std::unexpected("stream create: " + created);
    }
    for (const char* subject : {"s.a", "s.b", "s.a"}) {
        if (publishAndReply(nc->get(), subject, "hello").empty()) {
            return std::unexpected(std::string("no PubAck"));
        }
    }
    const std::string consumer = publishAndReply(
        nc->get(), "$JS.API.CONSUMER.DURABLE.CREATE.S.C",
        R"({"stream_name":"S","config":{"durable_name":"C","ack_policy":"explicit"}})");
    if (consumer.find("\"error\"") != std::string::npos || consumer.empty()) {
        return std::unexpected("consumer create: " + consumer);
    }
    if (publishAndReply(nc->get(), "$JS.API.CONSUMER.MSG.NEXT.S.C", "1").empty()) {
        return std::unexpected(std::string("no message from the consumer"));
    }
    return r;
}

}  // namespace

class TestJetStreamKeyset : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameKeys_data();
    void sameKeys();

private:
    Running ref_;
    Running ours_;
};

void TestJetStreamKeyset::initTestCase() {
    const char* ref = std::getenv("NWB_REF_SERVER");
    const char* ours = std::getenv("NWB_TEST_SERVER");
    if (ref == nullptr || ours == nullptr) QSKIP("NWB_REF_SERVER and NWB_TEST_SERVER are needed");
    const std::string ours_binary = ours;
    auto r = startWithStream(ref);
    QVERIFY2(r.has_value(), describe(r).c_str());
    ref_ = std::move(*r);
    auto o = startWithStream(ours_binary);
    QVERIFY2(o.has_value(), describe(o).c_str());
    ours_ = std::move(*o);
}

void TestJetStreamKeyset::cleanupTestCase() {
    ref_ = {};
    ours_ = {};
    nats_Close();
}

void TestJetStreamKeyset::sameKeys_data() {
    QTest::addColumn<QString>("target");
    for (const char* target : {"/varz", "/jsz", "/jsz?accounts=1", "/jsz?streams=1",
                               "/jsz?consumers=1", "/jsz?consumers=1&config=1", "/jsz?acc=$G",
                               "/jsz?accounts=1&offset=1", "/jsz?leader-only=1",
                               "/accountz?acc=$G", "/healthz", "/healthz?js-enabled-only=1"}) {
        QTest::newRow(target) << target;
    }
}

void TestJetStreamKeyset::sameKeys() {
    QFETCH(QString, target);
    const std::string t = target.toStdString();
    const auto ref = httpGet(ref_.monitor_port, t);
    const auto ours = httpGet(ours_.monitor_port, t);
    QVERIFY2(ref.has_value(), describe(ref).c_str());
    QVERIFY2(ours.has_value(), describe(ours).c_str());
    QCOMPARE(ours->status, ref->status);
    const auto ref_json = parseJson(ref->body);
    const auto our_json = parseJson(ours->body);
    QVERIFY2(!ref_json.is_null(), ref->body.c_str());
    QVERIFY2(!our_json.is_null(), ours->body.c_str());
    Shape ref_shape;
    ref_shape.merge(ref_json);
    Shape our_shape;
    our_shape.merge(our_json);
    std::vector<std::string> errors;
    std::vector<std::string> extra;
    diff(ref_shape, our_shape, "", errors, extra);
    for (const auto& e : extra) qInfo("%s: extra key %s", t.c_str(), e.c_str());
    std::string all;
    for (const auto& e : errors) all += "\n  " + e;
    QVERIFY2(errors.empty(), (t + ":" + all + "\n--- nats-server ---\n" + ref->body +
                              "\n--- nwb-server ---\n" + ours->body)
                                 .c_str());
    // The figures that do not depend on timing or the machine are equal too.
    if (t.starts_with("/jsz")) {
        for (const char* key : {"streams", "consumers", "messages", "accounts", "memory",
                                "reserved_memory", "reserved_storage", "ha_assets"}) {
            if (ref_json.as_object().contains(key)) {
                QCOMPARE(num(at(our_json, key)), num(at(ref_json, key)));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestJetStreamKeyset)
#include "jetstream_keyset.moc"
