// $SYS reply and event shapes against Debian's nats-server: the same accounts and traffic on both
// servers, then every system request's reply (and the advisories and STATSZ) must have every key
// of nats-server's with the same JSON type, recursively. Keys only we have are listed, not failed.
#include "tests/integration/integration_test.h"
#include "tests/interop/json_shape.h"
#include "tests/interop/monitor_http.h"

#include <QtTest/QtTest>

#include <cstdlib>

using namespace nwb::test;

namespace {

constexpr char kConfig[] = R"(
accounts {
  SYS { users: [{user: sys, password: sys}] }
  A { users: [{user: a, password: a}] }
}
system_account: SYS
)";

struct Running {
    std::unique_ptr<ServerProcess> server;
    std::string id;
    std::vector<ConnectionPtr> connections;
    std::vector<SubscriptionPtr> subscriptions;
    natsConnection* sys = nullptr;
};

/// Starts `binary`, connects a system user and two account-A clients with subscriptions, makes
/// traffic, and closes one more A client (so closed connections exist).
std::expected<Running, std::string> startWithTraffic(const std::string& binary) {
    ::setenv(std::string(ServerProcess::kBinaryEnv).c_str(), binary.c_str(), 1);
    auto started = ServerProcess::start(ServerOptions::withConfig(kConfig));
    if (!started) return std::unexpected(started.error());
    Running r;
    r.server = std::move(*started);
    const auto login = [&](const char* user, const char* name) -> natsConnection* {
        auto nc = connect(r.server->url(), [user, name](natsOptions* o) {
            natsOptions_SetUserInfo(o, user, user);
            natsOptions_SetName(o, name);
        });
        if (!nc) return nullptr;
        r.connections.push_back(std::move(*nc));
        return r.connections.back().get();
    };
    r.sys = login("sys", "sys-client");
    natsConnection* sub = login("a", "subscriber");
    natsConnection* pub = login("a", "publisher");
    if (r.sys == nullptr || sub == nullptr || pub == nullptr) {
        return std::unexpected("connect failed: " + r.server->output());
    }
    for (const auto& [subject, queue] : std::vector<std::pair<const char*, const char*>>{
             {"foo", ""}, {"bar.*", "q"}, {"baz.>", ""}}) {
        auto s = subscribeSync(sub, subject, queue);
        if (!s) return std::unexpected(std::string("subscribe failed"));
        r.subscriptions.push_back(std::move(*s));
    }
    barrier({sub});
    for (int i = 0; i < 5; ++i) natsConnection_PublishString(pub, "foo", "hello");
    natsConnection_PublishString(pub, "bar.x", "world");
    barrier({pub, sub});
    char id[128] = {};
    natsConnection_GetConnectedServerId(r.sys, id, sizeof id);
    r.id = id;
    return r;
}

/// The parsed reply, or an error text.
std::expected<boost::json::value, std::string> ask(natsConnection* nc, const std::string& subject,
                                                   const std::string& payload) {
    natsMsg* raw = nullptr;
    const natsStatus s = natsConnection_Request(&raw, nc, subject.c_str(), payload.data(),
                                                static_cast<int>(payload.size()), kWaitMs);
    if (s != NATS_OK) return std::unexpected(subject + ": " + natsStatus_GetText(s));
    MsgPtr msg(raw);
    boost::json::value v = parseJson(msgData(msg.get()));
    if (v.is_null()) return std::unexpected(subject + ": not JSON: " + msgData(msg.get()));
    return v;
}

}  // namespace

class TestSysKeyset : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameKeys_data();
    void sameKeys();
    void sameEventKeys();

private:
    Running ref_;
    Running ours_;
};

