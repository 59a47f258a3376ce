// /jsz and the "jetstream" object of /varz (nats-server's Jsz, JSInfo, AccountDetail,
// JetStreamVarz) from the JetStream service's figures.
#include "engine/core/server.h"
#include "engine/jetstream/jetstream_service.h"
#include "engine/monitor/endpoints.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <limits>

namespace nwb::monitor {
namespace {

/// nats-server's JetStreamConfig as JSON.
boost::json::object configObject(const jetstream::JetStreamConfig& config) {
    boost::json::object c;
    c["max_memory"] = config.max_memory_store;
    c["max_storage"] = config.max_file_store;
    if (!config.store_dir.empty()) c["store_dir"] = (config.store_dir / "jetstream").string();
    // As nats-server 2.10 reports its sync setting: "always" shows the 2-minute default interval
    // with sync_always; our default is "always" (nats-server's is a 2-minute interval).
    if (config.sync_interval.mode == store::SyncPolicy::Mode::Always) {
        c["sync_interval"] = std::int64_t{120'000'000'000};
        c["sync_always"] = true;
    } else {
        c["sync_interval"] = static_cast<std::int64_t>(config.sync_interval.period.count());
    }
    if (!config.domain.empty()) c["domain"] = config.domain;
    return c;
}

struct Totals {
    jetstream::AccountUsage usage;  ///< summed over the enabled accounts
    std::uint64_t accounts = 0;
    std::uint64_t streams = 0;
    std::uint64_t consumers = 0;
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
};

std::vector<core::Account*> enabledAccounts(MonitorContext& ctx) {
    std::vector<core::Account*> accounts;
    for (core::Account* account : ctx.server.accounts()) {
        if (ctx.jetstream->enabled(*account)) accounts.push_back(account);
    }
    return accounts;
}

Totals totals(MonitorContext& ctx, const std::vector<core::Account*>& accounts) {
    Totals t;
    for (core::Account* account : accounts) {
        const auto u = ctx.jetstream->usage(*account);
        if (!u) continue;
        ++t.accounts;
        t.usage.memory += u->memory;
        t.usage.storage += u->storage;
        t.usage.reserved_memory += u->reserved_memory;
        t.usage.reserved_storage += u->reserved_storage;
        t.usage.api_total += u->api_total;
        t.usage.api_errors += u->api_errors;
        for (const std::string& name : ctx.jetstream->streamNames(*account)) {
            const auto stream = ctx.jetstream->findStream(*account, name);
            if (!stream) continue;
            const auto state = stream->store().fastState();
            ++t.streams;
            t.messages += state.msgs;
            t.bytes += state.bytes;
            t.consumers += stream->consumerCount();
        }
    }
    return t;
}

/// JetStreamStats: memory, storage, reserved_*, accounts, ha_assets, api.
void putStats(boost::json::object& o, std::uint64_t memory, std::uint64_t storage,
              std::uint64_t reserved_memory, std::uint64_t reserved_storage,
              std::uint64_t accounts, std::uint64_t api_total, std::uint64_t api_errors) {
    o["memory"] = memory;
    o["storage"] = storage;
    o["reserved_memory"] = reserved_memory;
    o["reserved_storage"] = reserved_storage;
    o["accounts"] = accounts;
    o["ha_assets"] = 0;  // no clustering: no raft groups
    o["api"] = boost::json::object{{"total", api_total}, {"errors", api_errors}};
}

boost::json::object parseFields(const std::string& fields) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse("{" + fields + "}", ec);
    if (ec || !v.is_object()) return {};
    return std::move(v.as_object());
}

boost::json::object accountDetail(MonitorContext& ctx, core::Account& account, bool streams,
                                  bool consumers, bool config) {
    const auto u = ctx.jetstream->usage(account).value_or(jetstream::AccountUsage{});
    boost::json::object d;
    d["name"] = account.name();
    d["id"] = account.name();
    // The account runs on nats-server's dynamic limits (-1), which it reports as uint64(-1).
    constexpr std::uint64_t kDynamic = std::numeric_limits<std::uint64_t>::max();
    putStats(d, u.memory, u.storage, kDynamic, kDynamic, 0, u.api_total, u.api_errors);
    if (!streams) return d;
    boost::json::array details;
    for (const std::string& name : ctx.jetstream->streamNames(account)) {
        const auto stream = ctx.jetstream->findStream(account, name);
        if (!stream) continue;
        boost::json::object info = parseFields(stream->infoFields(stream->store().fastState(), false));
        boost::json::object s;
        s["name"] = name;
        if (const auto* created = info.if_contains("created")) s["created"] = *created;
        if (const auto* cluster = info.if_contains("cluster")) s["cluster"] = *cluster;
        if (config) {
            if (const auto* cfg = info.if_contains("config")) s["config"] = *cfg;
        }
        if (const auto* state = info.if_contains("state")) s["state"] = *state;
        if (consumers) {
            boost::json::array list;
            for (const auto& consumer : stream->consumers()) {
                boost::json::object c = parseFields(consumer->infoFields(ctx.server.serverName()));
                if (!config) c.erase("config");
                // nats-server 2.9.10's consumer.info() in /jsz: no cluster (standalone), no ts.
                c.erase("cluster");
                c.erase("ts");
                list.push_back(std::move(c));
            }
            if (!list.empty()) s["consumer_detail"] = std::move(list);
        }
        details.push_back(std::move(s));
    }
    if (!details.empty()) d["stream_detail"] = std::move(details);
    return d;
}

}  // namespace

EndpointResult jsz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/jsz");
    bool flags[4] = {};
    const char* names[4] = {"accounts", "streams", "consumers", "config"};
    for (int i = 0; i < 4; ++i) {
        const auto b = query.decodeBool(names[i]);
        if (!b) return std::unexpected(b.error());
        flags[i] = *b;
    }
    std::int64_t numbers[2] = {};
    const char* number_names[2] = {"offset", "limit"};
    for (int i = 0; i < 2; ++i) {
        const auto n = query.decodeInt(number_names[i]);
        if (!n) return std::unexpected(n.error());
        numbers[i] = *n;
    }
    const auto leader_only = query.decodeBool("leader-only");
    if (!leader_only) return std::unexpected(leader_only.error());
    auto [accounts, streams, consumers, config] = flags;
    auto [offset, limit] = numbers;
    if (limit == 0) limit = 1024;
    if (consumers) streams = true;
    if (streams) accounts = true;

