// The JetStream service of one server: enables accounts, recovers their streams from store_dir,
// and answers the $JS.API requests for streams and account info.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "engine/core/internal_subscriber.h"
#include "engine/core/server.h"
#include "engine/jetstream/jetstream_config.h"
#include "engine/jetstream/stream.h"

namespace nwb::jetstream {

/// Usage figures of one account ($JS.API.INFO, and /jsz later).
struct AccountUsage {
    std::uint64_t memory = 0;
    std::uint64_t storage = 0;
    std::uint64_t reserved_memory = 0;
    std::uint64_t reserved_storage = 0;
    std::uint64_t streams = 0;
    std::uint64_t consumers = 0;
    std::uint64_t api_total = 0;
    std::uint64_t api_errors = 0;
};

/// Threads: API requests are decoded and answered on one strand of the service's worker pool
/// (they may block on disk); DIRECT.GET runs on any pool thread; stream messages run on each
/// stream's strand. Lock order: JetStreamService::mutex_, then Stream::mutex_, then store locks.
class JetStreamService {
public:
    /// Control thread, after server.start(). Enables JetStream in every account but the system
    /// account, recovers every stream under <store_dir>/jetstream/, and subscribes to
    /// $JS.API.> (and $JS.<domain>.API.>). Blocks on disk. Throws std::runtime_error when
    /// store_dir cannot be created.
    JetStreamService(core::Server& server, JetStreamConfig config);
    /// Calls stop().
    ~JetStreamService();
    JetStreamService(const JetStreamService&) = delete;
    JetStreamService& operator=(const JetStreamService&) = delete;

    /// Control thread, before server.shutdown(). Unsubscribes everything, finishes queued work,
    /// stops every store (pending PubAcks go out once durable). Blocks. Idempotent.
    void stop();

    /// Any thread.
    const JetStreamConfig& config() const { return config_; }
    /// Any thread; is JetStream enabled for the account?
    bool enabled(const core::Account& account) const;
    /// Any thread; usage of an enabled account, nullopt otherwise.
    std::optional<AccountUsage> usage(const core::Account& account);
    /// Any thread; the account's stream names, sorted.
    std::vector<std::string> streamNames(const core::Account& account);
    /// Any thread; a stream, or null.
    std::shared_ptr<Stream> findStream(const core::Account& account, std::string_view name);

private:
    struct Request {
        std::string subject;  ///< without the "$JS.API." / "$JS.<domain>.API." prefix
        std::string reply;
        std::string headers;
        std::string payload;
    };
    struct Reply {
        std::string body;
        bool error = false;
    };
    struct AccountState;
    class ApiSubscriber;

    void recoverAccount(AccountState& account);
    void recoverConsumers(AccountState& account, Stream& stream, const std::filesystem::path& dir);
    std::filesystem::path streamDirectory(const AccountState& account, std::string_view name) const;
    void onApiMessage(AccountState& account, const core::InternalMessage& msg);
    void handle(AccountState& account, const Request& request);
    void handleDirectGet(AccountState& account, const Request& request);
    /// Removes a consumer that stayed inactive past its inactive_threshold.
    static std::function<void(const std::shared_ptr<Consumer>&)> inactiveRemover(
        std::weak_ptr<Stream> stream);
    std::shared_ptr<Stream> lookup(AccountState& account, std::string_view name);
    bool overlaps(AccountState& account, const StreamConfig& config, const Stream* self);
    StreamContext streamContext(AccountState& account);
    /// API strand; the mirror and source checks that need the account's other streams
    /// (nats-server checkStreamCfg): external prefixes served here, max_msg_size, mirror_direct
    /// inherited from the origin, cycles.
    std::optional<ApiError> checkFollowing(AccountState& account, StreamConfig& config);
    /// Is a mirror or source with this external config one of this server's streams?
    bool servedHere(const std::optional<ExternalStream>& external) const;
    /// API strand or control thread; points every mirror and source of the account at its origin
    /// stream, or at none (then it waits, reporting "stream not found").
    void linkFollowers(AccountState& account);
    /// Any thread; a mirror of `origin` with mirror_direct (answers DIRECT.GET for it), or null.
    std::shared_ptr<Stream> directMirror(AccountState& account, std::string_view origin);

    Reply accountInfo(AccountState& account);
    Reply streamCreate(AccountState& account, std::string_view name, const Request& request);
    Reply streamUpdate(AccountState& account, std::string_view name, const Request& request);
    Reply streamInfo(AccountState& account, std::string_view name, const Request& request);
    Reply streamDelete(AccountState& account, std::string_view name, const Request& request);
    Reply streamPurge(AccountState& account, std::string_view name, const Request& request);
    Reply streamNames(AccountState& account, const Request& request, bool list);
    Reply msgGet(AccountState& account, std::string_view name, const Request& request);
    Reply msgDelete(AccountState& account, std::string_view name, const Request& request);
    Reply consumerCreate(AccountState& account, const std::vector<std::string_view>& tokens,
                         const Request& request);
    Reply consumerInfo(AccountState& account, std::string_view stream, std::string_view name,
                       const Request& request);
    Reply consumerDelete(AccountState& account, std::string_view stream, std::string_view name,
                         const Request& request);
    Reply consumerNames(AccountState& account, std::string_view stream, const Request& request,
                        bool list);
    void consumerNext(AccountState& account, std::string_view stream, std::string_view name,
                      const core::InternalMessage& msg);

    core::Server& server_;
    JetStreamConfig config_;
    boost::asio::thread_pool pool_;
    boost::asio::strand<boost::asio::thread_pool::executor_type> api_strand_;
    std::atomic<bool> stopped_{false};

    mutable std::mutex mutex_;  ///< guards every AccountState::streams and retired_
    std::vector<std::unique_ptr<AccountState>> accounts_;
    std::vector<std::shared_ptr<Stream>> retired_;  ///< deleted: kept while subscriptions drain
};

}  // namespace nwb::jetstream
