// One consumer of a stream, pull or push: its cursor, pending acks, redeliveries, waiting pull
// requests, push interest, heartbeats and flow control (nats-server 2.9 consumer.go semantics).
#pragma once

#include "engine/core/delivery_batch.h"
#include "engine/core/internal_subscriber.h"
#include "engine/core/server.h"
#include "engine/jetstream/consumer_config.h"
#include "engine/jetstream/publish_batch.h"
#include "engine/store/stream_store.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::jetstream {

class Consumer;

/// What a consumer needs from its stream and service. All references outlive the consumer.
struct ConsumerContext {
    ConsumerContext(core::Server& server_ref, core::Account& account_ref,
                    boost::asio::thread_pool& pool_ref, store::StreamStore& store_ref,
                    std::string stream)
        : server(server_ref),
          account(account_ref),
          pool(pool_ref),
          store(store_ref),
          stream_name(std::move(stream)) {}

    core::Server& server;
    core::Account& account;
    boost::asio::thread_pool& pool;
    store::StreamStore& store;
    std::string stream_name;
    bool remove_on_ack = false;  ///< workqueue retention: an acked message is removed
    /// Interest retention: told (on the consumer's strand, no lock held) of each acked sequence.
    std::function<void(std::uint64_t)> on_ack;
    /// Told (on the consumer's strand, no lock held) when the consumer has been inactive past its
    /// inactive_threshold: the owner removes it (nats-server deleteNotActive).
    std::function<void(const std::shared_ptr<Consumer>&)> on_inactive;
    /// Token bucket size for rate_limit_bps: the stream's max_msg_size, else the max payload.
    std::int64_t rate_burst = 1024 * 1024;
    /// Monotonic clock for ack_wait, backoff and request expiry; tests may replace it.
    std::function<std::chrono::steady_clock::time_point()> clock = [] {
        return std::chrono::steady_clock::now();
    };
};

/// The counters of ConsumerInfo.
struct ConsumerState {
    std::uint64_t delivered_consumer = 0;
    std::uint64_t delivered_stream = 0;
    std::int64_t delivered_last_ns = 0;  ///< 0: never
    std::uint64_t ack_floor_consumer = 0;
    std::uint64_t ack_floor_stream = 0;
    std::int64_t ack_floor_last_ns = 0;
    std::uint64_t num_ack_pending = 0;
    std::uint64_t num_redelivered = 0;
    std::uint64_t num_waiting = 0;
    std::uint64_t num_pending = 0;
    bool push_bound = false;  ///< push consumer with interest on its deliver subject
};

