// /connz: open and closed client connections with nats-server's filters, sort keys and paging,
// including its 2.9.10 quirks (sort=idle orders by active time, sort=uptime is ascending).
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <functional>

namespace nwb::monitor {
namespace {

constexpr std::int64_t kDefaultConnListSize = 1024;

using core::ConnectionInfo;

struct Entry {
    const ConnectionInfo* info;
    bool closed;
};

enum class SortKey {
    Cid,
    Subs,
    Pending,
    MsgsTo,
    MsgsFrom,
    BytesTo,
    BytesFrom,
    Last,
    Idle,
    Uptime,
    Stop,
    Reason,
    Rtt,
};

std::optional<SortKey> sortKey(std::string_view s) {
    if (s.empty() || s == "cid" || s == "start") return SortKey::Cid;
    if (s == "subs") return SortKey::Subs;
    if (s == "pending") return SortKey::Pending;
    if (s == "msgs_to") return SortKey::MsgsTo;
    if (s == "msgs_from") return SortKey::MsgsFrom;
    if (s == "bytes_to") return SortKey::BytesTo;
    if (s == "bytes_from") return SortKey::BytesFrom;
    if (s == "last") return SortKey::Last;
    if (s == "idle") return SortKey::Idle;
    if (s == "uptime") return SortKey::Uptime;
    if (s == "stop") return SortKey::Stop;
    if (s == "reason") return SortKey::Reason;
    if (s == "rtt") return SortKey::Rtt;  // added by nats-server 2.10
    return std::nullopt;
}

/// Sorts as nats-server does; ties keep cid order (Go's sort is not stable, so any is valid).
void sortEntries(std::vector<Entry>& entries, SortKey key, WallClock::time_point now) {
    const auto desc = [&](auto proj) {
        std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
            return proj(*b.info) < proj(*a.info);
        });
    };
    const auto asc = [&](auto proj) {
        std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
            return proj(*a.info) < proj(*b.info);
        });
    };
    switch (key) {
        case SortKey::Cid:
            asc([](const ConnectionInfo& c) { return c.cid; });
            break;
        case SortKey::Subs:
            desc([](const ConnectionInfo& c) { return c.num_subs; });
            break;
        case SortKey::Pending:
            desc([](const ConnectionInfo& c) { return c.pending_bytes; });
            break;
        case SortKey::MsgsTo:
            desc([](const ConnectionInfo& c) { return c.out_msgs; });
            break;
        case SortKey::MsgsFrom:
            desc([](const ConnectionInfo& c) { return c.in_msgs; });
            break;
        case SortKey::BytesTo:
            desc([](const ConnectionInfo& c) { return c.out_bytes; });
            break;
        case SortKey::BytesFrom:
            desc([](const ConnectionInfo& c) { return c.in_bytes; });
            break;
        case SortKey::Last:
            desc([](const ConnectionInfo& c) { return c.last_activity; });
            break;
        case SortKey::Idle:
            // nats-server 2.9.10 compares last_activity - start, descending.
            desc([](const ConnectionInfo& c) { return c.last_activity - c.start; });
            break;
        case SortKey::Uptime:
            // Ascending in nats-server 2.9.10 (the only key besides cid and reason).
            std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
                const auto up = [&](const Entry& e) {
                    return (e.closed ? e.info->stop : now) - e.info->start;
                };
                return up(a) < up(b);
            });
            break;
        case SortKey::Stop:
            desc([](const ConnectionInfo& c) { return c.stop; });
            break;
        case SortKey::Reason:
            asc([](const ConnectionInfo& c) { return c.reason; });
            break;
        case SortKey::Rtt:
            desc([](const ConnectionInfo& c) { return c.rtt; });
            break;
    }
}

boost::json::object connInfoJson(const Entry& e, WallClock::time_point now, bool auth, bool subs,
                                 bool detail) {
    const ConnectionInfo& c = *e.info;
    const WallClock::time_point until = e.closed ? c.stop : now;
    boost::json::object o;
    o["cid"] = c.cid;
    o["kind"] = "Client";
    o["type"] = "nats";
    o["ip"] = c.ip;
    o["port"] = c.port;
    o["start"] = rfc3339Nano(c.start, TimeZone::Local);
    o["last_activity"] = rfc3339Nano(c.last_activity, TimeZone::Local);
    if (e.closed) {
        o["stop"] = rfc3339Nano(c.stop, TimeZone::Utc);
        if (!c.reason.empty()) o["reason"] = c.reason;
    }
    o["rtt"] = rttText(c.rtt);
    o["uptime"] = uptimeText(until - c.start);
    o["idle"] = uptimeText(until - c.last_activity);
    o["pending_bytes"] = c.pending_bytes;
    o["in_msgs"] = c.in_msgs;
    o["out_msgs"] = c.out_msgs;
    o["in_bytes"] = c.in_bytes;
    o["out_bytes"] = c.out_bytes;
    o["subscriptions"] = c.num_subs;
    if (!c.name.empty()) o["name"] = c.name;
    if (!c.lang.empty()) o["lang"] = c.lang;
    if (!c.version.empty()) o["version"] = c.version;
    if (auth && !c.authorized_user.empty()) o["authorized_user"] = c.authorized_user;
    // "account" is only written for accounts other than the global one.
    if (!c.subscriptions.empty() && (subs || detail)) {
        boost::json::array list;
        for (const core::SubscriptionInfo& s : c.subscriptions) {
            if (!detail) {
                list.emplace_back(s.subject);
                continue;
            }
            boost::json::object d;
            // Closed connections keep the account and lose auto-unsubscribe limits, as in
            // nats-server's saveClosedClient.
            if (e.closed) d["account"] = kGlobalAccount;
            d["subject"] = s.subject;
            if (!s.queue.empty()) d["qgroup"] = s.queue;
            d["sid"] = s.sid;
            d["msgs"] = s.msgs;
            if (!e.closed && s.max != 0) d["max"] = s.max;
            d["cid"] = s.cid;
            list.emplace_back(std::move(d));
        }
        o[detail ? "subscriptions_list_detail" : "subscriptions_list"] = std::move(list);
    }
    return o;
}

}  // namespace

