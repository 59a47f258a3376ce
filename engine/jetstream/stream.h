// One JetStream stream: its config, its StreamStore, its internal subscriptions, and the publish
// path (dedup, expectations, rollups, limits; PubAck only once the message is durable).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "engine/core/internal_subscriber.h"
#include "engine/core/server.h"
#include "engine/jetstream/api_errors.h"
#include "engine/jetstream/api_requests.h"
#include "engine/jetstream/consumer.h"
#include "engine/jetstream/log_rate_limit.h"
#include "engine/jetstream/stream_config.h"
#include "engine/jetstream/stream_source.h"
#include "engine/jetstream/subject_transform.h"
#include "engine/store/file_store.h"
#include "engine/store/stream_store.h"

namespace nwb::jetstream {

/// What a stream needs from its service. All references outlive the stream.
struct StreamContext {
    core::Server& server;
    core::Account& account;
    boost::asio::thread_pool& pool;
    std::string domain;
    store::SyncPolicy sync = store::SyncPolicy::always();
    /// Monotonic clock for mirror and source retries and their log rate limit (tests replace it).
    std::function<std::chrono::steady_clock::time_point()> clock = [] {
        return std::chrono::steady_clock::now();
    };
    /// Runs `fn` once after `delay`, on any thread (a mirror's or source's retry). Empty: a timer
    /// on the stream's strand, cancelled by stop(). Tests may replace it to fire retries by hand.
    std::function<void(std::chrono::nanoseconds delay, std::function<void()> fn)> schedule = {};
};

/// Thread-safety: every public method may be called from any thread. Messages arrive on I/O
/// threads (onMessage) and are processed in order on the stream's own strand of the pool; API
/// operations run on the service's API strand. Lock order: Stream::mutex_, then store locks.
class Stream final : public core::InternalSubscriber, public std::enable_shared_from_this<Stream> {
public:
    /// Control or API thread; opens (or creates) the store. `directory` is empty for memory
    /// storage. `fresh` applies first_seq. Blocks on disk (recovery).
    static std::expected<std::shared_ptr<Stream>, ApiError> open(
        StreamContext context, StreamConfig config, std::filesystem::path directory,
        std::int64_t created_ns, bool fresh);
    ~Stream() override;

    /// Any thread; subscribes to the config's subjects in the account.
    void start();
    /// Any thread; unsubscribes, stops the store (pending acks are sent) and, with
    /// `remove_files`, deletes the stream's directory. Blocks until the store is stopped.
    void stop(bool remove_files);

    /// Any thread.
    StreamConfig config() const;
    const std::string& name() const { return name_; }
    std::int64_t created() const { return created_ns_; }
    store::StreamStore& store() { return *store_; }

    /// API thread; applies a config already checked by checkStreamConfig/checkStreamUpdate:
    /// resubscribes, updates limits, saves the config. Blocks until durable.
    std::optional<ApiError> update(StreamConfig next);

    /// API thread; the STREAM.PURGE semantics (sealed 10109, deny_purge 10110). Durable.
    std::expected<std::uint64_t, ApiError> purge(const std::optional<StreamPurgeRequest>& request);
    /// API thread; STREAM.MSG.DELETE (sealed 10109, deny_delete 10057, 10043). Durable.
    std::optional<ApiError> deleteMessage(const MsgDeleteRequest& request);
    /// Any thread; STREAM.MSG.GET / DIRECT.GET lookup. Reads disk.
    store::Result<store::StoredMessage> getMessage(const MsgGetRequest& request);

    /// Any thread; the StreamInfo fields (no braces) nats-server marshals: config, created, state,
    /// [domain], [cluster], [mirror], [sources], ts. A standalone server's API replies have no
    /// cluster; /jsz has one.
    std::string infoFields(const store::StreamState& state, bool with_domain,
                           bool with_cluster = true) const;

