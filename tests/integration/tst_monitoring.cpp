// HTTP monitoring: /varz, /connz, /subsz and the other endpoints queried while libnats clients
// make known traffic; exact counts, sort orders, paging, closed connections, nats-server's 400
// texts, the base path and the ports file. Runs against nats-server and nwb-server alike.
#include "tests/integration/integration_test.h"
#include "tests/interop/monitor_http.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

using namespace nwb::test;

namespace {

// The same configuration for both servers: nats-server's default system account would add its
// own subscriptions and an account to every count, and nwb-server has none yet.
constexpr char kConfig[] = "no_system_account: true\n";

ServerOptions monitored(std::string config = kConfig) {
    ServerOptions options = ServerOptions::withConfig(std::move(config));
    options.extra_args = {"-m", "-1"};
    return options;
}

/// Polls `condition` every 10 ms for up to 5 s.
template <typename F>
bool eventually(F condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

boost::json::value getJson(int port, const std::string& target) {
    const auto reply = httpGet(port, target);
    if (!reply || reply->status != 200) return {};
    return parseJson(reply->body);
}

bool isRfc3339(const boost::json::value& v) {
    static const std::regex kTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d))");
    return v.is_string() && std::regex_match(std::string(v.get_string()), kTime);
}

std::string serverBinary() {
    const char* binary = std::getenv(std::string(ServerProcess::kBinaryEnv).c_str());
    return binary == nullptr ? std::string() : std::string(binary);
}

bool isNwb() {
    return std::filesystem::path(serverBinary()).filename().string().starts_with("nwb");
}

std::function<void(natsOptions*)> named(const char* name) {
    return [name](natsOptions* o) { natsOptions_SetName(o, name); };
}

}  // namespace

