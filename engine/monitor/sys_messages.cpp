// The JSON documents of nats-server's system account, built from the engine's accounts, counters
// and connections; request options are checked as Go's json.Unmarshal checks them.
#include "engine/monitor/sys_messages.h"

#include "engine/base/usable_cpus.h"
#include "engine/core/account.h"
#include "engine/core/server.h"
#include "engine/monitor/go_json.h"
#include "engine/monitor/go_time.h"
#include "engine/protocol/subject.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace nwb::monitor {
namespace {

constexpr std::int64_t kDefaultListSize = 1024;

enum class FieldKind { Bool, Int, Uint, String, Strings, ConnState };

/// One option field: its JSON name and kind, and the query parameter it becomes.
struct Field {
    const char* json;
    FieldKind kind;
    const char* query;  ///< null: not a query parameter (read by the caller from `raw`)
};

struct OptionsSpec {
    const char* go_type;
    std::vector<Field> fields;
};

const OptionsSpec& optionsSpec(SysEndpoint endpoint) {
    using K = FieldKind;
    static const OptionsSpec kStatsz{"StatszEventOptions", {}};
    static const OptionsSpec kVarz{"VarzEventOptions", {}};
    static const OptionsSpec kIdz{"IdzEventOptions", {}};
    static const OptionsSpec kSubsz{"SubszEventOptions",
                                    {{"offset", K::Int, "offset"},
                                     {"limit", K::Int, "limit"},
                                     {"subscriptions", K::Bool, "subs"},
                                     {"account", K::String, "acc"},
                                     {"test", K::String, "test"}}};
    static const OptionsSpec kConnz{"ConnzEventOptions",
                                    {{"sort", K::String, "sort"},
                                     {"auth", K::Bool, "auth"},
                                     {"subscriptions", K::Bool, nullptr},
                                     {"subscriptions_detail", K::Bool, nullptr},
                                     {"offset", K::Int, "offset"},
                                     {"limit", K::Int, "limit"},
                                     {"cid", K::Uint, "cid"},
                                     {"mqtt_client", K::String, "mqtt_client"},
                                     {"state", K::ConnState, "state"},
                                     {"user", K::String, "user"},
                                     {"acc", K::String, "acc"},
                                     {"filter_subject", K::String, nullptr}}};
    static const OptionsSpec kRoutez{"RoutezEventOptions",
                                     {{"subscriptions", K::Bool, nullptr},
                                      {"subscriptions_detail", K::Bool, nullptr}}};
    static const OptionsSpec kGatewayz{"GatewayzEventOptions",
                                       {{"name", K::String, "gw_name"},
                                        {"accounts", K::Bool, "accs"},
                                        {"account_name", K::String, "acc_name"}}};
    static const OptionsSpec kLeafz{
        "LeafzEventOptions",
        {{"subscriptions", K::Bool, "subs"}, {"account", K::String, "acc"}}};
    static const OptionsSpec kAccountz{"AccountzEventOptions", {{"account", K::String, "acc"}}};
    static const OptionsSpec kJsz{"JszEventOptions",
                                  {{"account", K::String, "acc"},
                                   {"accounts", K::Bool, "accounts"},
                                   {"streams", K::Bool, "streams"},
                                   {"consumer", K::Bool, "consumers"},
                                   {"config", K::Bool, "config"},
                                   {"leader_only", K::Bool, "leader-only"},
                                   {"offset", K::Int, "offset"},
                                   {"limit", K::Int, "limit"}}};
    static const OptionsSpec kHealthz{"HealthzEventOptions",
                                      {{"js-enabled-only", K::Bool, "js-enabled-only"},
                                       {"js-server-only", K::Bool, "js-server-only"}}};
    switch (endpoint) {
        case SysEndpoint::Statsz:
            return kStatsz;
        case SysEndpoint::Varz:
            return kVarz;
        case SysEndpoint::Subsz:
            return kSubsz;
        case SysEndpoint::Connz:
            return kConnz;
        case SysEndpoint::Routez:
            return kRoutez;
        case SysEndpoint::Gatewayz:
            return kGatewayz;
        case SysEndpoint::Leafz:
            return kLeafz;
        case SysEndpoint::Accountz:
            return kAccountz;
        case SysEndpoint::Jsz:
            return kJsz;
        case SysEndpoint::Healthz:
            return kHealthz;
        case SysEndpoint::Idz:
            return kIdz;
    }
    return kVarz;
}

/// Go's name of a JSON value's type in "cannot unmarshal X into ..." errors.
std::string goJsonKind(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::bool_:
            return "bool";
        case boost::json::kind::string:
            return "string";
        case boost::json::kind::array:
            return "array";
        case boost::json::kind::object:
            return "object";
        case boost::json::kind::null:
            return "null";
        default:
            return "number";
    }
}