    /// Any thread; saves config + created as meta.inf and its CRC32C as meta.sum (file storage).
    std::optional<ApiError> saveMeta();

    /// Any thread; the stream's consumers.
    std::shared_ptr<Consumer> findConsumer(std::string_view name) const;
    /// Any thread; every consumer, sorted by name.
    std::vector<std::shared_ptr<Consumer>> consumers() const;
    std::size_t consumerCount() const;
    /// API thread; adds a started consumer (the caller checked the name is free).
    void addConsumer(std::shared_ptr<Consumer> consumer);
    /// API thread; removes and stops the consumer. Null when there is none of that name.
    std::shared_ptr<Consumer> removeConsumer(std::string_view name);
    /// Any thread, no consumer lock held (interest retention): a consumer acked `seq`; removes
    /// the message once no consumer needs it.
    void onConsumerAck(std::uint64_t seq);
    /// Any thread; tells every consumer that the stream changed (new messages, purge).
    void notifyConsumers();
    /// Any thread; notifyConsumers() on the stream's strand, coalesced: at most one queued.
    void queueNotify();

    /// I/O thread (InternalSubscriber); copies the message and queues it on the stream's strand.
    void onMessage(const core::InternalMessage& msg) override;

    // Mirrors and sources: defined in stream_source.cpp.
    /// Any thread; this stream's mirror (first, alone) or sources, in config order.
    std::vector<std::shared_ptr<SourceFollower>> followers() const;
    /// API thread; `follower` (one of followers()) follows `origin` from now on, or, with a null
    /// origin, waits and reports `error`. Copying starts on this stream's strand.
    void follow(const std::shared_ptr<SourceFollower>& follower,
                const std::shared_ptr<Stream>& origin, std::optional<ApiError> error);
    /// Any thread; `follower` of stream `target` is woken whenever this stream gets messages.
    void addWatcher(std::weak_ptr<Stream> target, std::weak_ptr<SourceFollower> follower);
    /// Any thread; queues one copying round for `follower` on this stream's strand (coalesced).
    void wakeSource(const std::shared_ptr<SourceFollower>& follower);
    /// Any thread, no lock held; cancels the pending retries of refused mirror and source copies
    /// and schedules no more (so that the pool can be joined). stop() does it too.
    void stopRetries();

private:
    struct Inbound {
        std::string subject;
        std::string reply;
        std::string headers;
        std::string payload;
    };
    struct DedupEntry {
        std::uint64_t seq;
        std::int64_t ts;
    };
    /// Why a message was not stored: nats-server's error text (processJetStreamMsg's return),
    /// whether it is ErrMaxMsgs, and whether it is one of the store's limits (ErrMaxMsgs,
    /// ErrMaxBytes, ErrMaxMsgsPerSubject, ErrMsgTooLarge).
    struct Refusal {
        std::string text;
        bool max_msgs = false;
        bool store_limit = false;
    };
    static Refusal storeRefusal(store::Errc code);

