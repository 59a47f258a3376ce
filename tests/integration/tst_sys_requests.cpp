// The system account: $SYS.REQ.SERVER.* and $SYS.REQ.ACCOUNT.* requests from a user of the system
// account, their envelopes and exact counts, the imports other accounts get, periodic STATSZ,
// client advisories, the SHUTDOWN and CLIENT.AUTH.ERR events, and that other accounts never see
// $SYS traffic. Runs against both servers.
#include "tests/integration/integration_test.h"
#include "tests/integration/raw_connection.h"
#include "tests/interop/monitor_http.h"

#include <boost/beast/zlib/inflate_stream.hpp>

#include <QtTest/QtTest>

#include <csignal>
#include <filesystem>
#include <set>

using namespace nwb::test;

namespace {

/// How long to wait for an answer that must not come (real answers take milliseconds).
constexpr int64_t kNoAnswerMs = 2000;

constexpr char kConfig[] = R"(
accounts {
  SYS { users: [{user: sys, password: sys}] }
  A { users: [{user: a, password: a}] }
}
system_account: SYS
)";

/// Two ordinary accounts besides the system account.
constexpr char kTwoAccounts[] = R"(
accounts {
  SYS { users: [{user: sys, password: sys}] }
  A { users: [{user: a, password: a}] }
  B { users: [{user: b, password: b}] }
}
system_account: SYS
)";

std::function<void(natsOptions*)> user(const char* name, const char* client_name = nullptr) {
    return [name, client_name](natsOptions* o) {
        natsOptions_SetUserInfo(o, name, name);
        if (client_name != nullptr) natsOptions_SetName(o, client_name);
    };
}

bool isNwb() {
    const char* binary = std::getenv(std::string(ServerProcess::kBinaryEnv).c_str());
    return binary != nullptr &&
           std::filesystem::path(binary).filename().string().starts_with("nwb");
}

/// A request with a JSON payload; the reply parsed (null on timeout, with `status` set).
boost::json::value request(natsConnection* nc, const std::string& subject,
                           const std::string& payload = {}, natsStatus* status = nullptr,
                           int64_t timeout_ms = kWaitMs) {
    natsMsg* raw = nullptr;
    const natsStatus s = natsConnection_Request(&raw, nc, subject.c_str(), payload.data(),
                                                static_cast<int>(payload.size()), timeout_ms);
    if (status != nullptr) *status = s;
    if (s != NATS_OK) return {};
    MsgPtr msg(raw);
    return parseJson(msgData(msg.get()));
}

/// A request with one header; the reply's text ("" on timeout, with `status` set).
std::string requestWithHeader(natsConnection* nc, const std::string& subject,
                              const std::string& payload, const char* key, const char* value,
                              natsStatus* status, int64_t timeout_ms = kWaitMs) {
    natsMsg* raw_request = nullptr;
    natsMsg_Create(&raw_request, subject.c_str(), nullptr, payload.data(),
                   static_cast<int>(payload.size()));
    MsgPtr request_msg(raw_request);
    natsMsgHeader_Set(raw_request, key, value);
    natsMsg* raw = nullptr;
    *status = natsConnection_RequestMsg(&raw, nc, raw_request, timeout_ms);
    if (*status != NATS_OK) return {};
    MsgPtr reply(raw);
    return msgData(reply.get());
}

/// A request with one header; the reply (null on timeout).
MsgPtr requestMsg(natsConnection* nc, const std::string& subject, const std::string& payload,
                  const char* key, const char* value) {
    natsMsg* raw_request = nullptr;
    natsMsg_Create(&raw_request, subject.c_str(), nullptr, payload.data(),
                   static_cast<int>(payload.size()));
    MsgPtr request_msg(raw_request);
    natsMsgHeader_Set(raw_request, key, value);
    natsMsg* raw = nullptr;
    if (natsConnection_RequestMsg(&raw, nc, raw_request, kWaitMs) != NATS_OK) return MsgPtr();
    return MsgPtr(raw);
}

std::string header(natsMsg* msg, const char* key) {
    const char* value = nullptr;
    if (natsMsgHeader_Get(msg, key, &value) != NATS_OK || value == nullptr) return {};
    return value;
}

/// A gzip member without optional fields (as Go writes it) inflated, or "" when it is not one.
std::string gunzip(const std::string& data) {
    if (data.size() < 18 || data.compare(0, 4, std::string("\x1f\x8b\x08\x00", 4)) != 0) {
        return {};
    }
    boost::beast::zlib::inflate_stream inflate;
    std::string out(1 << 20, '\0');
    boost::beast::zlib::z_params zs;
    zs.next_in = data.data() + 10;
    zs.avail_in = data.size() - 18;
    zs.next_out = out.data();
    zs.avail_out = out.size();
    boost::system::error_code ec;
    inflate.write(zs, boost::beast::zlib::Flush::finish, ec);
    out.resize(zs.total_out);
    return out;
}

std::string serverId(natsConnection* nc) {
    char buf[128] = {};
    natsConnection_GetConnectedServerId(nc, buf, sizeof buf);
    return buf;
}

std::uint64_t clientId(natsConnection* nc) {
    uint64_t cid = 0;
    natsConnection_GetClientID(nc, &cid);
    return cid;
}

}  // namespace

class TestSysRequests : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }
    void envelopeAndServerInfo();
    void directRequestById();
    void connzWithOptions();
    void subszAndStatsz();
    void featureEndpoints();
    void idz();
    void accountRequests();
    void optionErrorsAndFilters();
    void otherAccountsSeeNoSysTraffic();
    void periodicStatsz();
    void clientAdvisories();
    void connzScopedToAccount();
    void connzFilterSubject();
    void subszAcrossAccounts();
    void subscriberCounts();
    void compressedReplies();
    void shutdownEvent();
    void authErrorEvents();
};