std::string goTypeName(FieldKind kind) {
    switch (kind) {
        case FieldKind::Bool:
            return "bool";
        case FieldKind::Int:
        case FieldKind::ConnState:
            return "int";
        case FieldKind::Uint:
            return "uint64";
        case FieldKind::String:
            return "string";
        case FieldKind::Strings:
            return "[]string";
    }
    return "?";
}

/// The query-string form of a JSON option value, or nullopt if Go would refuse the type.
std::optional<std::string> queryValue(const boost::json::value& v, FieldKind kind) {
    switch (kind) {
        case FieldKind::Bool:
            if (!v.is_bool()) return std::nullopt;
            return v.get_bool() ? "true" : "false";
        case FieldKind::Int:
        case FieldKind::ConnState:
        case FieldKind::Uint: {
            std::int64_t n = 0;
            if (v.is_int64()) {
                n = v.get_int64();
            } else if (v.is_uint64() && kind == FieldKind::Uint) {
                return std::to_string(v.get_uint64());
            } else {
                return std::nullopt;
            }
            if (kind == FieldKind::Uint && n < 0) return std::nullopt;
            if (kind == FieldKind::ConnState) return n == 1 ? "closed" : n == 2 ? "any" : "open";
            return std::to_string(n);
        }
        case FieldKind::String:
            if (!v.is_string()) return std::nullopt;
            return std::string(v.get_string());
        case FieldKind::Strings:
            if (!v.is_array()) return std::nullopt;
            for (const auto& e : v.get_array()) {
                if (!e.is_string()) return std::nullopt;
            }
            return std::string();
    }
    return std::nullopt;
}

std::string percentEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

/// Go's json syntax error texts for the common cases.
std::string goSyntaxError(std::string_view payload, const boost::system::error_code& ec) {
    if (ec == boost::json::error::incomplete) return "unexpected end of JSON input";
    const auto first = payload.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "unexpected end of JSON input";
    const char c = payload[first];
    if (std::string_view("{[\"-0123456789tfn").find(c) == std::string_view::npos) {
        return std::string("invalid character '") + c + "' looking for beginning of value";
    }
    return "invalid JSON: " + ec.message();
}

boost::json::object dataStats(std::int64_t msgs, std::int64_t bytes) {
    return boost::json::object{{"msgs", msgs}, {"bytes", bytes}};
}

std::string hostOf(core::Server& server) {
    const core::ServerOptions& o = server.options();
    return o.client_advertise.empty() ? o.host : o.client_advertise;
}

/// Go's SubjectsCollide: some literal subject matches both (either may hold wildcards).
bool subjectsCollide(std::string_view a, std::string_view b) {
    const auto split = [](std::string_view s) {
        std::vector<std::string_view> tokens;
        std::size_t start = 0;
        while (true) {
            const std::size_t dot = s.find('.', start);
            tokens.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
            if (dot == std::string_view::npos) return tokens;
            start = dot + 1;
        }
    };
    const std::vector<std::string_view> ta = split(a);
    const std::vector<std::string_view> tb = split(b);
    for (std::size_t i = 0; i < ta.size() && i < tb.size(); ++i) {
        if (ta[i] == ">" || tb[i] == ">") return true;
        if (ta[i] != "*" && tb[i] != "*" && ta[i] != tb[i]) return false;
    }
    return ta.size() == tb.size();
}