    Stream(StreamContext context, StreamConfig config, std::filesystem::path directory,
           std::int64_t created_ns);
    /// Strand; processes every message onMessage() queued, in order.
    void drainInbox();
    /// Strand; the publish path. Nothing when the message was stored, or dropped as nats-server
    /// drops it without an error (a duplicate, an unknown rollup value); else why it was refused.
    std::optional<Refusal> process(const Inbound& in);
    void reply(const std::string& subject, std::string_view body);
    /// No lock held; nats-server's republish of the stored message `seq` to `destination`.
    void republish(const std::string& destination, const Inbound& in, std::uint64_t seq,
                   std::uint64_t last_subject_seq, bool headers_only);
    std::string pubAck(std::uint64_t seq, bool duplicate) const;
    /// What every PubAck of this stream starts with, up to the sequence number.
    std::string pubAckPrefix() const;
    std::string pubAckError(const ApiError& error) const;
    void expireDedupLocked(std::int64_t now);
    void rebuildDedupLocked();
    void subscribeLocked();
    /// With mutex_ held (or in the constructor): republish_ and input_transform_ from config_.
    void buildTransformsLocked();
    void unsubscribeLocked();
    /// With mutex_ held: followers_ for config_, keeping those whose config did not change; new
    /// ones resume after what the store already holds (mirror: its last sequence; source: the
    /// newest Nats-Stream-Source header of that source).
    void buildFollowersLocked();
    /// Strand; copies the next batch of the origin's messages for `follower`.
    void pumpSource(const std::shared_ptr<SourceFollower>& follower);
    /// Strand; stores an origin message under its own sequence (mirror). Else why not.
    std::optional<Refusal> copyMirrored(const SourceFollower& follower,
                                        const store::StoredMessage& m);
    /// Strand; stores an origin message as a new one of this stream (source). Else why not.
    std::optional<Refusal> copySourced(const SourceFollower& follower,
                                       const store::StoredMessage& m);
    /// Strand; `follower`'s copy was refused: logs (rate-limited) and schedules its retry.
    void refuseCopy(const std::shared_ptr<SourceFollower>& follower, const Refusal& refusal);
    /// Any thread, no lock held; context_.schedule or a timer on the strand.
    void scheduleRetry(std::chrono::nanoseconds delay, std::function<void()> fn);
    /// Wakes every follower watching this stream.
    void wakeWatchers();

    StreamContext context_;
    const std::string name_;
    const std::filesystem::path directory_;
    const std::int64_t created_ns_;
    std::unique_ptr<store::StreamStore> store_;
    boost::asio::strand<boost::asio::thread_pool::executor_type> strand_;
    const std::string pub_ack_prefix_;  ///< pubAckPrefix(): name and domain never change
    std::atomic<bool> closed_{false};
    std::atomic<bool> notify_queued_{false};  ///< a queueNotify() is waiting on the strand

    std::mutex inbox_mutex_;  ///< guards inbox_, inbox_used_, inbox_woken_ (a leaf)
    std::vector<Inbound> inbox_;  ///< received, not yet processed: the first inbox_used_
    std::size_t inbox_used_ = 0;
    bool inbox_woken_ = false;       ///< a drainInbox() is queued on the strand
    std::vector<Inbound> draining_;  ///< strand only: the batch being processed

    mutable std::mutex mutex_;  ///< guards everything below
    StreamConfig config_;
    std::optional<SubjectTransform> republish_;  ///< from config_.republish
    /// From config_.subject_transform; onMessage reads it on I/O threads without mutex_.
    std::atomic<std::shared_ptr<const SubjectTransform>> input_transform_;
    std::vector<core::SubscriptionPtr> subscriptions_;
    std::uint64_t last_seq_ = 0;  ///< includes messages appended but not yet durable
    std::string last_msg_id_;
    std::unordered_map<std::string, DedupEntry> dedup_;
    std::deque<std::pair<std::string, std::int64_t>> dedup_order_;
    std::map<std::string, std::shared_ptr<Consumer>, std::less<>> consumers_;
    std::vector<std::shared_ptr<SourceFollower>> followers_;  ///< from config_.mirror/sources
    std::vector<std::weak_ptr<boost::asio::steady_timer>> retry_timers_;  ///< scheduleRetry's
    std::atomic<bool> retries_stopped_{false};  ///< set by stopRetries() under mutex_
    LogRateLimit source_log_;  ///< refused mirror and source copies (its own leaf lock)

    struct Watcher {
        std::weak_ptr<Stream> target;
        std::weak_ptr<SourceFollower> follower;
    };
    std::mutex watchers_mutex_;  ///< guards watchers_ (a leaf)
    std::vector<Watcher> watchers_;  ///< followers of other streams reading this one
};

/// Any thread; the store limits for a config.
store::StoreLimits storeLimits(const StreamConfig& config);

}  // namespace nwb::jetstream
