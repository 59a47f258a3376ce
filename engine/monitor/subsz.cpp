// /subsz (alias /subscriptionsz) and the SUBSZ requests: the statistics of every account's trie
// (or one account's) and, on request, the clients' subscriptions, as nats-server 2.9.10's Subsz.
#include "engine/core/account.h"
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"
#include "engine/monitor/go_time.h"
#include "engine/protocol/subject.h"

#include <boost/json/array.hpp>

#include <algorithm>

namespace nwb::monitor {
namespace {

constexpr std::int64_t kDefaultSubListSize = 1024;

/// Go's IsValidLiteralSubject: no empty token, no token that is a lone wildcard (whitespace is
/// not checked, unlike a subject a client may publish to).
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

boost::json::object sublistStats(const std::vector<core::Account*>& accounts) {
    // Summed as nats-server's SublistStats.add: counters add up, max_fanout is the largest.
    core::SubjectTrie::Stats sum;
    for (core::Account* a : accounts) {
        const core::SubjectTrie::Stats st = a->trie().stats();
        sum.count += st.count;
        sum.inserts += st.inserts;
        sum.removes += st.removes;
        sum.matches += st.matches;
        sum.total_fanout += st.total_fanout;
        sum.max_fanout = std::max(sum.max_fanout, st.max_fanout);
    }
    boost::json::object o;
    o["num_subscriptions"] = sum.count;
    o["num_cache"] = 0;  // no shared match cache: each connection caches its own subjects
    o["num_inserts"] = sum.inserts;
    o["num_removes"] = sum.removes;
    o["num_matches"] = sum.matches;
    o["cache_hit_rate"] = 0.0;
    o["max_fanout"] = sum.max_fanout;
    o["avg_fanout"] = sum.total_fanout > 0 && sum.matches > 0
                          ? static_cast<double>(sum.total_fanout) /
                                static_cast<double>(sum.matches)
                          : 0.0;
    return o;
}

EndpointResult subszDocument(MonitorContext& ctx, const QueryParams& query,
                             std::string_view account, bool force_subs) {
    auto subs = query.decodeBool("subs");
    if (!subs) return std::unexpected(subs.error());
    if (force_subs) subs = true;
    const auto offset = query.decodeInt("offset");
    if (!offset) return std::unexpected(offset.error());
    const auto limit = query.decodeInt("limit");
    if (!limit) return std::unexpected(limit.error());
    const std::string test = query.get("test");
    const std::int64_t off = std::max<std::int64_t>(*offset, 0);
    const std::int64_t lim = *limit <= 0 ? kDefaultSubListSize : *limit;
    if (!test.empty() && !isLiteralSubject(test)) {
        return std::unexpected("invalid test subject, must be valid publish subject: " + test);
    }
    std::vector<core::Account*> accounts;
    for (core::Account* a : ctx.server.accounts()) {
        if (account.empty() || a->name() == account) accounts.push_back(a);
    }
    boost::json::object out;
    out["server_id"] = ctx.server.serverId();
    out["now"] = rfc3339Nano(WallClock::now(), TimeZone::Utc);
    for (auto& [k, v] : sublistStats(accounts)) out[k] = v;
    boost::json::array page;
    if (*subs && !accounts.empty()) {
        std::vector<core::SubscriptionInfo> all;
        std::vector<std::string> owners;
        for (core::ConnectionInfo& c : ctx.server.connections(true)) {
            if (!account.empty() && c.account != account) continue;
            std::sort(c.subscriptions.begin(), c.subscriptions.end(),
                      [](const auto& a, const auto& b) { return sidLess(a.sid, b.sid); });
            for (core::SubscriptionInfo& s : c.subscriptions) {
                if (!test.empty() && !protocol::subjectMatches(s.subject, test)) continue;
                all.push_back(std::move(s));
                owners.push_back(c.account.empty() ? std::string(kGlobalAccount) : c.account);
            }
        }
        const auto max_index = static_cast<std::int64_t>(all.size());
        const std::int64_t min_off = std::min(off, max_index);
        const std::int64_t max_off =
            std::min(off > INT64_MAX - lim ? INT64_MAX : off + lim, max_index);
        for (std::int64_t i = min_off; i < max_off; ++i) {
            const core::SubscriptionInfo& s = all[static_cast<std::size_t>(i)];
            boost::json::object d;
            d["account"] = owners[static_cast<std::size_t>(i)];
            d["subject"] = s.subject;
            if (!s.queue.empty()) d["qgroup"] = s.queue;
            d["sid"] = s.sid;
            d["msgs"] = s.msgs;
            if (s.max != 0) d["max"] = s.max;
            d["cid"] = s.cid;
            page.push_back(std::move(d));
        }
    }
    out["total"] = page.size();  // nats-server 2.9.10 reports the size of this page
    out["offset"] = off;
    out["limit"] = lim;
    if (!page.empty()) out["subscriptions_list"] = std::move(page);
    return out;
}

EndpointResult subsz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/subsz");
    EndpointResult doc = subszDocument(ctx, query, query.get("acc"));
    if (!doc || doc->as_object().contains("subscriptions_list")) return doc;
    // Without a list nats-server writes only the statistics.
    boost::json::object stats;
    for (const char* k : {"num_subscriptions", "num_cache", "num_inserts", "num_removes",
                          "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout"}) {
        stats[k] = doc->as_object()[k];
    }
    return stats;
}

}  // namespace nwb::monitor