/// The service imports nats-server gives every other account from the system account.
boost::json::array systemImports(std::string_view system, std::string_view account) {
    boost::json::array list;
    const std::string connz = "$SYS.REQ.ACCOUNT." + std::string(account) + ".CONNZ";
    const std::string statz = "$SYS.REQ.ACCOUNT." + std::string(account) + ".STATZ";
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"$SYS.REQ.ACCOUNT.PING.CONNZ", connz},
             {"$SYS.REQ.SERVER.PING.CONNZ", connz},
             {"$SYS.REQ.ACCOUNT.PING.STATZ", statz}}) {
        boost::json::object i;
        i["subject"] = from;
        i["account"] = system;
        i["to"] = to;
        i["type"] = "service";
        i["invalid"] = false;
        i["share"] = false;
        i["tracking"] = false;
        list.push_back(std::move(i));
    }
    return list;
}

/// The service exports nats-server adds to the system account.
boost::json::array systemExports() {
    boost::json::array list;
    for (const char* subject : {"$SYS.REQ.ACCOUNT.*.CONNZ", "$SYS.REQ.ACCOUNT.*.STATZ"}) {
        boost::json::object e;
        e["subject"] = subject;
        e["type"] = "service";
        e["response_type"] = "Streamed";
        list.push_back(std::move(e));
    }
    boost::json::object debug;
    debug["subject"] = "$SYS.DEBUG.SUBSCRIBERS";
    debug["type"] = "service";
    debug["response_type"] = "Singleton";
    list.push_back(std::move(debug));
    return list;
}

/// Inserts "account" (after the user, before the lists) into each listed connection of an
/// account other than "$G", as nats-server's ConnInfo has it with `auth`.
void nameAccounts(boost::json::object& doc, core::Server& server) {
    std::map<std::uint64_t, std::string> owner;
    for (const core::ConnectionInfo& ci : server.connections(false)) owner[ci.cid] = ci.account;
    for (const core::ConnectionInfo& ci : server.closedConnections()) owner[ci.cid] = ci.account;
    auto* list = doc.if_contains("connections");
    if (list == nullptr || !list->is_array()) return;
    for (boost::json::value& entry : list->as_array()) {
        boost::json::object& conn = entry.as_object();
        const auto it = owner.find(conn["cid"].to_number<std::uint64_t>());
        if (it == owner.end() || it->second.empty() || it->second == core::kGlobalAccountName) {
            continue;
        }
        boost::json::object named;
        for (auto& [k, v] : conn) {
            if (k == "subscriptions_list" || k == "subscriptions_list_detail") {
                named["account"] = it->second;
            }
            named[k] = std::move(v);
        }
        if (!named.contains("account")) named["account"] = it->second;
        conn = std::move(named);
    }
}

}  // namespace

EndpointResult sysConnz(MonitorContext& ctx, const QueryParams& query) {
    EndpointResult doc = connz(ctx, query);
    const auto auth = query.decodeBool("auth");
    if (doc && doc->is_object() && auth && *auth) nameAccounts(doc->as_object(), ctx.server);
    return doc;
}

std::string_view sysEndpointToken(SysEndpoint endpoint) {
    static constexpr std::string_view kTokens[] = {"STATSZ",   "VARZ",  "SUBSZ",    "CONNZ",
                                                   "ROUTEZ",   "GATEWAYZ", "LEAFZ", "ACCOUNTZ",
                                                   "JSZ",      "HEALTHZ",  "IDZ"};
    return kTokens[static_cast<std::size_t>(endpoint)];
}