    boost::json::object o = serverIdAndNow(ctx);
    if (ctx.jetstream == nullptr) {
        // JetStream off: nats-server's JSInfo with Disabled set and nothing else filled in.
        if (*leader_only) return std::unexpected(std::string("filtered response: not leader"));
        o["disabled"] = true;
        o["config"] = boost::json::object{{"max_memory", 0}, {"max_storage", 0}};
        putStats(o, 0, 0, 0, 0, 0, 0, 0);
        for (const char* k : {"streams", "consumers", "messages", "bytes"}) o[k] = 0;
        return o;
    }
    // A single server is always the leader: leader-only changes nothing.
    o["config"] = configObject(ctx.jetstream->config());
    std::vector<core::Account*> enabled = enabledAccounts(ctx);
    const Totals t = totals(ctx, enabled);
    putStats(o, t.usage.memory, t.usage.storage, t.usage.reserved_memory,
             t.usage.reserved_storage, t.accounts, t.usage.api_total, t.usage.api_errors);
    o["streams"] = t.streams;
    o["consumers"] = t.consumers;
    o["messages"] = t.messages;
    o["bytes"] = t.bytes;

    const std::string filter = query.get("acc");
    const auto filtered = std::find_if(enabled.begin(), enabled.end(),
                                       [&](core::Account* a) { return a->name() == filter; });
    std::vector<core::Account*> listed;
    if (filtered != enabled.end()) {
        listed.push_back(*filtered);
    } else if (accounts) {
        listed = enabled;
        if (offset != 0) {
            std::sort(listed.begin(), listed.end(),
                      [](core::Account* a, core::Account* b) { return a->name() < b->name(); });
            if (offset > static_cast<std::int64_t>(listed.size()) || offset < 0) {
                listed.clear();
            } else {
                listed.erase(listed.begin(), listed.begin() + offset);
            }
        }
        if (limit > 0 && limit < static_cast<std::int64_t>(listed.size())) {
            listed.resize(static_cast<std::size_t>(limit));
        }
    }
    if (!listed.empty()) {
        boost::json::array details;
        for (core::Account* account : listed) {
            details.push_back(accountDetail(ctx, *account, streams, consumers, config));
        }
        o["account_details"] = std::move(details);
    }
    return o;
}

EndpointResult jszAccount(MonitorContext& ctx, std::string_view name, const QueryParams& query) {
    if (ctx.jetstream == nullptr) return std::unexpected(std::string("jetstream not enabled"));
    core::Account* account = ctx.server.findAccount(name);
    if (account == nullptr) {
        return std::unexpected("account \"" + std::string(name) + "\" not found");
    }
    if (!ctx.jetstream->enabled(*account)) {
        return std::unexpected("account \"" + std::string(name) + "\" not jetstream enabled");
    }
    const bool streams = query.decodeBool("streams").value_or(false);
    const bool consumers = query.decodeBool("consumers").value_or(false);
    const bool config = query.decodeBool("config").value_or(false);
    return accountDetail(ctx, *account, streams, consumers, config);
}

boost::json::object jetStreamVarz(MonitorContext& ctx) {
    boost::json::object v;
    if (ctx.jetstream == nullptr) return v;
    v["config"] = configObject(ctx.jetstream->config());
    const Totals t = totals(ctx, enabledAccounts(ctx));
    boost::json::object stats;
    putStats(stats, t.usage.memory, t.usage.storage, t.usage.reserved_memory,
             t.usage.reserved_storage, t.accounts, t.usage.api_total, t.usage.api_errors);
    v["stats"] = std::move(stats);
    return v;
}

}  // namespace nwb::monitor