void TestSysKeyset::initTestCase() {
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

void TestSysKeyset::cleanupTestCase() {
    ref_ = {};
    ours_ = {};
    nats_Close();
}

void TestSysKeyset::sameKeys_data() {
    QTest::addColumn<QString>("subject");  // "<id>" stands for the server's id
    QTest::addColumn<QString>("payload");
    const std::pair<const char*, const char*> cases[] = {
        {"$SYS.REQ.SERVER.PING", ""},
        {"$SYS.REQ.SERVER.PING.STATSZ", ""},
        {"$SYS.REQ.SERVER.PING.VARZ", ""},
        {"$SYS.REQ.SERVER.<id>.VARZ", ""},
        {"$SYS.REQ.SERVER.PING.CONNZ", ""},
        {"$SYS.REQ.SERVER.PING.CONNZ", R"({"auth":true,"subscriptions":true})"},
        {"$SYS.REQ.SERVER.PING.CONNZ", R"({"subscriptions_detail":true,"state":2})"},
        {"$SYS.REQ.SERVER.PING.CONNZ", R"({"acc":"A","auth":true})"},
        {"$SYS.REQ.SERVER.PING.CONNZ", R"({"auth":"yes"})"},
        {"$SYS.REQ.SERVER.PING.CONNZ", R"({"sort":"bogus"})"},
        {"$SYS.REQ.SERVER.PING.SUBSZ", ""},
        {"$SYS.REQ.SERVER.PING.SUBSZ", R"({"subscriptions":true,"test":"foo"})"},
        {"$SYS.REQ.SERVER.PING.SUBSZ", R"({"subscriptions":true,"account":"A"})"},
        {"$SYS.REQ.SERVER.PING.ROUTEZ", ""},
        {"$SYS.REQ.SERVER.PING.GATEWAYZ", ""},
        {"$SYS.REQ.SERVER.PING.LEAFZ", ""},
        {"$SYS.REQ.SERVER.PING.ACCOUNTZ", ""},
        {"$SYS.REQ.SERVER.PING.ACCOUNTZ", R"({"account":"A"})"},
        {"$SYS.REQ.SERVER.PING.ACCOUNTZ", R"({"account":"SYS"})"},
        {"$SYS.REQ.SERVER.PING.JSZ", ""},
        {"$SYS.REQ.SERVER.PING.HEALTHZ", ""},
        {"$SYS.REQ.ACCOUNT.A.CONNZ", ""},
        {"$SYS.REQ.ACCOUNT.A.CONNZ", R"({"filter_subject":"foo"})"},
        {"$SYS.REQ.ACCOUNT.$G.CONNZ", ""},
        {"$SYS.REQ.ACCOUNT.A.SUBSZ", ""},
        {"$SYS.REQ.ACCOUNT.A.INFO", ""},
        {"$SYS.REQ.ACCOUNT.SYS.INFO", ""},
        {"$SYS.REQ.ACCOUNT.NOPE.INFO", ""},
        {"$SYS.REQ.ACCOUNT.A.STATZ", ""},
        {"$SYS.REQ.ACCOUNT.PING.STATZ", ""},
        {"$SYS.REQ.ACCOUNT.A.LEAFZ", ""},
        {"$SYS.REQ.ACCOUNT.A.JSZ", ""},
        {"$SYS.REQ.ACCOUNT.A.CONNS", ""},
    };
    for (const auto& [subject, payload] : cases) {
        QTest::newRow((std::string(subject) + " " + payload).c_str()) << subject << payload;
    }
}

void TestSysKeyset::sameKeys() {
    QFETCH(QString, subject);
    QFETCH(QString, payload);
    const auto subjectFor = [&](const Running& r) {
        std::string s = subject.toStdString();
        if (const auto at = s.find("<id>"); at != std::string::npos) s.replace(at, 4, r.id);
        return s;
    };
    const std::string p = payload.toStdString();
    const auto ref = ask(ref_.sys, subjectFor(ref_), p);
    const auto ours = ask(ours_.sys, subjectFor(ours_), p);
    QVERIFY2(ref.has_value(), describe(ref).c_str());
    QVERIFY2(ours.has_value(), describe(ours).c_str());
    Shape ref_shape;
    ref_shape.merge(*ref);
    Shape our_shape;
    our_shape.merge(*ours);
    std::vector<std::string> errors;
    std::vector<std::string> extra;
    diff(ref_shape, our_shape, "", errors, extra);
    const std::string name = subject.toStdString() + " " + p;
    for (const auto& e : extra) qInfo("%s: extra key %s", name.c_str(), e.c_str());
    std::string all;
    for (const auto& e : errors) all += "\n  " + e;
    QVERIFY2(errors.empty(), (name + ":" + all + "\n--- nats-server ---\n" +
                              boost::json::serialize(*ref) + "\n--- nwb-server ---\n" +
                              boost::json::serialize(*ours))
                                 .c_str());
}

namespace {

/// The events of one short-lived account-A client and a STATSZ broadcast, as parsed messages:
/// client_connect, client_disconnect, account_connections, statsz.
std::expected<std::vector<boost::json::value>, std::string> events(Running& r) {
    auto advisories = subscribeSync(r.sys, "$SYS.ACCOUNT.A.>");
    auto statsz = subscribeSync(r.sys, "$SYS.SERVER." + r.id + ".STATSZ");
    if (!advisories || !statsz) return std::unexpected(std::string("subscribe failed"));
    barrier({r.sys});
    {
        auto nc = connect(r.server->url(), [](natsOptions* o) {
            natsOptions_SetUserInfo(o, "a", "a");
            natsOptions_SetName(o, "short-lived");
        });
        if (!nc) return std::unexpected(std::string("connect failed"));
        natsConnection_PublishString(nc->get(), "foo", "x");
        barrier({nc->get()});
    }
    // CONNECT and DISCONNECT, and the account's connection count after each (SERVER.CONNS),
    // in whatever order; then one STATSZ.
    std::vector<boost::json::value> out(3);
    for (int i = 0; i < 4; ++i) {
        auto msg = nextMsg(advisories->get(), kWaitMs);
        if (!msg) return std::unexpected("no event: " + describe(msg));
        const boost::json::value v = parseJson(msgData(msg->get()));
        const std::string type = str(at(v, "type"));
        if (type.ends_with("client_connect")) out[0] = v;
        if (type.ends_with("client_disconnect")) out[1] = v;
        if (type.ends_with("account_connections")) out[2] = v;
    }
    auto msg = nextMsg(statsz->get(), 10'000);
    if (!msg) return std::unexpected("no STATSZ: " + describe(msg));
    out.push_back(parseJson(msgData(msg->get())));
    return out;
}

}  // namespace

void TestSysKeyset::sameEventKeys() {
    const auto ref = events(ref_);
    QVERIFY2(ref.has_value(), describe(ref).c_str());
    const auto ours = events(ours_);
    QVERIFY2(ours.has_value(), describe(ours).c_str());
    const char* names[] = {"CONNECT", "DISCONNECT", "SERVER.CONNS", "STATSZ"};
    for (std::size_t i = 0; i < 4; ++i) {
        Shape ref_shape;
        ref_shape.merge((*ref)[i]);
        Shape our_shape;
        our_shape.merge((*ours)[i]);
        std::vector<std::string> errors;
        std::vector<std::string> extra;
        diff(ref_shape, our_shape, "", errors, extra);
        for (const auto& e : extra) qInfo("%s: extra key %s", names[i], e.c_str());
        std::string all;
        for (const auto& e : errors) all += "\n  " + e;
        QVERIFY2(errors.empty(), (std::string(names[i]) + ":" + all + "\n--- nats-server ---\n" +
                                  boost::json::serialize((*ref)[i]) + "\n--- nwb-server ---\n" +
                                  boost::json::serialize((*ours)[i]))
                                     .c_str());
    }
}

QTEST_APPLESS_MAIN(TestSysKeyset)
#include "sys_keyset.moc"