boost::json::object sysServerInfo(core::Server& server, std::uint64_t seq) {
    boost::json::object o;
    o["name"] = server.serverName();
    o["host"] = hostOf(server);
    o["id"] = server.serverId();
    o["ver"] = std::string(core::kAdvertisedVersion);
    o["seq"] = seq;
    o["jetstream"] = server.options().jetstream;
    o["time"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    return o;
}

std::expected<SysRequestOptions, std::string> parseSysOptions(core::Server& server,
                                                              SysEndpoint endpoint,
                                                              std::string_view payload) {
    SysRequestOptions out;
    if (payload.empty()) return out;
    const OptionsSpec& spec = optionsSpec(endpoint);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(payload, ec);
    if (ec) return std::unexpected(goSyntaxError(payload, ec));
    if (v.is_null()) return out;  // Go leaves the struct as it is
    if (!v.is_object()) {
        return std::unexpected("json: cannot unmarshal " + goJsonKind(v) +
                               " into Go value of type server." + spec.go_type);
    }
    out.raw = v.get_object();
    std::string query;
    std::string first_error;
    const auto typeError = [&](const char* field, const boost::json::value& value,
                               FieldKind kind) {
        if (!first_error.empty()) return;
        std::string what = goJsonKind(value);
        // A number that does not fit a numeric field is quoted ("number -1", "number 1.5").
        const bool numeric_field = kind == FieldKind::Int || kind == FieldKind::Uint ||
                                   kind == FieldKind::ConnState;
        if (numeric_field && value.is_number()) what += " " + goJson(value, false);
        first_error = "json: cannot unmarshal " + what + " into Go struct field " + spec.go_type +
                      "." + field + " of type " + goTypeName(kind);
    };
    for (const Field& f : spec.fields) {
        const auto it = out.raw.find(f.json);
        if (it == out.raw.end() || it->value().is_null()) continue;
        const auto text = queryValue(it->value(), f.kind);
        if (!text) {
            typeError(f.json, it->value(), f.kind);
            continue;
        }
        if (f.query == nullptr) continue;
        if (!query.empty()) query += '&';
        query += std::string(f.query) + "=" + percentEncode(*text);
    }
    if (endpoint == SysEndpoint::Connz || endpoint == SysEndpoint::Routez) {
        const auto flag = [&](const char* key) {
            const auto it = out.raw.find(key);
            return it != out.raw.end() && it->value().is_bool() && it->value().get_bool();
        };
        const char* subs = flag("subscriptions_detail") ? "detail"
                           : flag("subscriptions")      ? "true"
                                                        : nullptr;
        if (subs != nullptr) query += std::string(query.empty() ? "" : "&") + "subs=" + subs;
    }
    // The filter common to every request (EventFilterOptions).
    static const Field kFilter[] = {{"server_name", FieldKind::String, nullptr},
                                    {"cluster", FieldKind::String, nullptr},
                                    {"host", FieldKind::String, nullptr},
                                    {"tags", FieldKind::Strings, nullptr},
                                    {"domain", FieldKind::String, nullptr}};
    for (const Field& f : kFilter) {
        const auto it = out.raw.find(f.json);
        if (it == out.raw.end() || it->value().is_null()) continue;
        if (!queryValue(it->value(), f.kind)) typeError(f.json, it->value(), f.kind);
    }
    if (!first_error.empty()) return std::unexpected(first_error);
    const auto text = [&](const char* key) -> std::string {
        const auto it = out.raw.find(key);
        return it != out.raw.end() && it->value().is_string()
                   ? std::string(it->value().get_string())
                   : std::string();
    };
    if (const std::string name = text("server_name");
        !name.empty() && server.serverName().find(name) == std::string::npos) {
        out.ignore = true;
    }
    if (const std::string host = text("host");
        !host.empty() && hostOf(server).find(host) == std::string::npos) {
        out.ignore = true;
    }
    // No cluster, no tags and no JetStream domain here: any of them excludes this server.
    if (!text("cluster").empty() || !text("domain").empty()) out.ignore = true;
    if (const auto it = out.raw.find("tags");
        it != out.raw.end() && it->value().is_array() && !it->value().get_array().empty()) {
        out.ignore = true;
    }
    out.query = QueryParams(query);
    return out;
}

boost::json::object serverStats(core::Server& server, const ProcUsage& usage) {
    const core::ServerCounters& c = server.counters();
    const std::vector<core::ConnectionInfo> open = server.connections(false);
    std::set<std::string> active;
    for (const core::ConnectionInfo& ci : open) active.insert(ci.account);
    // The system account's internal client makes it active in nats-server.
    if (core::Account* sys = server.systemAccount()) active.insert(sys->name());
    std::size_t subscriptions = 0;
    for (core::Account* a : server.accounts()) subscriptions += a->trie().count();
    boost::json::object s;
    s["start"] = rfc3339Nano(server.startTime(), TimeZone::Local);
    s["mem"] = usage.rssBytes();
    s["cores"] = base::usableCpus();
    s["cpu"] = usage.cpuPercent();
    s["connections"] = open.size();
    s["total_connections"] = c.total_connections.load(std::memory_order_relaxed);
    s["active_accounts"] = active.size();
    s["subscriptions"] = subscriptions;
    s["sent"] = dataStats(c.out_msgs.load(std::memory_order_relaxed),
                          c.out_bytes.load(std::memory_order_relaxed));
    s["received"] = dataStats(c.in_msgs.load(std::memory_order_relaxed),
                              c.in_bytes.load(std::memory_order_relaxed));
    s["slow_consumers"] = c.slow_consumers.load(std::memory_order_relaxed);
    s["active_servers"] = 1;
    return s;
}

boost::json::object accountStat(core::Server& /*server*/, core::Account& account,
                                const std::vector<core::ConnectionInfo>& open) {
    // Exact totals since start: closed connections' (kept by the account) plus the open ones'.
    const core::Account::Totals closed = account.closedTotals();
    std::int64_t conns = 0;
    std::int64_t in_msgs = closed.in_msgs;
    std::int64_t in_bytes = closed.in_bytes;
    std::int64_t out_msgs = closed.out_msgs;
    std::int64_t out_bytes = closed.out_bytes;
    for (const core::ConnectionInfo& ci : open) {
        if (ci.account != account.name()) continue;
        ++conns;
        in_msgs += ci.in_msgs;
        in_bytes += ci.in_bytes;
        out_msgs += ci.out_msgs;
        out_bytes += ci.out_bytes;
    }
    boost::json::object s;
    s["acc"] = account.name();
    s["conns"] = conns;
    s["leafnodes"] = 0;
    s["total_conns"] = conns;
    s["sent"] = dataStats(out_msgs, out_bytes);
    s["received"] = dataStats(in_msgs, in_bytes);
    s["slow_consumers"] = 0;
    return s;
}

boost::json::object accountStatz(core::Server& server, const std::vector<std::string>& accounts,
                                 bool include_unused, std::size_t& listed) {
    const std::vector<core::ConnectionInfo> open = server.connections(false);
    std::vector<core::Account*> chosen;
    if (accounts.empty()) {
        chosen = server.accounts();
    } else {
        for (const std::string& name : accounts) {
            if (core::Account* a = server.findAccount(name)) chosen.push_back(a);
        }
    }
    boost::json::array list;
    for (core::Account* a : chosen) {
        boost::json::object s = accountStat(server, *a, open);
        if (!include_unused && s["conns"].as_int64() == 0) continue;
        list.push_back(std::move(s));
    }
    listed = list.size();
    boost::json::object o;
    o["server_id"] = server.serverId();
    o["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    o["account_statz"] = std::move(list);
    return o;
}

std::expected<boost::json::object, std::string> accountInfo(core::Server& server,
                                                            std::string_view name) {
    core::Account* account = server.findAccount(name);
    if (account == nullptr) return std::unexpected("Account " + std::string(name) + " does not exist");
    const bool is_system = account == server.systemAccount();
    std::int64_t clients = 0;
    for (const core::ConnectionInfo& ci : server.connections(false)) {
        if (ci.account == account->name()) ++clients;
    }
    boost::json::object d;
    d["account_name"] = account->name();
    d["update_time"] = rfc3339Nano(server.startTime(), TimeZone::Utc);
    if (is_system) d["is_system"] = true;
    d["expired"] = false;
    d["complete"] = true;
    const core::Account* sys_account = server.systemAccount();
    const std::string_view sys_name = sys_account ? sys_account->name() : std::string_view();
    d["jetstream_enabled"] =
        server.options().jetstream && server.options().jetStreamServes(account->name(), sys_name);
    d["leafnode_connections"] = 0;
    d["client_connections"] = clients;
    d["subscriptions"] = account->trie().count();
    if (core::Account* sys = server.systemAccount()) {
        if (is_system) {
            d["exports"] = systemExports();
        } else {
            d["imports"] = systemImports(sys->name(), account->name());
        }
    }
    d["sublist_stats"] = sublistStats({account});
    return d;
}

EndpointResult sysAccountz(MonitorContext& ctx, const QueryParams& query) {
    const std::string acc = query.get("acc");
    boost::json::object o = serverIdAndNow(ctx);
    if (core::Account* sys = ctx.server.systemAccount()) o["system_account"] = sys->name();
    if (acc.empty()) {
        boost::json::array names;
        for (core::Account* a : ctx.server.accounts()) names.emplace_back(a->name());
        o["accounts"] = std::move(names);
        return o;
    }
    auto detail = accountInfo(ctx.server, acc);
    if (!detail) return std::unexpected(detail.error());
    o["account_detail"] = std::move(*detail);
    return o;
}

EndpointResult accountConnz(MonitorContext& ctx, const QueryParams& query,
                            std::string_view account, std::string_view filter_subject) {
    if (ctx.server.findAccount(account) == nullptr) {
        // The endpoint answers an unknown account as nats-server does.
        std::string q = "acc=" + percentEncode(account);
        for (const char* key :
             {"sort", "auth", "subs", "offset", "limit", "cid", "state", "user", "mqtt_client"}) {
            if (const std::string v = query.get(key); !v.empty()) {
                q += std::string("&") + key + "=" + percentEncode(v);
            }
        }
        return sysConnz(ctx, QueryParams(q));
    }
    // Every connection the endpoint would list, then only this account's, then the page.
    const auto offset = query.decodeInt("offset");
    if (!offset) return std::unexpected(offset.error());
    const auto limit = query.decodeInt("limit");
    if (!limit) return std::unexpected(limit.error());
    const auto cid = query.decodeUint64("cid");
    if (!cid) return std::unexpected(cid.error());
    const auto state = query.decodeState();
    if (!state) return std::unexpected(state.error());
    std::string q = "offset=0&limit=" + std::to_string(INT64_MAX);
    for (const char* key : {"sort", "auth", "subs", "cid", "state", "user", "mqtt_client"}) {
        if (const std::string v = query.get(key); !v.empty()) {
            q += std::string("&") + key + "=" + percentEncode(v);
        }
    }
    EndpointResult all = sysConnz(ctx, QueryParams(q));
    if (!all) return all;
    // As nats-server: `total` counts the account's connections, the subject filter (">" is no
    // filter) only narrows the open ones listed.
    const bool by_subject = !filter_subject.empty() && filter_subject != ">";
    std::set<std::uint64_t> open_cids;
    std::set<std::uint64_t> listed_open;
    std::set<std::uint64_t> closed_cids;
    if (*state != ConnState::Closed) {
        for (const core::ConnectionInfo& ci : ctx.server.connections(by_subject)) {
            if (ci.account != account) continue;
            open_cids.insert(ci.cid);
            if (!by_subject || std::ranges::any_of(ci.subscriptions, [&](const auto& s) {
                    return subjectsCollide(filter_subject, s.subject);
                })) {
                listed_open.insert(ci.cid);
            }
        }
    }
    // Closed connections of "$G" record no account name, so nats-server's filter drops them.
    if (*state != ConnState::Open && account != core::kGlobalAccountName) {
        for (const core::ConnectionInfo& ci : ctx.server.closedConnections()) {
            if (ci.account == account) closed_cids.insert(ci.cid);
        }
    }
    boost::json::object& doc = all->as_object();
    boost::json::array kept;
    for (boost::json::value& entry : doc["connections"].as_array()) {
        boost::json::object& conn = entry.as_object();
        const std::uint64_t id = conn["cid"].to_number<std::uint64_t>();
        if (!listed_open.contains(id) && !closed_cids.contains(id)) continue;
        kept.push_back(std::move(conn));
    }
    const std::int64_t off = std::max<std::int64_t>(*offset, 0);
    std::int64_t lim = *limit <= 0 ? kDefaultListSize : *limit;
    if (*cid > 0) lim = 1;
    const auto max_index = static_cast<std::int64_t>(kept.size());
    const std::int64_t min_off = std::min(off, max_index);
    const std::int64_t max_off = std::min(off > INT64_MAX - lim ? INT64_MAX : off + lim, max_index);
    boost::json::array page;
    for (std::int64_t i = min_off; i < max_off; ++i) {
        page.push_back(std::move(kept[static_cast<std::size_t>(i)]));
    }
    doc["num_connections"] = page.size();
    doc["total"] = open_cids.size() + closed_cids.size();
    doc["offset"] = off;
    doc["limit"] = lim;
    doc["connections"] = std::move(page);
    return all;
}

std::int64_t countClientSubscriptions(core::Server& server, std::string_view account,
                                      std::string_view subject,
                                      const std::optional<std::string>& queue) {
    const bool literal = !protocol::hasWildcard(subject);
    bool connected = false;
    std::int64_t n = 0;
    for (const core::ConnectionInfo& c : server.connections(true)) {
        if (c.account != account) continue;
        connected = true;
        for (const core::SubscriptionInfo& s : c.subscriptions) {
            if (queue && s.queue != *queue) continue;
            const bool reached = literal ? protocol::subjectMatches(s.subject, subject)
                                         : protocol::subjectIsSubsetOf(s.subject, subject);
            if (reached) ++n;
        }
    }
    return connected ? n : -1;
}

std::optional<std::string> decodeBase64(std::string_view text) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string clean;
    for (char c : text) {
        if (c != '\r' && c != '\n') clean.push_back(c);
    }
    if (clean.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < clean.size(); i += 4) {
        std::uint32_t bits = 0;
        int pad = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const char c = clean[i + j];
            std::size_t v = 0;
            if (c == '=') {
                if (i + 4 != clean.size() || j < 2) return std::nullopt;
                ++pad;
            } else {
                if (pad > 0) return std::nullopt;
                v = kAlphabet.find(c);
                if (v == std::string_view::npos) return std::nullopt;
            }
            bits = (bits << 6) | static_cast<std::uint32_t>(v);
        }
        out.push_back(static_cast<char>((bits >> 16) & 0xff));
        if (pad < 2) out.push_back(static_cast<char>((bits >> 8) & 0xff));
        if (pad < 1) out.push_back(static_cast<char>(bits & 0xff));
    }
    return out;
}

