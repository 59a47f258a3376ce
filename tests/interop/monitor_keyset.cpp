// Monitoring JSON shape against Debian's nats-server: the same traffic on both servers, then for
// every endpoint (and query variants) our JSON must have every key nats-server's has, with the
// same JSON type, recursively. Keys only we have are listed, not failed.
#include "tests/integration/integration_test.h"
#include "tests/interop/json_shape.h"
#include "tests/interop/monitor_http.h"

#include <QtTest/QtTest>

#include <cstdlib>
#include <map>
#include <thread>

using namespace nwb::test;

namespace {

constexpr char kConfig[] = "no_system_account: true\n";

struct Running {
    std::unique_ptr<ServerProcess> server;
    int monitor_port = 0;
    std::vector<nwb::test::ConnectionPtr> connections;
    std::vector<nwb::test::SubscriptionPtr> subscriptions;
};

/// Starts `binary` with monitoring and makes the reference traffic: a publisher, a subscriber
/// with a plain, a queue and an auto-unsubscribe subscription, and a connection that closes.
std::expected<Running, std::string> startWithTraffic(const std::string& binary) {
    ::setenv(std::string(ServerProcess::kBinaryEnv).c_str(), binary.c_str(), 1);
    ServerOptions options = ServerOptions::withConfig(kConfig);
    options.extra_args = {"-m", "-1"};
    auto started = ServerProcess::start(options);
    if (!started) return std::unexpected(started.error());
    Running r;
    r.server = std::move(*started);
    r.monitor_port = monitorPort(*r.server);
    if (r.monitor_port == 0) return std::unexpected("no monitor port: " + r.server->output());
    const auto connectNamed = [&](const char* name) -> natsConnection* {
        auto nc =
            connect(r.server->url(), [name](natsOptions* o) { natsOptions_SetName(o, name); });
        if (!nc) return nullptr;
        r.connections.push_back(std::move(*nc));
        return r.connections.back().get();
    };
    natsConnection* sub = connectNamed("subscriber");
    natsConnection* pub = connectNamed("publisher");
    if (sub == nullptr || pub == nullptr) return std::unexpected(std::string("connect failed"));
    for (const auto& [subject, queue] : std::vector<std::pair<const char*, const char*>>{
             {"foo", ""}, {"bar.*", "q"}, {"baz.>", ""}}) {
        auto s = subscribeSync(sub, subject, queue);
        if (!s) return std::unexpected(std::string("subscribe failed"));
        r.subscriptions.push_back(std::move(*s));
    }
    natsSubscription_AutoUnsubscribe(r.subscriptions.back().get(), 100);
    barrier({sub});
    for (int i = 0; i < 5; ++i) natsConnection_PublishString(pub, "foo", "hello");
    natsConnection_PublishString(pub, "bar.x", "world");
    barrier({pub, sub});
    {
        auto gone =
            connect(r.server->url(), [](natsOptions* o) { natsOptions_SetName(o, "gone"); });
        if (!gone) return std::unexpected(std::string("connect failed"));
        auto s = subscribeSync(gone->get(), "gone.sub");
        natsConnection_PublishString(gone->get(), "foo", "bye");
        barrier({gone->get()});
    }
    // Wait for the closed connection to be recorded.
    for (int i = 0; i < 500; ++i) {
        const auto reply = httpGet(r.monitor_port, "/connz?state=closed");
        if (reply && num(at(parseJson(reply->body), "num_connections")) == 1) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return r;
}

}  // namespace

class TestMonitorKeyset : public QObject {
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

void TestMonitorKeyset::initTestCase() {
    const char* ref = std::getenv("NWB_REF_SERVER");
    const char* ours = std::getenv("NWB_TEST_SERVER");
    if (ref == nullptr || ours == nullptr) QSKIP("NWB_REF_SERVER and NWB_TEST_SERVER are needed");
    const std::string ours_binary = ours;
    auto r = startWithTraffic(ref);
    QVERIFY2(r.has_value(), describe(r).c_str());
    ref_ = std::move(*r);
    auto o = startWithTraffic(ours_binary);
    QVERIFY2(o.has_value(), describe(o).c_str());
    ours_ = std::move(*o);
}

void TestMonitorKeyset::cleanupTestCase() {
    ref_ = {};
    ours_ = {};
    nats_Close();
}

void TestMonitorKeyset::sameKeys_data() {
    QTest::addColumn<QString>("target");
    for (const char* target : {"/varz",
                               "/connz",
                               "/connz?subs=1",
                               "/connz?subs=detail",
                               "/connz?auth=1&subs=1",
                               "/connz?state=closed&subs=detail",
                               "/connz?state=any&subs=1&sort=msgs_to",
                               "/connz?limit=1&offset=1",
                               "/connz?acc=NOPE",
                               "/connz?acc=%24G",
                               "/routez",
                               "/routez?subs=detail",
                               "/gatewayz",
                               "/gatewayz?accs=1",
                               "/leafz",
                               "/leafz?subs=1",
                               "/subsz",
                               "/subsz?subs=1",
                               "/subsz?subs=1&test=foo",
                               "/subsz?subs=1&acc=%24G",
                               "/subsz?acc=NOPE&subs=1",
                               "/subscriptionsz?subs=1",
                               "/accountz",
                               "/accountz?acc=$G",
                               "/accstatz",
                               "/accstatz?unused=1",
                               "/jsz",
                               "/jsz?accounts=1&config=1",
                               "/healthz",
                               "/healthz?js-enabled-only=1",
                               "/healthz?js-server-only=1"}) {
        QTest::newRow(target) << target;
    }
}

void TestMonitorKeyset::sameKeys() {
    QFETCH(QString, target);
    const std::string t = target.toStdString();
    const auto ref = httpGet(ref_.monitor_port, t);
    const auto ours = httpGet(ours_.monitor_port, t);
    QVERIFY2(ref.has_value(), describe(ref).c_str());
    QVERIFY2(ours.has_value(), describe(ours).c_str());
    QCOMPARE(ours->status, ref->status);
    QCOMPARE(ours->content_type, ref->content_type);
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
}

QTEST_APPLESS_MAIN(TestMonitorKeyset)
#include "monitor_keyset.moc"
