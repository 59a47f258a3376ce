// /subsz (alias /subscriptionsz): the trie's statistics and, on request, its subscriptions.
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"
#include "engine/protocol/subject.h"

#include <boost/json/array.hpp>

#include <algorithm>

namespace nwb::monitor {
namespace {

constexpr std::int64_t kDefaultSubListSize = 1024;

/// Go's IsValidLiteralSubject: no empty token, no token that is a lone wildcard.
bool isLiteralSubject(std::string_view s) {
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const std::string_view token =
            s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (token.empty() || token == "*" || token == ">") return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

/// Sids are numbers for every client we know of; compare them as numbers when they are.
bool sidLess(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size();
    return a < b;
}

}  // namespace

boost::json::object sublistStats(core::Server& server) {
    const core::SubjectTrie::Stats st = server.trie().stats();
    boost::json::object o;
    o["num_subscriptions"] = st.count;
    o["num_cache"] = 0;  // no shared match cache: each connection caches its own subjects
    o["num_inserts"] = st.inserts;
    o["num_removes"] = st.removes;
    o["num_matches"] = st.matches;
    o["cache_hit_rate"] = 0.0;
    o["max_fanout"] = st.max_fanout;
    o["avg_fanout"] = st.total_fanout > 0 && st.matches > 0
                          ? static_cast<double>(st.total_fanout) / static_cast<double>(st.matches)
                          : 0.0;
    return o;
}

EndpointResult subsz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/subsz");
    const auto subs = query.decodeBool("subs");
    if (!subs) return std::unexpected(subs.error());
    const auto offset = query.decodeInt("offset");
    if (!offset) return std::unexpected(offset.error());
    const auto limit = query.decodeInt("limit");
    if (!limit) return std::unexpected(limit.error());
    const std::string test = query.get("test");
    const std::string acc = query.get("acc");

    const std::int64_t off = std::max<std::int64_t>(*offset, 0);
    const std::int64_t lim = *limit <= 0 ? kDefaultSubListSize : *limit;
    if (!test.empty() && !isLiteralSubject(test)) {
        return std::unexpected("invalid test subject, must be valid publish subject: " + test);
    }
    const bool known_account = acc.empty() || acc == kGlobalAccount;
    boost::json::object stats;
    if (known_account) {
        stats = sublistStats(ctx.server);
    } else {
        for (const char* k :
             {"num_subscriptions", "num_cache", "num_inserts", "num_removes", "num_matches"}) {
            stats[k] = 0;
        }
        stats["cache_hit_rate"] = 0.0;
        stats["max_fanout"] = 0;
        stats["avg_fanout"] = 0.0;
    }

    boost::json::array page;
    if (*subs && known_account) {
        std::vector<core::SubscriptionInfo> all;
        for (core::ConnectionInfo& c : ctx.server.connections(true)) {
            std::sort(c.subscriptions.begin(), c.subscriptions.end(),
                      [](const auto& a, const auto& b) { return sidLess(a.sid, b.sid); });
            for (core::SubscriptionInfo& s : c.subscriptions) {
                if (!test.empty() && !protocol::subjectMatches(s.subject, test)) continue;
                all.push_back(std::move(s));
            }
        }
        const auto max_index = static_cast<std::int64_t>(all.size());
        const std::int64_t min_off = std::min(off, max_index);
        const std::int64_t max_off =
            std::min(off > INT64_MAX - lim ? INT64_MAX : off + lim, max_index);
        for (std::int64_t i = min_off; i < max_off; ++i) {
            const core::SubscriptionInfo& s = all[static_cast<std::size_t>(i)];
            boost::json::object d;
            d["account"] = kGlobalAccount;
            d["subject"] = s.subject;
            if (!s.queue.empty()) d["qgroup"] = s.queue;
            d["sid"] = s.sid;
            d["msgs"] = s.msgs;
            if (s.max != 0) d["max"] = s.max;
            d["cid"] = s.cid;
            page.push_back(std::move(d));
        }
    }
    if (page.empty()) return stats;  // nats-server then writes only the statistics

    boost::json::object out;
    out["server_id"] = ctx.server.serverId();
    out["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    for (auto& [k, v] : stats) out[k] = v;
    out["total"] = page.size();  // nats-server 2.9.10 reports the size of this page
    out["offset"] = off;
    out["limit"] = lim;
    out["subscriptions_list"] = std::move(page);
    return out;
}

}  // namespace nwb::monitor