/// Starts the server and connects `sys` (system account) and `a` (account A, subscribed to foo).
#define SYS_SETUP()                                                                    \
    NWB_START_SERVER(server, ServerOptions::withConfig(kConfig));                      \
    NWB_CONNECT(sys, server.url(), user("sys", "sys-client"));                         \
    NWB_CONNECT(a, server.url(), user("a", "a-client"));                               \
    NWB_SUBSCRIBE(a_foo, a, "foo");                                                    \
    QVERIFY(barrier({a, sys}));                                                        \
    const std::string id = serverId(sys)

void TestSysRequests::envelopeAndServerInfo() {
    SYS_SETUP();
    const auto v = request(sys, "$SYS.REQ.SERVER.PING.VARZ");
    QVERIFY(v.is_object());
    QCOMPARE(str(at(v, "server/id")), id);
    QCOMPARE(str(at(v, "server/name")), id);  // no server_name: the name is the id
    QCOMPARE(str(at(v, "server/ver")), expectedServerVersion());
    QCOMPARE(str(at(v, "server/host")), std::string("127.0.0.1"));
    QVERIFY(at(v, "server/seq").is_number());
    QVERIFY(at(v, "server/jetstream").is_bool());
    QVERIFY(at(v, "server/time").is_string());
    QVERIFY(at(v, "error").is_null());
    QCOMPARE(str(at(v, "data/server_id")), id);
    QCOMPARE(num(at(v, "data/connections")), 2);
    QCOMPARE(num(at(v, "data/total_connections")), 2);
    QCOMPARE(str(at(v, "data/system_account")), std::string("SYS"));
    // Each message the server sends carries a higher sequence.
    const auto w = request(sys, "$SYS.REQ.SERVER.PING.VARZ");
    QVERIFY(num(at(w, "server/seq")) > num(at(v, "server/seq")));
}

void TestSysRequests::directRequestById() {
    SYS_SETUP();
    const auto v = request(sys, "$SYS.REQ.SERVER." + id + ".VARZ");
    QCOMPARE(str(at(v, "data/server_id")), id);
    natsStatus status = NATS_OK;
    request(sys, "$SYS.REQ.SERVER.NOSUCHSERVER.VARZ", {}, &status);
    QCOMPARE(status, NATS_NO_RESPONDERS);
    const auto h = request(sys, "$SYS.REQ.SERVER." + id + ".HEALTHZ");
    QCOMPARE(str(at(h, "data/status")), std::string("ok"));
}

void TestSysRequests::connzWithOptions() {
    SYS_SETUP();
    const auto all = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"auth":true,"subscriptions":true})");
    QCOMPARE(str(at(all, "data/server_id")), id);
    QCOMPARE(num(at(all, "data/num_connections")), 2);
    QCOMPARE(num(at(all, "data/total")), 2);
    std::set<std::string> users;
    for (const auto& c : at(all, "data/connections").as_array()) {
        users.insert(str(at(c, "authorized_user")));
    }
    QCOMPARE(users, (std::set<std::string>{"a", "sys"}));
    QCOMPARE(str(at(all, "data/connections/1/name")), std::string("a-client"));
    QCOMPARE(str(at(all, "data/connections/1/account")), std::string("A"));
    QCOMPARE(str(at(all, "data/connections/1/subscriptions_list/0")), std::string("foo"));

    const auto by_acc = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"acc":"A"})");
    QCOMPARE(num(at(by_acc, "data/num_connections")), 1);
    QCOMPARE(num(at(by_acc, "data/connections/0/cid")), static_cast<std::int64_t>(clientId(a)));

    const auto paged = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"limit":1,"offset":1})");
    QCOMPARE(num(at(paged, "data/num_connections")), 1);
    QCOMPARE(num(at(paged, "data/total")), 2);
    QCOMPARE(num(at(paged, "data/connections/0/cid")), static_cast<std::int64_t>(clientId(a)));
}

void TestSysRequests::subszAndStatsz() {
    SYS_SETUP();
    const auto subs = request(sys, "$SYS.REQ.SERVER.PING.SUBSZ",
                              R"({"subscriptions":true,"test":"foo"})");
    QCOMPARE(str(at(subs, "data/server_id")), id);
    QCOMPARE(num(at(subs, "data/total")), 1);
    QCOMPARE(str(at(subs, "data/subscriptions_list/0/subject")), std::string("foo"));
    QCOMPARE(str(at(subs, "data/subscriptions_list/0/account")), std::string("A"));
    QCOMPARE(num(at(subs, "data/subscriptions_list/0/cid")),
             static_cast<std::int64_t>(clientId(a)));

    for (const char* subject : {"$SYS.REQ.SERVER.PING", "$SYS.REQ.SERVER.PING.STATSZ"}) {
        const auto s = request(sys, subject);
        QCOMPARE(str(at(s, "server/id")), id);
        QVERIFY(at(s, "data").is_null());
        QCOMPARE(num(at(s, "statsz/connections")), 2);
        QCOMPARE(num(at(s, "statsz/total_connections")), 2);
        QCOMPARE(num(at(s, "statsz/active_accounts")), 2);  // SYS and A
        QCOMPARE(num(at(s, "statsz/active_servers")), 1);
        QVERIFY(num(at(s, "statsz/subscriptions")) >= 1);
        QVERIFY(num(at(s, "statsz/mem")) > 0);
        QVERIFY(at(s, "statsz/sent/msgs").is_number());
        QVERIFY(at(s, "statsz/received/bytes").is_number());
    }
}