boost::json::object clientEvent(core::Server& server, const core::ConnectionInfo& info,
                                bool connected, std::uint64_t seq) {
    const auto now = connected ? WallClock::now() : info.stop;
    boost::json::object m;
    m["type"] = connected ? "io.nats.server.advisory.v1.client_connect"
                          : "io.nats.server.advisory.v1.client_disconnect";
    m["id"] = newEventId();
    m["timestamp"] = rfc3339Nano(now, TimeZone::Utc);
    m["server"] = sysServerInfo(server, seq);
    boost::json::object c;
    c["start"] = rfc3339Nano(info.start, TimeZone::Utc);
    if (!info.ip.empty()) c["host"] = info.ip;
    if (info.cid != 0) c["id"] = info.cid;
    c["acc"] = info.account;
    if (!info.authorized_user.empty()) c["user"] = info.authorized_user;
    if (!info.name.empty()) c["name"] = info.name;
    if (!info.lang.empty()) c["lang"] = info.lang;
    if (!info.version.empty()) c["ver"] = info.version;
    if (!connected) {
        if (info.rtt.count() != 0) c["rtt"] = info.rtt.count();
        c["stop"] = rfc3339Nano(info.stop, TimeZone::Utc);
    }
    c["kind"] = "Client";
    c["client_type"] = "nats";
    m["client"] = std::move(c);
    if (!connected) {
        // As nats-server: "sent" is what the client sent, "received" what it was sent.
        m["sent"] = dataStats(info.in_msgs, info.in_bytes);
        m["received"] = dataStats(info.out_msgs, info.out_bytes);
        m["reason"] = info.reason;
    }
    return m;
}

std::string newEventId() {
    static constexpr char kDigits[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    thread_local std::mt19937_64 rng(std::random_device{}());
    std::string id(22, '0');
    for (char& ch : id) ch = kDigits[rng() % 62];
    return id;
}

}  // namespace nwb::monitor