/// Thread-safety: public methods may be called from any thread. Pull requests, acks, new-message
/// signals and timers run in order on the consumer's own strand. Lock order: Stream::mutex_,
/// then Consumer::mutex_, then store locks; nothing is published while mutex_ is held.
class Consumer final : public core::InternalSubscriber,
                       public std::enable_shared_from_this<Consumer> {
public:
    /// API thread; `config` has passed setConsumerDefaults and checkConsumerConfig. Picks the
    /// starting sequence from the deliver policy. Call start() next.
    /// `directory` (durable consumers of file streams) receives meta.inf and state.json; empty:
    /// nothing is persisted. With `recover`, the cursor, ack floor and pending acks are read
    /// back from state.json instead of starting from the deliver policy.
    static std::shared_ptr<Consumer> create(ConsumerContext context, ConsumerConfig config,
                                            std::string name, std::int64_t created_ns,
                                            std::filesystem::path directory = {},
                                            bool recover = false);
    ~Consumer() override;

    /// API thread; writes meta.inf (created + config) durably. False on an I/O error.
    bool saveMeta();
    /// API thread; deletes the consumer's directory (after stop()).
    void removeFiles();

    /// Any thread; subscribes to the consumer's ack (and flow control) subjects, watches the
    /// interest on a push consumer's deliver subject and arms the inactivity timer.
    void start();
    /// Any thread; unsubscribes and cancels the timer. With `deleted`, waiting pull requests get
    /// "409 Consumer Deleted"; otherwise (shutdown) no reply. Idempotent.
    void stop(bool deleted = false);

    /// Any thread.
    const std::string& name() const { return name_; }
    std::int64_t created() const { return created_ns_; }
    ConsumerConfig config() const;
    /// Any thread; applies an update that only changes what nats-server lets change. A new
    /// deliver subject makes every pending message due again.
    void updateConfig(const ConsumerConfig& config);
    /// Any thread; push consumer with a subscriber on its deliver subject (and group).
    bool pushBound() const;
    /// Any thread; reads the store for num_pending.
    ConsumerState state();
    /// Any thread; the ConsumerInfo JSON fields (no braces), as nats-server 2.9.10 marshals them;
    /// with a server name, also cluster {leader} (a standalone server's API replies have none).
    std::string infoFields(std::string_view server_name = {});

    /// Any thread; does this consumer still need stream message `seq` on `subject` (interest
    /// retention): it matches the filters and is not yet delivered, or delivered and not acked.
    bool needsMessage(std::uint64_t seq, std::string_view subject) const;
    /// Any thread; does the consumer's filter take `subject`?
    bool wants(std::string_view subject) const;

    /// Any thread; `$JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer>` with its reply inbox.
    void onNextRequest(std::string_view reply, std::string_view payload);
    /// Any thread; the stream has new messages (or lost some): try the waiting requests.
    void signal();
    /// Any thread; the stream was purged: the cursor moves to the new first message, pending
    /// acks of removed messages are dropped and the ack floor follows (nats-server o.purge).
    void onStreamPurged();

    /// I/O thread (InternalSubscriber): an ack on `$JS.ACK.<stream>.<consumer>.>`, or a flow
    /// control response on `$JS.FC.<stream>.<consumer>.*`.
    void onMessage(const core::InternalMessage& msg) override;

private:
    using Clock = std::chrono::steady_clock;
    struct Pending {
        std::uint64_t dseq = 0;  ///< consumer sequence of the latest delivery
        std::uint64_t deliveries = 1;
        std::chrono::steady_clock::time_point sent;  ///< last delivery (or progress)
    };
    struct Waiting {
        std::string reply;
        std::int64_t batch = 1;      ///< still to deliver
        std::int64_t max_bytes = 0;  ///< still allowed; 0: no limit
        std::int64_t delivered = 0;
        bool no_wait = false;
        std::optional<std::chrono::steady_clock::time_point> expires;
        std::int64_t heartbeat = 0;  ///< idle_heartbeat in ns; 0: none
        std::chrono::steady_clock::time_point last_sent;  ///< last message or heartbeat to it
    };
    struct Outbound {
        std::string deliver;  ///< matched against subscriptions
        std::string subject;  ///< on the MSG line
        std::string reply;
        std::string headers;
        std::string payload;
        std::uint64_t sseq = 0;  ///< stream message delivered; 0 for a status
    };
    struct AckIn {
        std::string subject;
        std::string reply;
        std::string payload;
    };

    Consumer(ConsumerContext context, ConsumerConfig config, std::string name,
             std::int64_t created_ns, std::filesystem::path directory);
    void selectStartLocked();
    void processNext(const std::string& reply, const std::string& payload,
                     std::vector<Outbound>& out);
    /// Strand; processes every ack onMessage() queued, then delivers and reschedules once.
    void drainAcks();
    /// Strand; one ack. What it makes due goes to `out`; the caller delivers and publishes.
    void processAck(const std::string& subject, const std::string& reply,
                    const std::string& payload, std::vector<Outbound>& out);
    void deliverLocked(std::vector<Outbound>& out);
    /// The `$JS.ACK` reply subject of one delivery.
    std::string ackReply(std::uint64_t deliveries, std::uint64_t sseq, std::uint64_t dseq,
                         std::int64_t ts, std::uint64_t pending) const;
    void expireLocked(std::vector<Outbound>& out);
    void ackLocked(std::uint64_t sseq);
    void updateFloorLocked();
    void scheduleLocked();
    void onTimer();
    std::uint64_t numPendingLocked();
    std::int64_t ackWaitFor(std::uint64_t deliveries) const;
    void publish(std::vector<Outbound>& out);
    std::string stateJsonLocked() const;
    bool restoreStateLocked();
    /// Writes `state` unless a newer version was written already. Any thread but under no lock.
    void persist(const std::string& state, std::uint64_t version);
    void flushState();
    static Outbound status(const std::string& reply, std::string_view line,
                           std::string_view extra_headers = {});
    bool isPush() const { return !config_.deliver_subject.empty(); }
    // Push mode (consumer_push.cpp).
    void watchInterest();
    void onInterestChange();
    void processFlowControl(const std::string& subject);
    bool pushBlockedLocked() const;
    void afterPushDeliveryLocked(std::int64_t size, std::vector<Outbound>& out);
    void heartbeatLocked(std::vector<Outbound>& out);
    bool rateLimitedLocked();
    void chargeRateLocked(std::int64_t size);
    void setInactiveThresholdLocked();
    void noteActivityLocked();
    bool checkInactiveLocked();
    void scheduleExtraLocked(const std::function<void(Clock::time_point)>& consider);
    void lostPushDeliveryLocked();

    ConsumerContext context_;
    const std::string name_;
    const std::int64_t created_ns_;
    const std::string ack_prefix_;  ///< "$JS.ACK.<stream>.<consumer>."
    const std::filesystem::path directory_;
    boost::asio::strand<boost::asio::thread_pool::executor_type> strand_;
    boost::asio::steady_timer timer_;
    /// Runs the deferred state write: state.json is written at most every kStateWriteInterval.
    boost::asio::steady_timer state_timer_;
    std::chrono::steady_clock::time_point last_state_write_{};  ///< under mutex_
    bool state_write_deferred_ = false;                          ///< under mutex_

    std::mutex ack_inbox_mutex_;  ///< guards the three below (a leaf)
    std::vector<AckIn> ack_inbox_;  ///< received acks, not yet processed: the first ack_inbox_used_
    std::size_t ack_inbox_used_ = 0;
    bool ack_inbox_woken_ = false;     ///< a drainAcks() is queued on the strand
    std::vector<AckIn> acks_draining_;  ///< strand only

    mutable std::mutex mutex_;  ///< guards everything below
    bool stopped_ = false;
    std::uint64_t state_version_ = 0;  ///< bumped by every change worth persisting
    std::uint64_t saved_version_ = 0;
    std::mutex persist_mutex_;             ///< orders state.json writes; never held with mutex_
    std::uint64_t written_version_ = 0;  ///< under persist_mutex_
    bool files_removed_ = false;         ///< under persist_mutex_: no state write after removeFiles()
    ConsumerConfig config_;
    core::SubscriptionPtr ack_sub_;
    std::uint64_t sseq_ = 1;   ///< next stream sequence to consider
    std::uint64_t dseq_ = 0;   ///< last consumer sequence delivered
    std::uint64_t adflr_ = 0;  ///< ack floor, consumer sequence
    std::uint64_t asflr_ = 0;  ///< ack floor, stream sequence
    std::int64_t last_delivered_ns_ = 0;
    std::int64_t last_acked_ns_ = 0;
    std::deque<std::uint64_t> last_per_subject_;  ///< DeliverLastPerSubject: sequences first
    std::map<std::uint64_t, Pending> pending_;    ///< by stream sequence
    std::deque<std::uint64_t> redeliver_;         ///< stream sequences due again, in order
    std::set<std::uint64_t> redeliver_set_;
    /// Dropped at max_deliver: no longer pending, but counted in num_redelivered until acked or
    /// purged, as nats-server keeps their redelivery counts.
    std::set<std::uint64_t> exhausted_;
    std::deque<Waiting> waiting_;
    std::vector<std::uint64_t> to_remove_;  ///< acked, for workqueue or interest retention

    // Push mode.
    core::SubscriptionPtr fc_sub_;
    std::uint64_t watch_id_ = 0;
    std::string watched_subject_;  ///< deliver subject the watch is on
    bool active_ = false;          ///< interest on the deliver subject (nats-server o.active)
    std::int64_t pbytes_ = 0;      ///< flow control: bytes delivered since the last response
    std::int64_t maxpb_ = 0;       ///< flow control window; 0: no flow control
    std::int64_t pblimit_ = 0;
    std::int64_t fcsz_ = 0;        ///< pbytes_ when the outstanding request was sent
    std::string fcid_;             ///< reply subject of the outstanding flow control request
    Clock::time_point last_sent_;  ///< last message or heartbeat (idle heartbeat timer)
    double rate_tokens_ = 0;       ///< rate_limit_bps bucket, bytes (may go negative)
    Clock::time_point rate_at_;
    // Inactivity (inactive_threshold): nats-server dthresh and its delete timer.
    std::int64_t dthresh_ = 0;  ///< ns; 0: never removed
    std::optional<Clock::time_point> delete_at_;
    Clock::time_point last_activity_;  ///< pull: last request, delivery or ack
};

}  // namespace nwb::jetstream