void TestSysRequests::featureEndpoints() {
    SYS_SETUP();
    const auto r = request(sys, "$SYS.REQ.SERVER.PING.ROUTEZ");
    QCOMPARE(num(at(r, "data/num_routes")), 0);
    const auto g = request(sys, "$SYS.REQ.SERVER.PING.GATEWAYZ");
    QCOMPARE(str(at(g, "data/server_id")), id);
    const auto l = request(sys, "$SYS.REQ.SERVER.PING.LEAFZ");
    QCOMPARE(num(at(l, "data/leafnodes")), 0);
    const auto j = request(sys, "$SYS.REQ.SERVER.PING.JSZ");
    QCOMPARE(str(at(j, "data/server_id")), id);
    const auto h = request(sys, "$SYS.REQ.SERVER.PING.HEALTHZ");
    QCOMPARE(str(at(h, "data/status")), std::string("ok"));
    const auto acc = request(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ");
    QCOMPARE(str(at(acc, "data/system_account")), std::string("SYS"));
    std::set<std::string> names;
    for (const auto& n : at(acc, "data/accounts").as_array()) names.insert(str(n));
    QCOMPARE(names, (std::set<std::string>{"$G", "A", "SYS"}));
    const auto detail = request(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ", R"({"account":"A"})");
    QCOMPARE(str(at(detail, "data/account_detail/account_name")), std::string("A"));
    QCOMPARE(num(at(detail, "data/account_detail/client_connections")), 1);
}

void TestSysRequests::idz() {
    SYS_SETUP();
    natsStatus status = NATS_OK;
    const auto v = request(sys, "$SYS.REQ.SERVER.PING.IDZ", {}, &status);
    if (!isNwb()) {
        QCOMPARE(status, NATS_NO_RESPONDERS);  // IDZ came with nats-server 2.10
        return;
    }
    QCOMPARE(str(at(v, "data/id")), id);
    QCOMPARE(str(at(v, "data/name")), id);
    QCOMPARE(str(at(v, "data/host")), std::string("127.0.0.1"));
}

void TestSysRequests::accountRequests() {
    SYS_SETUP();
    const auto connz = request(sys, "$SYS.REQ.ACCOUNT.A.CONNZ");
    QCOMPARE(num(at(connz, "data/num_connections")), 1);
    QCOMPARE(num(at(connz, "data/total")), 1);
    QCOMPARE(num(at(connz, "data/connections/0/cid")), static_cast<std::int64_t>(clientId(a)));
    QVERIFY(at(connz, "data/connections/0/account").is_null());  // named only with auth
    const auto with_auth = request(sys, "$SYS.REQ.ACCOUNT.A.CONNZ", R"({"auth":true})");
    QCOMPARE(str(at(with_auth, "data/connections/0/account")), std::string("A"));
    QCOMPARE(str(at(with_auth, "data/connections/0/authorized_user")), std::string("a"));

    // nats-server also lists the internal subscriptions of A's imports; we list clients' only.
    const auto subsz = request(sys, "$SYS.REQ.ACCOUNT.A.SUBSZ");
    std::set<std::string> subjects;
    for (const auto& s : at(subsz, "data/subscriptions_list").as_array()) {
        QCOMPARE(str(at(s, "account")), std::string("A"));
        subjects.insert(str(at(s, "subject")));
    }
    QVERIFY(subjects.contains("foo"));
    QVERIFY(!subjects.contains("_INBOX.>"));

    const auto info = request(sys, "$SYS.REQ.ACCOUNT.A.INFO");
    QCOMPARE(str(at(info, "data/account_name")), std::string("A"));
    QCOMPARE(num(at(info, "data/client_connections")), 1);
    QVERIFY(at(info, "data/is_system").is_null());
    const auto sys_info = request(sys, "$SYS.REQ.ACCOUNT.SYS.INFO");
    QCOMPARE(at(sys_info, "data/is_system"), boost::json::value(true));
    const auto missing = request(sys, "$SYS.REQ.ACCOUNT.NOPE.INFO");
    QCOMPARE(num(at(missing, "error/code")), 500);
    QCOMPARE(str(at(missing, "error/description")), std::string("Account NOPE does not exist"));

    const auto statz = request(sys, "$SYS.REQ.ACCOUNT.A.STATZ");
    QCOMPARE(at(statz, "data/account_statz").as_array().size(), std::size_t{1});
    QCOMPARE(str(at(statz, "data/account_statz/0/acc")), std::string("A"));
    QCOMPARE(num(at(statz, "data/account_statz/0/conns")), 1);

    const auto ping = request(sys, "$SYS.REQ.ACCOUNT.PING.STATZ");
    std::set<std::string> active;
    for (const auto& s : at(ping, "data/account_statz").as_array()) active.insert(str(at(s, "acc")));
    QCOMPARE(active, (std::set<std::string>{"A", "SYS"}));

    // $G has no connection: no answer unless unused accounts are asked for.
    natsStatus status = NATS_OK;
    request(sys, "$SYS.REQ.ACCOUNT.$G.STATZ", {}, &status, kNoAnswerMs);
    QCOMPARE(status, NATS_TIMEOUT);
    const auto unused = request(sys, "$SYS.REQ.ACCOUNT.$G.STATZ", R"({"include_unused":true})");
    QCOMPARE(num(at(unused, "data/account_statz/0/conns")), 0);

    const auto jsz = request(sys, "$SYS.REQ.ACCOUNT.A.JSZ");
    QCOMPARE(num(at(jsz, "error/code")), 500);
    QCOMPARE(str(at(jsz, "error/description")), std::string("jetstream not enabled"));

    const auto conns = request(sys, "$SYS.REQ.ACCOUNT.A.CONNS");
    QCOMPARE(str(at(conns, "type")), std::string("io.nats.server.advisory.v1.account_connections"));
    QCOMPARE(str(at(conns, "acc")), std::string("A"));
    QCOMPARE(num(at(conns, "conns")), 1);
    QCOMPARE(str(at(conns, "server/id")), id);
}

void TestSysRequests::optionErrorsAndFilters() {
    SYS_SETUP();
    const auto bad_type = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"auth":"yes"})");
    QCOMPARE(num(at(bad_type, "error/code")), 400);
    QCOMPARE(str(at(bad_type, "server/id")), id);
    QVERIFY(at(bad_type, "data").is_null());
    QCOMPARE(str(at(bad_type, "error/description")),
             std::string("json: cannot unmarshal string into Go struct field "
                         "ConnzEventOptions.auth of type bool"));
    const auto bad_cid = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"cid":-1})");
    QCOMPARE(str(at(bad_cid, "error/description")),
             std::string("json: cannot unmarshal number -1 into Go struct field "
                         "ConnzEventOptions.cid of type uint64"));
    const auto bad_json = request(sys, "$SYS.REQ.SERVER.PING.VARZ", "x");
    QCOMPARE(num(at(bad_json, "error/code")), 400);
    QCOMPARE(str(at(bad_json, "error/description")),
             std::string("invalid character 'x' looking for beginning of value"));
    const auto bad_sort = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"sort":"bogus"})");
    QCOMPARE(num(at(bad_sort, "error/code")), 500);
    QCOMPARE(str(at(bad_sort, "error/description")), std::string("invalid sorting option: bogus"));
    const auto filter = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"filter_subject":"foo"})");
    QCOMPARE(str(at(filter, "error/description")),
             std::string("filter by subject only valid with account filtering"));

    // A filter that does not match this server: no answer at all.
    natsStatus status = NATS_OK;
    request(sys, "$SYS.REQ.SERVER.PING.VARZ", R"({"server_name":"other-server"})", &status,
            kNoAnswerMs);
    QCOMPARE(status, NATS_TIMEOUT);
    const auto match = request(sys, "$SYS.REQ.SERVER.PING.VARZ",
                               R"({"server_name":")" + id.substr(0, 5) + R"("})");
    QCOMPARE(str(at(match, "data/server_id")), id);
}