EndpointResult connz(MonitorContext& ctx, const QueryParams& query) {
    const std::string sort = query.get("sort");
    const auto auth = query.decodeBool("auth");
    if (!auth) return std::unexpected(auth.error());
    const auto subs = query.decodeSubs();
    if (!subs) return std::unexpected(subs.error());
    auto offset = query.decodeInt("offset");
    if (!offset) return std::unexpected(offset.error());
    auto limit = query.decodeInt("limit");
    if (!limit) return std::unexpected(limit.error());
    const auto cid = query.decodeUint64("cid");
    if (!cid) return std::unexpected(cid.error());
    const auto state = query.decodeState();
    if (!state) return std::unexpected(state.error());
    const std::string user = query.get("user");
    const std::string acc = query.get("acc");
    const std::string mqtt_client = query.get("mqtt_client");
    ctx.count("/connz");

    const auto key = sortKey(sort);
    if (!key) return std::unexpected("invalid sorting option: " + sort);
    std::int64_t off = std::max<std::int64_t>(*offset, 0);
    std::int64_t lim = *limit <= 0 ? kDefaultConnListSize : *limit;
    if (sort == "stop" && *state != ConnState::Closed) {
        return std::unexpected(std::string("sort by stop only valid on closed connections"));
    }
    if (sort == "reason" && *state != ConnState::Closed) {
        return std::unexpected(std::string("sort by reason only valid on closed connections"));
    }
    if (*cid > 0) lim = 1;

    const auto now = WallClock::now();
    boost::json::object out;
    if (!acc.empty() && acc != kGlobalAccount) {
        // nats-server answers an unknown account with an almost empty document.
        out["server_id"] = "";
        out["now"] = rfc3339Nano(now, TimeZone::Utc);
        out["num_connections"] = 0;
        out["total"] = 0;
        out["offset"] = off;
        out["limit"] = lim;
        out["connections"] = nullptr;
        return out;
    }

    std::vector<ConnectionInfo> open;
    std::vector<ConnectionInfo> closed;
    const bool with_subs = subs->subs || subs->detail;
    if (*state != ConnState::Closed) open = ctx.server.connections(with_subs);
    if (*state != ConnState::Open) closed = ctx.server.closedConnections();
    if (!acc.empty()) {
        // Only the global account's clients (every other account is served by accountConnz).
        // Its closed connections record no account name, so nats-server's filter drops them all.
        std::erase_if(open, [&](const ConnectionInfo& c) { return c.account != acc; });
        closed.clear();
    }
    const auto total = static_cast<std::int64_t>(open.size() + closed.size());

    std::vector<Entry> entries;
    if (*cid > 0) {
        // As nats-server: with state=any only the closed connections are searched.
        if (*state != ConnState::Open) {
            const auto it = std::find_if(closed.begin(), closed.end(),
                                         [&](const ConnectionInfo& c) { return c.cid == *cid; });
            if (it != closed.end() && (user.empty() || it->authorized_user == user) &&
                mqtt_client.empty()) {
                entries.push_back({&*it, true});
            }
        } else {
            const auto it = std::find_if(open.begin(), open.end(),
                                         [&](const ConnectionInfo& c) { return c.cid == *cid; });
            if (it != open.end()) entries.push_back({&*it, false});
        }
    } else {
        for (const ConnectionInfo& c : open) {
            if (!user.empty() && c.authorized_user != user) continue;
            if (!mqtt_client.empty()) continue;  // no MQTT clients
            entries.push_back({&c, false});
        }
        for (const ConnectionInfo& c : closed) {
            if (!user.empty() && c.authorized_user != user) continue;
            if (!mqtt_client.empty()) continue;
            entries.push_back({&c, true});
        }
    }

    out["server_id"] = ctx.server.serverId();
    out["now"] = rfc3339Nano(now, TimeZone::Utc);
    sortEntries(entries, *key, now);
    const auto max_index = static_cast<std::int64_t>(entries.size());
    const std::int64_t min_off = std::min(off, max_index);
    const std::int64_t max_off = std::min(off > INT64_MAX - lim ? INT64_MAX : off + lim, max_index);
    boost::json::array conns;
    for (std::int64_t i = min_off; i < max_off; ++i) {
        conns.push_back(connInfoJson(entries[static_cast<std::size_t>(i)], now, *auth, subs->subs,
                                     subs->detail));
    }
    out["num_connections"] = conns.size();
    out["total"] = total;
    out["offset"] = off;
    out["limit"] = lim;
    out["connections"] = std::move(conns);
    return out;
}

}  // namespace nwb::monitor