/// GETs `target` as JSON into `name`, failing the test unless the answer is 200 and JSON.
#define NWB_GET_JSON(name, port, target)                                                \
    auto name##_reply = httpGet(port, target);                                          \
    QVERIFY2(name##_reply.has_value(), describe(name##_reply).c_str());                 \
    QVERIFY2(name##_reply->status == 200,                                               \
             (std::string(target) + ": " + std::to_string(name##_reply->status) + " " + \
              name##_reply->body)                                                       \
                 .c_str());                                                             \
    const boost::json::value name = parseJson(name##_reply->body);                      \
    QVERIFY2(!name.is_null(), name##_reply->body.c_str())

#define NWB_MONITOR_PORT(name, server)    \
    const int name = monitorPort(server); \
    QVERIFY2(name > 0, server.output().c_str())

class TestMonitoring : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void varzCounts();
    void connzConnections();
    void connzSortAndPaging();
    void connzClosed();
    void connzAuth();
    void accountsAcrossEndpoints();
    void subsz();
    void subszAcrossAccounts();
    void featureEndpoints();
    void indexJsonpAndNotFound();
    void badParameters_data();
    void badParameters();
    void basePath();
    void portsFile();
};

void TestMonitoring::varzCounts() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    QVERIFY(server.output().find("Starting http monitor on 127.0.0.1:" + std::to_string(mport)) !=
            std::string::npos);
    NWB_CONNECT(sub, server.url());
    NWB_CONNECT(pub, server.url());
    NWB_SUBSCRIBE(s, sub, "foo");
    QVERIFY(barrier({sub}));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(natsConnection_PublishString(pub, "foo", "hello"), NATS_OK);
    QVERIFY(barrier({pub, sub}));
    QVERIFY(eventually([&] { return pendingMsgs(s) == 10; }));

    NWB_GET_JSON(v, mport, "/varz");
    QCOMPARE(num(at(v, "in_msgs")), 10);
    QCOMPARE(num(at(v, "out_msgs")), 10);
    QCOMPARE(num(at(v, "in_bytes")), 50);
    QCOMPARE(num(at(v, "out_bytes")), 50);
    QCOMPARE(num(at(v, "connections")), 2);
    QCOMPARE(num(at(v, "total_connections")), 2);
    QCOMPARE(num(at(v, "subscriptions")), 1);
    QCOMPARE(num(at(v, "slow_consumers")), 0);
    if (expectedServerVersion() != "2.9.10") {  // 2.10 breaks slow consumers down by kind
        for (const char* kind : {"clients", "routes", "gateways", "leafs"}) {
            QCOMPARE(num(at(v, std::string("slow_consumer_stats/") + kind)), 0);
        }
    }
    QCOMPARE(num(at(v, "routes")), 0);
    QCOMPARE(str(at(v, "version")), expectedServerVersion());
    QCOMPARE(num(at(v, "proto")), 1);
    QCOMPARE(str(at(v, "host")), std::string("127.0.0.1"));
    QCOMPARE(num(at(v, "port")), server.port());
    QCOMPARE(str(at(v, "http_host")), std::string("127.0.0.1"));
    QCOMPARE(num(at(v, "http_port")), -1);  // the configured value, not the bound port
    QCOMPARE(num(at(v, "https_port")), 0);
    QCOMPARE(str(at(v, "http_base_path")), std::string(""));
    QCOMPARE(num(at(v, "ping_interval")), 120'000'000'000);  // nanoseconds
    QCOMPARE(num(at(v, "write_deadline")), 10'000'000'000);
    QCOMPARE(num(at(v, "ping_max")), 2);
    QCOMPARE(num(at(v, "auth_timeout")), 2);
    QCOMPARE(num(at(v, "tls_timeout")), 2);
    QCOMPARE(num(at(v, "max_payload")), 1048576);
    QCOMPARE(num(at(v, "max_pending")), 67108864);
    QCOMPARE(num(at(v, "max_control_line")), 4096);
    QCOMPARE(num(at(v, "max_connections")), 65536);
    QVERIFY(at(v, "cluster").is_object() && at(v, "jetstream").is_object());
    QVERIFY(isRfc3339(at(v, "start")));
    QVERIFY(isRfc3339(at(v, "now")));
    QVERIFY(isRfc3339(at(v, "config_load_time")));
    QVERIFY(std::regex_match(str(at(v, "uptime")), std::regex(R"((\d+[ydhm])*\d+s)")));
    QVERIFY(num(at(v, "mem")) > 1'000'000);
    QVERIFY(num(at(v, "cores")) > 0);
    QVERIFY(at(v, "cpu").is_number());
    QVERIFY(at(v, "http_req_stats").get_object().if_contains("/varz") != nullptr);
    QCOMPARE(num(*at(v, "http_req_stats").get_object().if_contains("/varz")), 1);
    QVERIFY(at(v, "system_account").is_null());  // none with no_system_account

    NWB_GET_JSON(again, mport, "/varz");
    QCOMPARE(num(*at(again, "http_req_stats").get_object().if_contains("/varz")), 2);
}

void TestMonitoring::connzConnections() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(pub, server.url(), named("publisher"));
    NWB_CONNECT(sub, server.url(), named("subscriber"));
    NWB_SUBSCRIBE(foo, sub, "foo");
    NWB_SUBSCRIBE(bar, sub, "bar.>", "workers");
    QVERIFY(barrier({sub}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(natsConnection_PublishString(pub, "foo", "12345"), NATS_OK);
    QCOMPARE(natsConnection_PublishString(pub, "bar.x", "1234567"), NATS_OK);
    QVERIFY(barrier({pub, sub}));
    QVERIFY(eventually([&] { return pendingMsgs(foo) == 3 && pendingMsgs(bar) == 1; }));
    // nats-server lowers pending_bytes only after its write returned, which can be after the
    // client already read the PONG.
    QVERIFY(eventually([&] {
        return num(at(getJson(mport, "/connz"), "connections/0/pending_bytes")) == 0;
    }));

    NWB_GET_JSON(c, mport, "/connz?subs=1");
    QCOMPARE(num(at(c, "num_connections")), 2);
    QCOMPARE(num(at(c, "total")), 2);
    QCOMPARE(num(at(c, "offset")), 0);
    QCOMPARE(num(at(c, "limit")), 1024);
    QVERIFY(isRfc3339(at(c, "now")));
    QVERIFY(at(c, "server_id").is_string());
    const auto& p = at(c, "connections/0");
    const auto& s = at(c, "connections/1");
    QVERIFY(num(at(p, "cid")) < num(at(s, "cid")));
    QCOMPARE(str(at(p, "name")), std::string("publisher"));
    QCOMPARE(str(at(p, "kind")), std::string("Client"));
    QCOMPARE(str(at(p, "type")), std::string("nats"));
    QCOMPARE(str(at(p, "ip")), std::string("127.0.0.1"));
    QVERIFY(num(at(p, "port")) > 0);
    QCOMPARE(str(at(p, "lang")), std::string("C"));
    QVERIFY(!str(at(p, "version")).empty());
    QVERIFY(isRfc3339(at(p, "start")) && isRfc3339(at(p, "last_activity")));
    QVERIFY(at(p, "rtt").is_string());
    QVERIFY(at(p, "uptime").is_string() && at(p, "idle").is_string());
    QCOMPARE(num(at(p, "in_msgs")), 4);
    QCOMPARE(num(at(p, "in_bytes")), 22);
    QCOMPARE(num(at(p, "out_msgs")), 0);
    QCOMPARE(num(at(p, "subscriptions")), 0);
    QCOMPARE(num(at(p, "pending_bytes")), 0);
    QVERIFY(at(p, "subscriptions_list").is_null());  // omitted without subscriptions
    QCOMPARE(str(at(s, "name")), std::string("subscriber"));
    QCOMPARE(num(at(s, "out_msgs")), 4);
    QCOMPARE(num(at(s, "out_bytes")), 22);
    QCOMPARE(num(at(s, "in_msgs")), 0);
    QCOMPARE(num(at(s, "subscriptions")), 2);
    std::set<std::string> subjects;
    for (const auto& e : at(s, "subscriptions_list").as_array()) subjects.insert(str(e));
    QCOMPARE(subjects, (std::set<std::string>{"foo", "bar.>"}));
    QVERIFY(at(s, "authorized_user").is_null());
    QVERIFY(at(s, "account").is_null());  // the global account is never named

    NWB_GET_JSON(d, mport, "/connz?subs=detail");
    const auto& detail = at(d, "connections/1/subscriptions_list_detail");
    QVERIFY(detail.is_array() && detail.as_array().size() == 2);
    for (const auto& e : detail.as_array()) {
        QVERIFY(at(e, "account").is_null());
        QCOMPARE(num(at(e, "cid")), num(at(s, "cid")));
        QVERIFY(at(e, "sid").is_string());
        if (str(at(e, "subject")) == "foo") {
            QCOMPARE(num(at(e, "msgs")), 3);
            QVERIFY(at(e, "qgroup").is_null());
        } else {
            QCOMPARE(str(at(e, "subject")), std::string("bar.>"));
            QCOMPARE(str(at(e, "qgroup")), std::string("workers"));
            QCOMPARE(num(at(e, "msgs")), 1);
        }
        QVERIFY(at(e, "max").is_null());
    }
    QVERIFY(at(d, "connections/1/subscriptions_list").is_null());

    // Auto-unsubscribe limits show as "max".
    QCOMPARE(natsSubscription_AutoUnsubscribe(foo, 10), NATS_OK);
    QVERIFY(barrier({sub}));
    NWB_GET_JSON(m, mport, "/connz?subs=detail&cid=" + std::to_string(num(at(s, "cid"))));
    QCOMPARE(num(at(m, "num_connections")), 1);
    QCOMPARE(num(at(m, "limit")), 1);
    QCOMPARE(num(at(m, "total")), 2);  // nats-server counts every open connection here
    bool saw_max = false;
    for (const auto& e : at(m, "connections/0/subscriptions_list_detail").as_array()) {
        if (str(at(e, "subject")) == "foo") saw_max = num(at(e, "max")) == 10;
    }
    QVERIFY(saw_max);
}

void TestMonitoring::connzSortAndPaging() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(a, server.url(), named("a"));  // publishes 1 message of 10 bytes
    NWB_CONNECT(b, server.url(), named("b"));  // publishes 3 messages of 1 byte
    NWB_CONNECT(c, server.url(), named("c"));  // 3 subscriptions, receives 4 messages
    NWB_CONNECT(d, server.url(), named("d"));  // 1 subscription, receives 3
    NWB_SUBSCRIBE(c1, c, "x");
    NWB_SUBSCRIBE(c2, c, "y");
    NWB_SUBSCRIBE(c3, c, "z.none");
    NWB_SUBSCRIBE(d1, d, "y");
    QVERIFY(barrier({c, d}));
    QCOMPARE(natsConnection_PublishString(a, "x", "0123456789"), NATS_OK);
    for (int i = 0; i < 3; ++i) QCOMPARE(natsConnection_PublishString(b, "y", "1"), NATS_OK);
    QVERIFY(barrier({a, b, c, d}));
    QVERIFY(eventually([&] { return pendingMsgs(c2) == 3 && pendingMsgs(d1) == 3; }));

    const auto names = [&](const std::string& query) -> QString {
        std::string order;
        const auto reply = httpGet(mport, "/connz?" + query);
        if (!reply) return QString::fromStdString("<" + reply.error() + ">");
        const auto v = parseJson(reply->body);
        if (!at(v, "connections").is_array())
            return QString::fromStdString("<" + reply->body + ">");
        for (const auto& e : at(v, "connections").as_array()) order += str(at(e, "name"));
        return QString::fromStdString(order);
    };
    QCOMPARE(names("sort=cid"), QString("abcd"));
    QCOMPARE(names("sort=start"), QString("abcd"));
    QCOMPARE(names("sort=subs").left(2), QString("cd"));  // a and b tie: any order
    QCOMPARE(names("sort=msgs_from").left(2), QString("ba"));
    QCOMPARE(names("sort=bytes_from").left(2), QString("ab"));
    QCOMPARE(names("sort=msgs_to").left(2), QString("cd"));
    QCOMPARE(names("sort=bytes_to").left(2), QString("cd"));
    QCOMPARE(names("sort=uptime"), QString("dcba"));  // ascending in nats-server 2.9.10
    for (const char* key : {"pending", "last", "idle"}) {
        QCOMPARE(names(std::string("sort=") + key).size(), 4);
    }
    // sort=rtt arrived in nats-server 2.10; nwb-server accepts it.
    const auto rtt = httpGet(mport, "/connz?sort=rtt");
    QVERIFY(rtt.has_value());
    if (isNwb()) {
        QCOMPARE(rtt->status, 200);
    } else {
        QCOMPARE(rtt->status, 400);
        QCOMPARE(rtt->body, std::string("invalid sorting option: rtt"));
    }

    QCOMPARE(names("limit=2"), QString("ab"));
    QCOMPARE(names("offset=1&limit=2"), QString("bc"));
    QCOMPARE(names("offset=3&limit=5"), QString("d"));
    QCOMPARE(names("sort=subs&offset=1&limit=1"), QString("d"));
    QCOMPARE(names("limit=0"), QString("abcd"));    // <= 0: the default, 1024
    QCOMPARE(names("offset=-4"), QString("abcd"));  // < 0: 0
    NWB_GET_JSON(page, mport, "/connz?offset=9&limit=2");
    QCOMPARE(num(at(page, "num_connections")), 0);
    QCOMPARE(num(at(page, "total")), 4);
    QCOMPARE(num(at(page, "offset")), 9);
    QCOMPARE(num(at(page, "limit")), 2);
    QVERIFY(at(page, "connections").is_array() && at(page, "connections").as_array().empty());
    NWB_GET_JSON(nobody, mport, "/connz?cid=999999");
    QVERIFY(at(nobody, "connections").is_array() && at(nobody, "connections").as_array().empty());
    NWB_GET_JSON(acc, mport, "/connz?acc=$G");
    QCOMPARE(num(at(acc, "num_connections")), 4);
    NWB_GET_JSON(unknown, mport, "/connz?acc=NOPE");
    QCOMPARE(str(at(unknown, "server_id")), std::string(""));
    QVERIFY(unknown.as_object().contains("connections") && at(unknown, "connections").is_null());
}

void TestMonitoring::connzClosed() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(keep, server.url(), named("keep"));
    {
        NWB_CONNECT(gone, server.url(), named("gone"));
        NWB_SUBSCRIBE(gs, gone, "gone.sub");
        QCOMPARE(natsConnection_PublishString(gone, "nowhere", "abc"), NATS_OK);
        QCOMPARE(natsConnection_PublishString(gone, "nowhere", "de"), NATS_OK);
        QVERIFY(barrier({gone}));
        natsConnection_Close(gone);
    }
    QVERIFY(eventually(
        [&] { return num(at(getJson(mport, "/connz?state=closed"), "num_connections")) == 1; }));
    NWB_GET_JSON(c, mport, "/connz?state=closed&subs=detail");
    QCOMPARE(num(at(c, "total")), 1);
    const auto& g = at(c, "connections/0");
    QCOMPARE(str(at(g, "name")), std::string("gone"));
    QCOMPARE(str(at(g, "reason")), std::string("Client Closed"));
    QVERIFY(isRfc3339(at(g, "stop")));
    QCOMPARE(num(at(g, "in_msgs")), 2);
    QCOMPARE(num(at(g, "in_bytes")), 5);
    QCOMPARE(num(at(g, "subscriptions")), 1);
    QCOMPARE(str(at(g, "subscriptions_list_detail/0/subject")), std::string("gone.sub"));
    QCOMPARE(str(at(g, "subscriptions_list_detail/0/account")), std::string("$G"));

    NWB_GET_JSON(open, mport, "/connz");
    QCOMPARE(num(at(open, "total")), 1);
    QCOMPARE(str(at(open, "connections/0/name")), std::string("keep"));
    QVERIFY(at(open, "connections/0/stop").is_null());
    NWB_GET_JSON(any, mport, "/connz?state=any");
    QCOMPARE(num(at(any, "total")), 2);
    QCOMPARE(num(at(any, "num_connections")), 2);
    NWB_GET_JSON(stop, mport, "/connz?state=closed&sort=stop");
    QCOMPARE(num(at(stop, "num_connections")), 1);
    NWB_GET_JSON(reason, mport, "/connz?state=CLOSED&sort=reason");
    QCOMPARE(num(at(reason, "num_connections")), 1);
    // With state=any a cid is looked up among the closed connections only (nats-server 2.9.10).
    const std::string gone_cid = std::to_string(num(at(g, "cid")));
    NWB_GET_JSON(by_cid, mport, "/connz?state=any&cid=" + gone_cid);
    QCOMPARE(str(at(by_cid, "connections/0/name")), std::string("gone"));
    const std::string keep_cid = std::to_string(num(at(open, "connections/0/cid")));
    NWB_GET_JSON(open_cid, mport, "/connz?state=any&cid=" + keep_cid);
    QCOMPARE(num(at(open_cid, "num_connections")), 0);
    // The global account's closed connections carry no account name, so acc filters them out.
    NWB_GET_JSON(acc, mport, "/connz?state=closed&acc=$G");
    QCOMPARE(num(at(acc, "total")), 0);
    // Closed connections count in /varz too.
    NWB_GET_JSON(v, mport, "/varz");
    QCOMPARE(num(at(v, "connections")), 1);
    QCOMPARE(num(at(v, "total_connections")), 2);
    QCOMPARE(num(at(v, "subscriptions")), 0);
}

void TestMonitoring::connzAuth() {
    NWB_START_SERVER(server, monitored(std::string(kConfig) +
                                       "authorization { users: [{user: alice, password: a1},"
                                       " {user: bob, password: b2}] }\n"));
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(alice, server.url(),
                [](natsOptions* o) { natsOptions_SetUserInfo(o, "alice", "a1"); });
    NWB_CONNECT(bob, server.url(), [](natsOptions* o) { natsOptions_SetUserInfo(o, "bob", "b2"); });
    NWB_GET_JSON(plain, mport, "/connz");
    QVERIFY(at(plain, "connections/0/authorized_user").is_null());
    NWB_GET_JSON(a, mport, "/connz?auth=true");
    QCOMPARE(str(at(a, "connections/0/authorized_user")), std::string("alice"));
    QCOMPARE(str(at(a, "connections/1/authorized_user")), std::string("bob"));
    QVERIFY(at(a, "connections/0/account").is_null());
    NWB_GET_JSON(b, mport, "/connz?auth=1&user=bob");
    QCOMPARE(num(at(b, "num_connections")), 1);
    QCOMPARE(str(at(b, "connections/0/authorized_user")), std::string("bob"));
    NWB_GET_JSON(v, mport, "/varz");
    QCOMPARE(at(v, "auth_required"), boost::json::value(true));
}

namespace {

/// The strings of a JSON array, sorted (nats-server lists accounts in map order).
std::vector<std::string> sortedStrings(const boost::json::value& array) {
    std::vector<std::string> out;
    for (const auto& v : array.as_array()) out.push_back(std::string(v.as_string()));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

void TestMonitoring::accountsAcrossEndpoints() {
    NWB_START_SERVER(server, monitored("accounts {\n"
                                       "  A { users: [{user: alice, password: a1}] }\n"
                                       "  B { users: [{user: bob, password: b2}] }\n"
                                       "  SYS { users: [{user: sys, password: s3}] }\n"
                                       "}\nsystem_account: SYS\n"));
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(alice, server.url(),
                [](natsOptions* o) { natsOptions_SetUserInfo(o, "alice", "a1"); });
    NWB_CONNECT(bob, server.url(), [](natsOptions* o) { natsOptions_SetUserInfo(o, "bob", "b2"); });
    NWB_GET_JSON(list, mport, "/accountz");
    QCOMPARE(sortedStrings(at(list, "accounts")),
             (std::vector<std::string>{"$G", "A", "B", "SYS"}));
    QCOMPARE(str(at(list, "system_account")), std::string("SYS"));
    NWB_GET_JSON(detail, mport, "/accountz?acc=A");
    QCOMPARE(str(at(detail, "account_detail/account_name")), std::string("A"));
    NWB_GET_JSON(conns, mport, "/connz?acc=A&auth=true");
    QCOMPARE(num(at(conns, "num_connections")), 1);
    QCOMPARE(str(at(conns, "connections/0/authorized_user")), std::string("alice"));
    QCOMPARE(str(at(conns, "connections/0/account")), std::string("A"));
    NWB_GET_JSON(stats, mport, "/accstatz");
    std::vector<std::string> with_conns;
    for (const auto& entry : at(stats, "account_statz").as_array()) {
        if (num(entry.at("conns")) == 1) with_conns.push_back(std::string(entry.at("acc").as_string()));
    }
    std::sort(with_conns.begin(), with_conns.end());
    QCOMPARE(with_conns, (std::vector<std::string>{"A", "B"}));
    NWB_GET_JSON(varz, mport, "/varz");
    QCOMPARE(str(at(varz, "system_account")), std::string("SYS"));
    // The global account has no connection: none of the others' is listed for it.
    NWB_GET_JSON(global, mport, "/connz?acc=%24G");
    QCOMPARE(num(at(global, "num_connections")), 0);
    QCOMPARE(num(at(global, "total")), 0);
}

void TestMonitoring::subsz() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(nc, server.url());
    NWB_SUBSCRIBE(s1, nc, "foo");
    NWB_SUBSCRIBE(s2, nc, "bar.*", "q");
    NWB_SUBSCRIBE(s3, nc, "baz.>");
    QVERIFY(barrier({nc}));
    QCOMPARE(natsSubscription_Unsubscribe(s3), NATS_OK);
    QCOMPARE(natsConnection_PublishString(nc, "foo", "x"), NATS_OK);
    QVERIFY(barrier({nc}));

    NWB_GET_JSON(stats, mport, "/subsz");
    QCOMPARE(num(at(stats, "num_subscriptions")), 2);
    QCOMPARE(num(at(stats, "num_inserts")), 3);
    QCOMPARE(num(at(stats, "num_removes")), 1);
    QVERIFY(num(at(stats, "num_matches")) >= 1);
    for (const char* k : {"num_cache", "cache_hit_rate", "max_fanout", "avg_fanout"}) {
        QVERIFY2(at(stats, k).is_number(), k);
    }
    QVERIFY(at(stats, "server_id").is_null());  // statistics only without a list
    NWB_GET_JSON(alias, mport, "/subscriptionsz");
    QCOMPARE(num(at(alias, "num_subscriptions")), 2);

    NWB_GET_JSON(all, mport, "/subsz?subs=1");
    QVERIFY(at(all, "server_id").is_string());
    QVERIFY(isRfc3339(at(all, "now")));
    QCOMPARE(num(at(all, "total")), 2);
    QCOMPARE(num(at(all, "limit")), 1024);
    std::set<std::string> subjects;
    for (const auto& e : at(all, "subscriptions_list").as_array()) {
        subjects.insert(str(at(e, "subject")));
        QCOMPARE(str(at(e, "account")), std::string("$G"));
        if (str(at(e, "subject")) == "foo") QCOMPARE(num(at(e, "msgs")), 1);
        if (str(at(e, "subject")) == "bar.*") QCOMPARE(str(at(e, "qgroup")), std::string("q"));
    }
    QCOMPARE(subjects, (std::set<std::string>{"foo", "bar.*"}));

    NWB_GET_JSON(test, mport, "/subsz?subs=1&test=bar.x");
    QCOMPARE(num(at(test, "total")), 1);
    QCOMPARE(str(at(test, "subscriptions_list/0/subject")), std::string("bar.*"));
    NWB_GET_JSON(none, mport, "/subsz?subs=1&test=nothing.here");
    QVERIFY(at(none, "subscriptions_list").is_null());
    QCOMPARE(num(at(none, "num_subscriptions")), 2);
    NWB_GET_JSON(page, mport, "/subsz?subs=1&limit=1&offset=1");
    QCOMPARE(num(at(page, "total")), 1);  // nats-server 2.9.10 reports the page size
    QCOMPARE(num(at(page, "offset")), 1);
    QCOMPARE(num(at(page, "limit")), 1);
    QCOMPARE(at(page, "subscriptions_list").as_array().size(), std::size_t{1});
    NWB_GET_JSON(beyond, mport, "/subsz?subs=1&offset=5");
    QVERIFY(at(beyond, "subscriptions_list").is_null());
    NWB_GET_JSON(other, mport, "/subsz?acc=OTHER");
    QCOMPARE(num(at(other, "num_subscriptions")), 0);
}

void TestMonitoring::subszAcrossAccounts() {
    // No system account: then neither server has internal subscriptions, so every count is exact.
    NWB_START_SERVER(server, monitored("accounts {\n"
                                       "  A { users: [{user: alice, password: a1}] }\n"
                                       "  B { users: [{user: bob, password: b2}] }\n"
                                       "}\nno_system_account: true\n"));
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(alice, server.url(),
                [](natsOptions* o) { natsOptions_SetUserInfo(o, "alice", "a1"); });
    NWB_CONNECT(bob, server.url(), [](natsOptions* o) { natsOptions_SetUserInfo(o, "bob", "b2"); });
    NWB_SUBSCRIBE(a_foo, alice, "foo");
    NWB_SUBSCRIBE(a_gone, alice, "gone");
    NWB_SUBSCRIBE(b_foo, bob, "foo", "q");
    NWB_SUBSCRIBE(b_bar, bob, "bar.*");
    NWB_SUBSCRIBE(b_baz, bob, "baz.>");
    QVERIFY(barrier({alice, bob}));
    QCOMPARE(natsSubscription_Unsubscribe(a_gone), NATS_OK);
    QVERIFY(barrier({alice}));

    NWB_GET_JSON(stats, mport, "/subsz");
    QCOMPARE(num(at(stats, "num_subscriptions")), 4);
    QCOMPARE(num(at(stats, "num_inserts")), 5);
    QCOMPARE(num(at(stats, "num_removes")), 1);
    QVERIFY(at(stats, "server_id").is_null());
    NWB_GET_JSON(only_a, mport, "/subsz?acc=A");
    QCOMPARE(num(at(only_a, "num_subscriptions")), 1);
    QCOMPARE(num(at(only_a, "num_inserts")), 2);
    QCOMPARE(num(at(only_a, "num_removes")), 1);
    NWB_GET_JSON(only_b, mport, "/subsz?acc=B");
    QCOMPARE(num(at(only_b, "num_subscriptions")), 3);
    QCOMPARE(num(at(only_b, "num_inserts")), 3);
    QCOMPARE(num(at(only_b, "num_removes")), 0);
    NWB_GET_JSON(unknown, mport, "/subsz?acc=NOPE&subs=1");
    QCOMPARE(num(at(unknown, "num_subscriptions")), 0);
    QVERIFY(at(unknown, "subscriptions_list").is_null());

    NWB_GET_JSON(all, mport, "/subsz?subs=1");
    QCOMPARE(num(at(all, "total")), 4);
    QCOMPARE(num(at(all, "num_subscriptions")), 4);
    std::multiset<std::string> listed;
    for (const auto& e : at(all, "subscriptions_list").as_array()) {
        listed.insert(str(at(e, "account")) + " " + str(at(e, "subject")));
        if (str(at(e, "subject")) == "foo" && str(at(e, "account")) == "B") {
            QCOMPARE(str(at(e, "qgroup")), std::string("q"));
        }
    }
    QCOMPARE(listed, (std::multiset<std::string>{"A foo", "B foo", "B bar.*", "B baz.>"}));
    NWB_GET_JSON(b_list, mport, "/subsz?subs=1&acc=B");
    QCOMPARE(num(at(b_list, "total")), 3);
    QCOMPARE(num(at(b_list, "num_subscriptions")), 3);
    NWB_GET_JSON(test_foo, mport, "/subsz?subs=1&test=foo");
    QCOMPARE(num(at(test_foo, "total")), 2);
    QCOMPARE(num(at(test_foo, "num_subscriptions")), 4);
    NWB_GET_JSON(test_baz, mport, "/subsz?subs=1&test=baz.x.y");
    QCOMPARE(num(at(test_baz, "total")), 1);
    QCOMPARE(str(at(test_baz, "subscriptions_list/0/account")), std::string("B"));
    NWB_GET_JSON(a_test, mport, "/subsz?subs=1&acc=A&test=bar.x");
    QVERIFY(at(a_test, "subscriptions_list").is_null());  // statistics only
    QCOMPARE(num(at(a_test, "num_subscriptions")), 1);
    NWB_GET_JSON(page, mport, "/subsz?subs=1&offset=1&limit=2");
    QCOMPARE(num(at(page, "total")), 2);
    QCOMPARE(at(page, "subscriptions_list").as_array().size(), std::size_t{2});
}

void TestMonitoring::featureEndpoints() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    NWB_CONNECT(nc, server.url());
    NWB_SUBSCRIBE(s, nc, "a");
    QCOMPARE(natsConnection_PublishString(nc, "a", "xyz"), NATS_OK);
    QVERIFY(barrier({nc}));

    NWB_GET_JSON(r, mport, "/routez?subs=1");
    QCOMPARE(num(at(r, "num_routes")), 0);
    QVERIFY(at(r, "routes").is_array() && at(r, "routes").as_array().empty());
    NWB_GET_JSON(g, mport, "/gatewayz?accs=1");
    QVERIFY(at(g, "outbound_gateways").is_object() && at(g, "inbound_gateways").is_object());
    QVERIFY(at(g, "name").is_null());
    NWB_GET_JSON(l, mport, "/leafz?subs=true");
    QCOMPARE(num(at(l, "leafnodes")), 0);
    QVERIFY(l.as_object().contains("leafs") && at(l, "leafs").is_null());
    NWB_GET_JSON(accs, mport, "/accountz");
    QCOMPARE(boost::json::serialize(at(accs, "accounts")), std::string(R"(["$G"])"));
    QVERIFY(at(accs, "system_account").is_null());
    NWB_GET_JSON(g_acc, mport, "/accountz?acc=%24G");
    QCOMPARE(str(at(g_acc, "account_detail/account_name")), std::string("$G"));
    QCOMPARE(num(at(g_acc, "account_detail/client_connections")), 1);
    QCOMPARE(num(at(g_acc, "account_detail/subscriptions")), 1);
    QCOMPARE(at(g_acc, "account_detail/complete"), boost::json::value(true));
    QCOMPARE(num(at(g_acc, "account_detail/sublist_stats/num_subscriptions")), 1);
    NWB_GET_JSON(st, mport, "/accstatz");
    QCOMPARE(str(at(st, "account_statz/0/acc")), std::string("$G"));
    QCOMPARE(num(at(st, "account_statz/0/conns")), 1);
    QCOMPARE(num(at(st, "account_statz/0/total_conns")), 1);
    QCOMPARE(num(at(st, "account_statz/0/received/msgs")), 1);
    QCOMPARE(num(at(st, "account_statz/0/received/bytes")), 3);
    QCOMPARE(num(at(st, "account_statz/0/sent/msgs")), 1);
    QCOMPARE(num(at(st, "account_statz/0/sent/bytes")), 3);
    NWB_GET_JSON(js, mport, "/jsz?accounts=1&config=1");
    QCOMPARE(at(js, "disabled"), boost::json::value(true));
    QCOMPARE(num(at(js, "config/max_memory")), 0);
    QCOMPARE(num(at(js, "api/total")), 0);
    QCOMPARE(num(at(js, "streams")), 0);

    const auto health = httpGet(mport, "/healthz?js-enabled-only=true&js-server-only=0");
    QVERIFY(health.has_value());
    QCOMPARE(health->status, 200);
    QCOMPARE(health->body, std::string(R"({"status":"ok"})"));
    QCOMPARE(health->content_type, std::string("application/json"));

    natsConnection_Close(nc);
    QVERIFY(eventually([&] {
        return at(getJson(mport, "/accstatz"), "account_statz").is_array() &&
               at(getJson(mport, "/accstatz"), "account_statz").as_array().empty();
    }));
    NWB_GET_JSON(unused, mport, "/accstatz?unused=1");
    QCOMPARE(num(at(unused, "account_statz/0/conns")), 0);
}

void TestMonitoring::indexJsonpAndNotFound() {
    NWB_START_SERVER(server, monitored());
    NWB_MONITOR_PORT(mport, server);
    const auto index = httpGet(mport, "/");
    QVERIFY(index.has_value());
    QCOMPARE(index->status, 200);
    QVERIFY(index->content_type.starts_with("text/html"));
    for (const char* link : {"./varz", "./connz", "./subsz", "./routez", "./healthz", "./jsz"}) {
        QVERIFY2(index->body.find(link) != std::string::npos, link);
    }
    const auto jsonp = httpGet(mport, "/varz?callback=cb");
    QVERIFY(jsonp.has_value());
    QCOMPARE(jsonp->status, 200);
    QCOMPARE(jsonp->content_type, std::string("application/javascript"));
    QVERIFY(jsonp->body.starts_with("cb({\n  \"server_id\": "));
    QVERIFY(jsonp->body.ends_with("})"));
    const auto missing = httpGet(mport, "/nothing");
    QVERIFY(missing.has_value());
    QCOMPARE(missing->status, 404);
    QCOMPARE(missing->body, std::string("404 page not found\n"));
    const auto json = httpGet(mport, "/connz");
    QVERIFY(json.has_value());
    QCOMPARE(json->content_type, std::string("application/json"));
    QVERIFY(json->body.starts_with("{\n  \"server_id\": \""));
    NWB_GET_JSON(v, mport, "/varz");
    QCOMPARE(num(*at(v, "http_req_stats").get_object().if_contains("/")), 1);
    QCOMPARE(num(*at(v, "http_req_stats").get_object().if_contains("/connz")), 1);
}

void TestMonitoring::badParameters_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expected");
    const auto boolError = [](const char* param, const char* value) {
        return QString(
                   "Error decoding boolean for '%1': strconv.ParseBool: parsing \"%2\": "
                   "invalid syntax")
            .arg(param, value);
    };
    QTest::newRow("connz subs") << "/connz?subs=x" << boolError("subs", "x");
    QTest::newRow("connz auth") << "/connz?auth=yes" << boolError("auth", "yes");
    QTest::newRow("connz offset") << "/connz?offset=a"
                                  << "Error decoding int for 'offset': strconv.Atoi: parsing "
                                     "\"a\": invalid syntax";
    QTest::newRow("connz limit range") << "/connz?limit=99999999999999999999"
                                       << "Error decoding int for 'limit': strconv.Atoi: parsing "
                                          "\"99999999999999999999\": value out of range";
    QTest::newRow("connz cid") << "/connz?cid=-1"
                               << "Error decoding uint64 for 'cid': strconv.ParseUint: parsing "
                                  "\"-1\": invalid syntax";
    QTest::newRow("connz state") << "/connz?state=foo"
                                 << "Error decoding state for foo";
    QTest::newRow("connz sort") << "/connz?sort=foo"
                                << "invalid sorting option: foo";
    QTest::newRow("connz sort case") << "/connz?sort=CID"
                                     << "invalid sorting option: CID";
    QTest::newRow("connz stop open") << "/connz?sort=stop"
                                     << "sort by stop only valid on closed connections";
    QTest::newRow("connz reason any") << "/connz?sort=reason&state=any"
                                      << "sort by reason only valid on closed connections";
    QTest::newRow("subsz subs") << "/subsz?subs=2" << boolError("subs", "2");
    QTest::newRow("subsz limit") << "/subsz?limit=1.5"
                                 << "Error decoding int for 'limit': strconv.Atoi: parsing "
                                    "\"1.5\": invalid syntax";
    QTest::newRow("subsz test wildcard") << "/subsz?test=foo.*"
                                         << "invalid test subject, must be valid publish "
                                            "subject: foo.*";
    QTest::newRow("subsz test empty token") << "/subsz?test=foo..bar"
                                            << "invalid test subject, must be valid publish "
                                               "subject: foo..bar";
    QTest::newRow("routez subs") << "/routez?subs=maybe" << boolError("subs", "maybe");
    QTest::newRow("gatewayz accs") << "/gatewayz?accs=x" << boolError("accs", "x");
    QTest::newRow("leafz subs") << "/leafz?subs=x" << boolError("subs", "x");
    QTest::newRow("accstatz unused") << "/accstatz?unused=x" << boolError("unused", "x");
    QTest::newRow("accountz unknown") << "/accountz?acc=NOPE"
                                      << "Account NOPE does not exist";
    QTest::newRow("jsz accounts") << "/jsz?accounts=x" << boolError("accounts", "x");
    QTest::newRow("jsz offset") << "/jsz?offset=x"
                                << "Error decoding int for 'offset': strconv.Atoi: parsing "
                                   "\"x\": invalid syntax";
    QTest::newRow("jsz leader-only") << "/jsz?leader-only=true"
                                     << "filtered response: not leader";
    QTest::newRow("healthz") << "/healthz?js-enabled-only=x" << boolError("js-enabled-only", "x");
    QTest::newRow("quoted value") << "/connz?subs=%22a%0A"
                                  << "Error decoding boolean for 'subs': "
                                     "strconv.ParseBool: parsing "
                                     "\"\\\"a\\n\": invalid syntax";
}

void TestMonitoring::badParameters() {
    QFETCH(QString, target);
    QFETCH(QString, expected);
    static std::unique_ptr<ServerProcess> server;  // one server for every row
    if (!server) {
        auto started = ServerProcess::start(monitored());
        QVERIFY2(started.has_value(), describe(started).c_str());
        server = std::move(*started);
    }
    NWB_MONITOR_PORT(mport, (*server));
    const auto reply = httpGet(mport, target.toStdString());
    QVERIFY2(reply.has_value(), describe(reply).c_str());
    QCOMPARE(reply->status, 400);
    QCOMPARE(reply->content_type, std::string("text/plain; charset=utf-8"));
    QCOMPARE(QString::fromStdString(reply->body), expected);
}

void TestMonitoring::basePath() {
    NWB_START_SERVER(server, monitored(std::string(kConfig) + "http_base_path: \"/mon/\"\n"));
    NWB_MONITOR_PORT(mport, server);
    NWB_GET_JSON(v, mport, "/mon/varz");
    QCOMPARE(str(at(v, "http_base_path")), std::string("/mon/"));
    const auto plain = httpGet(mport, "/varz");
    QVERIFY(plain.has_value());
    QCOMPARE(plain->status, 404);
    const auto index = httpGet(mport, "/mon");
    QVERIFY(index.has_value());
    QCOMPARE(index->status, 200);
    QVERIFY(index->body.find("./mon/connz") != std::string::npos);
    const auto root = httpGet(mport, "/");
    QVERIFY(root.has_value());
    QCOMPARE(root->status, 404);
}

void TestMonitoring::portsFile() {
    const auto dir =
        std::filesystem::temp_directory_path() / ("nwb-ports-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    ServerOptions options = monitored();
    options.extra_args.push_back("--ports_file_dir");
    options.extra_args.push_back(dir.string());
    std::filesystem::path file;
    {
        NWB_START_SERVER(server, options);
        NWB_MONITOR_PORT(mport, server);
        file = dir / (std::filesystem::path(serverBinary()).filename().string() + "_" +
                      std::to_string(server.pid()) + ".ports");
        QVERIFY2(eventually([&] { return std::filesystem::exists(file); }), file.c_str());
        std::string text;
        QVERIFY(eventually([&] {
            std::ifstream in(file);
            text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            return !text.empty();
        }));
        QCOMPARE(text, "{\"nats\":[\"nats://127.0.0.1:" + std::to_string(server.port()) +
                           "\"],\"monitoring\":[\"http://127.0.0.1:" + std::to_string(mport) +
                           "\"]}");
        QVERIFY(server.stop().has_value());
    }
    QVERIFY(!std::filesystem::exists(file));
    std::filesystem::remove_all(dir);
}

QTEST_APPLESS_MAIN(TestMonitoring)
#include "tst_monitoring.moc"