void TestSysRequests::otherAccountsSeeNoSysTraffic() {
    SYS_SETUP();
    NWB_SUBSCRIBE(spy, a, "$SYS.>");
    QVERIFY(barrier({a}));
    for (const char* subject : {"$SYS.REQ.SERVER.PING.VARZ", "$SYS.REQ.SERVER.PING",
                                "$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.ACCOUNT.A.CONNZ"}) {
        QVERIFY(request(sys, subject).is_object());
    }
    QVERIFY(barrier({sys, a}));
    QCOMPARE(pendingMsgs(spy), 0);
    natsSubscription_Unsubscribe(spy);  // else it would answer A's own requests below
    QVERIFY(barrier({a}));

    // Account A only has the imports nats-server gives every account: its own CONNZ and STATZ.
    natsStatus status = NATS_OK;
    request(a, "$SYS.REQ.SERVER.PING.VARZ", {}, &status);
    QCOMPARE(status, NATS_NO_RESPONDERS);
    request(a, "$SYS.REQ.ACCOUNT.A.INFO", {}, &status);
    QCOMPARE(status, NATS_NO_RESPONDERS);
    const auto own = request(a, "$SYS.REQ.SERVER.PING.CONNZ");
    QCOMPARE(num(at(own, "data/num_connections")), 1);
    QCOMPARE(num(at(own, "data/connections/0/cid")), static_cast<std::int64_t>(clientId(a)));
    const auto own2 = request(a, "$SYS.REQ.ACCOUNT.PING.CONNZ");
    QCOMPARE(num(at(own2, "data/total")), 1);
    const auto statz = request(a, "$SYS.REQ.ACCOUNT.PING.STATZ");
    QCOMPARE(str(at(statz, "data/account_statz/0/acc")), std::string("A"));
}

void TestSysRequests::periodicStatsz() {
    SYS_SETUP();
    NWB_SUBSCRIBE(stats, sys, "$SYS.SERVER." + id + ".STATSZ");
    QVERIFY(barrier({sys}));
    // The first broadcasts come 250 ms, 500 ms, 1 s, 2 s... after start.
    auto msg = nextMsg(stats, 10'000);
    QVERIFY2(msg.has_value(), describe(msg).c_str());
    const auto v = parseJson(msgData(msg->get()));
    QCOMPARE(str(at(v, "server/id")), id);
    QCOMPARE(num(at(v, "statsz/connections")), 2);
}

void TestSysRequests::clientAdvisories() {
    SYS_SETUP();
    NWB_SUBSCRIBE(events, sys, "$SYS.ACCOUNT.*.*");
    QVERIFY(barrier({sys}));
    std::uint64_t cid = 0;
    {
        NWB_CONNECT(b, server.url(), user("a", "short-lived"));
        cid = clientId(b);
        natsConnection_PublishString(b, "foo", "hi");
        QVERIFY(barrier({b}));
        // Advisories are published from the service's own thread, so the CONNECT of the setup's
        // connection may still be on its way: skip events of other clients.
        auto connect = nextMsg(events, kWaitMs);
        QVERIFY2(connect.has_value(), describe(connect).c_str());
        while (num(at(parseJson(msgData(connect->get())), "client/id")) !=
               static_cast<std::int64_t>(cid)) {
            connect = nextMsg(events, kWaitMs);
            QVERIFY2(connect.has_value(), describe(connect).c_str());
        }
        QCOMPARE(std::string(natsMsg_GetSubject(connect->get())), std::string("$SYS.ACCOUNT.A.CONNECT"));
        const auto c = parseJson(msgData(connect->get()));
        QCOMPARE(str(at(c, "type")), std::string("io.nats.server.advisory.v1.client_connect"));
        QCOMPARE(str(at(c, "server/id")), id);
        QCOMPARE(num(at(c, "client/id")), static_cast<std::int64_t>(cid));
        QCOMPARE(str(at(c, "client/acc")), std::string("A"));
        QCOMPARE(str(at(c, "client/user")), std::string("a"));
        QCOMPARE(str(at(c, "client/name")), std::string("short-lived"));
    }
    auto gone = nextMsg(events, kWaitMs);
    QVERIFY2(gone.has_value(), describe(gone).c_str());
    QCOMPARE(std::string(natsMsg_GetSubject(gone->get())), std::string("$SYS.ACCOUNT.A.DISCONNECT"));
    const auto d = parseJson(msgData(gone->get()));
    QCOMPARE(str(at(d, "type")), std::string("io.nats.server.advisory.v1.client_disconnect"));
    QCOMPARE(num(at(d, "client/id")), static_cast<std::int64_t>(cid));
    QCOMPARE(num(at(d, "sent/msgs")), 1);
    QCOMPARE(str(at(d, "reason")), std::string("Client Closed"));
}

/// Starts a server with accounts A and B and connects sys, a (foo, bar.*), a2 (foo, queue q)
/// and b (foo).
#define TWO_ACCOUNTS_SETUP()                                                           \
    NWB_START_SERVER(server, ServerOptions::withConfig(kTwoAccounts));                 \
    NWB_CONNECT(sys, server.url(), user("sys", "sys-client"));                         \
    NWB_CONNECT(a, server.url(), user("a", "a-client"));                               \
    NWB_CONNECT(a2, server.url(), user("a", "a2-client"));                             \
    NWB_CONNECT(b, server.url(), user("b", "b-client"));                               \
    NWB_SUBSCRIBE(a_foo, a, "foo");                                                    \
    NWB_SUBSCRIBE(a_bar, a, "bar.*");                                                  \
    NWB_SUBSCRIBE(a2_foo, a2, "foo", "q");                                             \
    NWB_SUBSCRIBE(b_foo, b, "foo");                                                    \
    QVERIFY(barrier({a, a2, b, sys}));                                                 \
    const std::string id = serverId(sys)

std::set<std::int64_t> cids(const boost::json::value& connz) {
    std::set<std::int64_t> out;
    const auto& list = at(connz, "data/connections");
    if (list.is_array()) {
        for (const auto& c : list.as_array()) out.insert(num(at(c, "cid")));
    }
    return out;
}

void TestSysRequests::connzScopedToAccount() {
    TWO_ACCOUNTS_SETUP();
    const auto a_cid = static_cast<std::int64_t>(clientId(a));
    const auto a2_cid = static_cast<std::int64_t>(clientId(a2));
    // The import every account gets answers with that account's connections only.
    for (const char* subject : {"$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.ACCOUNT.PING.CONNZ"}) {
        const auto own = request(a, subject);
        QCOMPARE(num(at(own, "data/num_connections")), 2);
        QCOMPARE(num(at(own, "data/total")), 2);
        QCOMPARE(cids(own), (std::set<std::int64_t>{a_cid, a2_cid}));
        const auto other = request(b, subject);
        QCOMPARE(num(at(other, "data/total")), 1);
        QCOMPARE(cids(other), (std::set<std::int64_t>{static_cast<std::int64_t>(clientId(b))}));
    }
    // No other request reaches the system account from an ordinary account.
    for (const std::string& subject :
         {"$SYS.REQ.SERVER." + id + ".CONNZ", std::string("$SYS.REQ.SERVER.PING.SUBSZ"),
          std::string("$SYS.REQ.ACCOUNT.A.SUBSZ"), std::string("$SYS.REQ.ACCOUNT.NSUBS")}) {
        natsStatus status = NATS_OK;
        request(a, subject, R"({"acc":"A","subject":"foo"})", &status);
        QVERIFY2(status == NATS_NO_RESPONDERS, subject.c_str());
    }
    // The global account has no connection here: nothing is listed for it.
    for (const auto& [subject, payload] :
         std::vector<std::pair<std::string, std::string>>{
             {"$SYS.REQ.ACCOUNT.$G.CONNZ", ""},
             {"$SYS.REQ.SERVER.PING.CONNZ", R"({"acc":"$G"})"}}) {
        const auto g = request(sys, subject, payload);
        QCOMPARE(num(at(g, "data/num_connections")), 0);
        QCOMPARE(num(at(g, "data/total")), 0);
    }
    const auto all = request(sys, "$SYS.REQ.SERVER.PING.CONNZ");
    QCOMPARE(num(at(all, "data/total")), 4);
}

void TestSysRequests::connzFilterSubject() {
    TWO_ACCOUNTS_SETUP();
    const auto a_cid = static_cast<std::int64_t>(clientId(a));
    const auto a2_cid = static_cast<std::int64_t>(clientId(a2));
    // Listed: connections with a subscription that collides with the filter; total: the
    // account's connections all the same.
    const auto bar = request(sys, "$SYS.REQ.ACCOUNT.A.CONNZ", R"({"filter_subject":"bar.x"})");
    QCOMPARE(num(at(bar, "data/total")), 2);
    QCOMPARE(num(at(bar, "data/num_connections")), 1);
    QCOMPARE(cids(bar), (std::set<std::int64_t>{a_cid}));
    const auto wide = request(sys, "$SYS.REQ.ACCOUNT.A.CONNZ", R"({"filter_subject":"foo.>"})");
    QCOMPARE(num(at(wide, "data/num_connections")), 0);
    const auto foo = request(a, "$SYS.REQ.SERVER.PING.CONNZ", R"({"filter_subject":"*"})");
    QCOMPARE(cids(foo), (std::set<std::int64_t>{a_cid, a2_cid}));
    const auto any = request(sys, "$SYS.REQ.SERVER.PING.CONNZ",
                             R"({"acc":"A","filter_subject":">"})");
    QCOMPARE(num(at(any, "data/num_connections")), 2);
    const auto bad = request(sys, "$SYS.REQ.SERVER.PING.CONNZ",
                             R"({"filter_subject":"foo","sort":"bogus"})");
    QCOMPARE(str(at(bad, "error/description")), std::string("invalid sorting option: bogus"));
}

void TestSysRequests::subszAcrossAccounts() {
    TWO_ACCOUNTS_SETUP();
    // nats-server lists internal subscriptions too: the subject filter keeps the clients' only.
    const auto foo = request(sys, "$SYS.REQ.SERVER.PING.SUBSZ",
                             R"({"subscriptions":true,"test":"foo"})");
    QCOMPARE(num(at(foo, "data/total")), 3);
    std::multiset<std::string> owners;
    for (const auto& s : at(foo, "data/subscriptions_list").as_array()) {
        owners.insert(str(at(s, "account")));
    }
    QCOMPARE(owners, (std::multiset<std::string>{"A", "A", "B"}));
    const auto b_only = request(sys, "$SYS.REQ.SERVER.PING.SUBSZ",
                                R"({"subscriptions":true,"test":"foo","account":"B"})");
    QCOMPARE(num(at(b_only, "data/total")), 1);
    QCOMPARE(num(at(b_only, "data/subscriptions_list/0/cid")),
             static_cast<std::int64_t>(clientId(b)));
    const auto bar = request(sys, "$SYS.REQ.ACCOUNT.A.SUBSZ", R"({"test":"bar.baz"})");
    QCOMPARE(num(at(bar, "data/total")), 1);
    QCOMPARE(str(at(bar, "data/subscriptions_list/0/subject")), std::string("bar.*"));
    const auto none = request(sys, "$SYS.REQ.ACCOUNT.B.SUBSZ", R"({"test":"bar.baz"})");
    QCOMPARE(num(at(none, "data/total")), 0);
    QVERIFY(at(none, "data/subscriptions_list").is_null());
    // Statistics of one account never exceed those of all.
    const auto all = request(sys, "$SYS.REQ.SERVER.PING.SUBSZ");
    const auto just_a = request(sys, "$SYS.REQ.SERVER.PING.SUBSZ", R"({"account":"A"})");
    QVERIFY(num(at(just_a, "data/num_subscriptions")) >= 3);  // foo, bar.* and a2's foo
    QVERIFY(num(at(all, "data/num_subscriptions")) > num(at(just_a, "data/num_subscriptions")));
    const auto nope = request(sys, "$SYS.REQ.SERVER.PING.SUBSZ", R"({"account":"NOPE"})");
    QCOMPARE(num(at(nope, "data/num_subscriptions")), 0);
}

void TestSysRequests::subscriberCounts() {
    TWO_ACCOUNTS_SETUP();
    NWB_SUBSCRIBE(sys_foo, sys, "foo");
    NWB_SUBSCRIBE(sys_wide, sys, "foo.*", "q");
    QVERIFY(barrier({sys}));
    // $SYS.REQ.ACCOUNT.NSUBS: {"acc","subject","queue" (base64)} -> a bare number.
    const std::pair<std::string, std::int64_t> nsubs[] = {
        {R"({"acc":"A","subject":"foo"})", 2},
        {R"({"acc":"A","subject":"bar.x"})", 1},
        {R"({"acc":"A","subject":">"})", 3},
        {R"({"acc":"A","subject":"foo","queue":"cQ=="})", 1},
        {R"({"acc":"A","subject":"bar.*","queue":"cQ=="})", 0},
        {R"({"acc":"B","subject":"foo"})", 1},
        {R"({"acc":"B","subject":"nothing"})", 0},
    };
    for (const auto& [payload, expected] : nsubs) {
        const auto v = request(sys, "$SYS.REQ.ACCOUNT.NSUBS", payload);
        QVERIFY2(v.is_number(), payload.c_str());
        QCOMPARE(num(v), expected);
    }
    // No answer for an account without connections, an unknown one, or a body it cannot read.
    for (const char* payload : {R"({"acc":"$G","subject":"foo"})",
                                R"({"acc":"NOPE","subject":"foo"})", "", "x",
                                R"({"acc":"A","subject":"foo","queue":"q"})"}) {
        natsStatus status = NATS_OK;
        request(sys, "$SYS.REQ.ACCOUNT.NSUBS", payload, &status, kNoAnswerMs);
        QVERIFY2(status == NATS_TIMEOUT, payload);
    }
    // $SYS.DEBUG.SUBSCRIBERS: "<subject> [<queue>]" about the requester's (system) account.
    const std::pair<std::string, std::int64_t> debug[] = {
        // sys has foo, foo.* (queue q) and libnats' reply subscription _INBOX.<id>.*
        {"foo", 1}, {"foo.x", 1}, {"foo.>", 1}, {">", 3}, {"foo.x q", 1}, {"foo r", 0}, {"", 0},
    };
    for (const auto& [payload, expected] : debug) {
        const auto v = request(sys, "$SYS.DEBUG.SUBSCRIBERS", payload);
        QVERIFY2(v.is_number(), payload.c_str());
        QCOMPARE(num(v), expected);
    }
    // A Nats-Request-Info header names the account; any other header leaves it unreadable.
    natsStatus status = NATS_OK;
    const std::string for_a = requestWithHeader(sys, "$SYS.DEBUG.SUBSCRIBERS", "foo",
                                                "Nats-Request-Info", R"({"acc":"A"})", &status);
    QCOMPARE(status, NATS_OK);
    QCOMPARE(for_a, std::string("2"));
    requestWithHeader(sys, "$SYS.DEBUG.SUBSCRIBERS", "foo", "X-Other", "1", &status,
                      kNoAnswerMs);
    QCOMPARE(status, NATS_TIMEOUT);
}

void TestSysRequests::compressedReplies() {
    SYS_SETUP();
    // An Accept-Encoding header compresses a successful reply (nats-server's zReq).
    MsgPtr gz = requestMsg(sys, "$SYS.REQ.SERVER.PING.CONNZ", "", "Accept-Encoding", "gzip");
    QVERIFY(gz);
    QCOMPARE(header(gz.get(), "Content-Encoding"), std::string("gzip"));
    const auto connz = parseJson(gunzip(msgData(gz.get())));
    QCOMPARE(str(at(connz, "server/id")), id);
    QCOMPARE(num(at(connz, "data/total")), 2);
    MsgPtr acc = requestMsg(sys, "$SYS.REQ.ACCOUNT.A.CONNZ", "", "Accept-Encoding", "x, GZIP");
    QCOMPARE(header(acc.get(), "Content-Encoding"), std::string("gzip"));
    QCOMPARE(num(at(parseJson(gunzip(msgData(acc.get()))), "data/total")), 1);
    // snappy (or s2) wins over gzip: the snappy framing format's stream identifier comes first.
    MsgPtr snappy =
        requestMsg(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "", "Accept-Encoding", "gzip, s2");
    QCOMPARE(header(snappy.get(), "Content-Encoding"), std::string("snappy"));
    QVERIFY(msgData(snappy.get()).starts_with(std::string("\xff\x06\x00\x00sNaPpY", 10)));
    // Any other encoding: "identity", the JSON as it is.
    MsgPtr identity = requestMsg(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "", "Accept-Encoding", "br");
    QCOMPARE(header(identity.get(), "Content-Encoding"), std::string("identity"));
    QCOMPARE(str(at(parseJson(msgData(identity.get())), "data/status")), std::string("ok"));
    // Errors and STATSZ are never compressed.
    MsgPtr error = requestMsg(sys, "$SYS.REQ.SERVER.PING.CONNZ", R"({"sort":"bogus"})",
                              "Accept-Encoding", "gzip");
    QCOMPARE(header(error.get(), "Content-Encoding"), std::string());
    QCOMPARE(num(at(parseJson(msgData(error.get())), "error/code")), 500);
    MsgPtr statsz = requestMsg(sys, "$SYS.REQ.SERVER.PING.STATSZ", "", "Accept-Encoding", "gzip");
    QCOMPARE(header(statsz.get(), "Content-Encoding"), std::string());
    QCOMPARE(num(at(parseJson(msgData(statsz.get())), "statsz/connections")), 2);
}

namespace {

std::set<std::string> keysOf(const boost::json::value& v) {
    std::set<std::string> keys;
    if (v.is_object()) {
        for (const auto& [key, value] : v.get_object()) keys.emplace(key);
    }
    return keys;
}

const std::set<std::string> kServerInfoKeys = {"name", "host", "id", "ver", "seq", "jetstream",
                                               "time"};

}  // namespace

void TestSysRequests::shutdownEvent() {
    NWB_START_SERVER(server, ServerOptions::withConfig(kConfig));
    std::string id;
    {
        NWB_CONNECT(probe, server.url(), user("sys"));
        id = serverId(probe);
    }
    // Raw connections read everything up to the close, which libnats may drop as it closes.
    const auto subscriber = [&](const char* name) {
        auto raw = RawConnection::open(server.port());
        if (!raw) return raw;
        raw->sendAll(std::string("CONNECT {\"verbose\":false,\"user\":\"") + name +
                     "\",\"pass\":\"" + name + "\"}\r\nSUB $SYS.SERVER.> 1\r\nPING\r\n");
        return raw;
    };
    auto sys_raw = subscriber("sys");
    QVERIFY2(sys_raw.has_value(), describe(sys_raw).c_str());
    auto a_raw = subscriber("a");  // another account never sees it
    QVERIFY2(a_raw.has_value(), describe(a_raw).c_str());
    for (RawConnection* raw : {&*sys_raw, &*a_raw}) {
        QCOMPARE(raw->readUntil("PONG\r\n", std::chrono::milliseconds(kWaitMs)),
                 RawConnection::ReadEnd::kFound);
    }
    const std::size_t sys_from = sys_raw->received().size();
    const std::size_t a_from = a_raw->received().size();
    QVERIFY(server.sendSignal(SIGTERM));
    // Sent before the clients are closed: it is there when the connection ends.
    QVERIFY(sys_raw->readToEnd(std::chrono::milliseconds(kWaitMs)) !=
            RawConnection::ReadEnd::kTimeout);
    QVERIFY(a_raw->readToEnd(std::chrono::milliseconds(kWaitMs)) !=
            RawConnection::ReadEnd::kTimeout);
    QVERIFY(server.waitForExit(std::chrono::milliseconds(kWaitMs)).has_value());
    QVERIFY2(a_raw->received().find("MSG ", a_from) == std::string::npos,
             a_raw->received().c_str());

    const std::string head = "MSG $SYS.SERVER." + id + ".SHUTDOWN 1 ";
    const std::string& got = sys_raw->received();
    const std::size_t at_msg = got.find(head, sys_from);
    QVERIFY2(at_msg != std::string::npos, got.c_str());
    QCOMPARE(got.find(head, at_msg + 1), std::string::npos);  // exactly one
    const std::size_t line_end = got.find("\r\n", at_msg);
    QVERIFY(line_end != std::string::npos);
    const std::size_t length =
        std::stoul(got.substr(at_msg + head.size(), line_end - at_msg - head.size()));
    QVERIFY(line_end + 2 + length <= got.size());
    const auto v = parseJson(got.substr(line_end + 2, length));
    QCOMPARE(keysOf(v), kServerInfoKeys);  // a bare ServerInfo, no envelope, no reply subject
    QCOMPARE(str(at(v, "id")), id);
    QCOMPARE(str(at(v, "name")), id);
    QCOMPARE(str(at(v, "host")), std::string("127.0.0.1"));
    QCOMPARE(str(at(v, "ver")), expectedServerVersion());
    QVERIFY(num(at(v, "seq")) > 0);
    QCOMPARE(at(v, "jetstream").as_bool(), false);
}

void TestSysRequests::authErrorEvents() {
    SYS_SETUP();
    NWB_SUBSCRIBE(errors, sys, "$SYS.SERVER.*.CLIENT.AUTH.ERR");
    NWB_SUBSCRIBE(a_sys, a, "$SYS.SERVER.>");  // another account never sees them
    QVERIFY(barrier({sys, a}));

    // Three failed attempts: a wrong password, a token where users are configured, and a PUB
    // before CONNECT (a raw connection).
    auto wrong = nwb::test::connect(server.url(), [](natsOptions* o) {
        natsOptions_SetUserInfo(o, "a", "wrong");
        natsOptions_SetName(o, "bad-password");
    });
    QCOMPARE(wrong.error(), NATS_CONNECTION_AUTH_FAILED);
    auto token = nwb::test::connect(server.url(), [](natsOptions* o) {
        natsOptions_SetToken(o, "not-a-user");
    });
    QCOMPARE(token.error(), NATS_CONNECTION_AUTH_FAILED);
    auto raw = RawConnection::open(server.port());
    QVERIFY2(raw.has_value(), describe(raw).c_str());
    QVERIFY(raw->sendAll("PUB foo 2\r\nhi\r\n"));
    QCOMPARE(raw->readToEnd(std::chrono::milliseconds(kWaitMs)), RawConnection::ReadEnd::kEof);
    QVERIFY(raw->received().ends_with("-ERR 'Authorization Violation'\r\n"));

    std::vector<boost::json::value> events;
    for (int i = 0; i < 3; ++i) {
        auto msg = nextMsg(errors, kWaitMs);
        QVERIFY2(msg.has_value(), describe(msg).c_str());
        QCOMPARE(std::string(natsMsg_GetSubject(msg->get())),
                 "$SYS.SERVER." + id + ".CLIENT.AUTH.ERR");
        events.push_back(parseJson(msgData(msg->get())));
    }
    // One event per attempt, no more.
    QCOMPARE(nextMsg(errors, kNoAnswerMs).error(), NATS_TIMEOUT);
    QCOMPARE(pendingMsgs(a_sys), 0);
    // Published from the service's thread: the order of the three is not fixed.
    const auto find = [&](const std::string& name) -> const boost::json::value* {
        for (const auto& e : events) {
            if (at(e, "client").as_object().contains("name") ? str(at(e, "client/name")) == name
                                                            : name.empty()) {
                return &e;
            }
        }
        return nullptr;
    };
    const std::set<std::string> top = {"type", "id",       "timestamp", "server",
                                       "client", "sent", "received",  "reason"};
    for (const auto& e : events) {
        QCOMPARE(keysOf(e), top);
        QCOMPARE(str(at(e, "type")), std::string("io.nats.server.advisory.v1.client_disconnect"));
        QCOMPARE(str(at(e, "reason")), std::string("Authentication Failure"));
        QCOMPARE(keysOf(at(e, "server")), kServerInfoKeys);
        QCOMPARE(str(at(e, "server/id")), id);
        QCOMPARE(str(at(e, "id")).size(), std::size_t{22});
        QCOMPARE(str(at(e, "client/acc")), std::string("$G"));
        QCOMPARE(str(at(e, "client/host")), std::string("127.0.0.1"));
        QVERIFY(num(at(e, "client/id")) > 0);
        QCOMPARE(str(at(e, "client/kind")), std::string("Client"));
        QCOMPARE(str(at(e, "client/client_type")), std::string("nats"));
        QCOMPARE(str(at(e, "client/stop")), str(at(e, "timestamp")));
        QCOMPARE(keysOf(at(e, "sent")), (std::set<std::string>{"msgs", "bytes"}));
        QCOMPARE(num(at(e, "sent/msgs")), 0);
        QCOMPARE(num(at(e, "received/msgs")), 0);
    }
    const std::set<std::string> libnats_client = {"start", "host", "id",   "acc",  "user",
                                                  "lang",  "ver",  "rtt",  "stop", "kind",
                                                  "client_type"};
    const boost::json::value* password = find("bad-password");
    QVERIFY(password != nullptr);
    auto with_name = libnats_client;
    with_name.insert("name");
    QCOMPARE(keysOf(at(*password, "client")), with_name);
    QCOMPARE(str(at(*password, "client/user")), std::string("a"));  // the user it claimed
    QCOMPARE(str(at(*password, "client/lang")), std::string("C"));
    QVERIFY(num(at(*password, "client/rtt")) > 0);
    // With a token, nats-server reports the token itself as the user.
    const boost::json::value* by_token = nullptr;
    const boost::json::value* raw_event = nullptr;
    for (const auto& e : events) {
        if (&e == password) continue;
        (at(e, "client").as_object().contains("lang") ? by_token : raw_event) = &e;
    }
    QVERIFY(by_token != nullptr && raw_event != nullptr);
    QCOMPARE(keysOf(at(*by_token, "client")), libnats_client);
    QCOMPARE(str(at(*by_token, "client/user")), std::string("not-a-user"));
    // The raw client sent no CONNECT: no user, name, lang, version or round-trip time.
    QCOMPARE(keysOf(at(*raw_event, "client")),
             (std::set<std::string>{"start", "host", "id", "acc", "stop", "kind", "client_type"}));
}

QTEST_APPLESS_MAIN(TestSysRequests)
#include "tst_sys_requests.moc"
