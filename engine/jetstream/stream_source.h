// A stream's mirror or one of its sources: the cursor on the origin stream, its filters and
// transforms, the Nats-Stream-Source header, and the StreamSourceInfo it reports.
#pragma once

#include "engine/jetstream/api_errors.h"
#include "engine/jetstream/stream_config.h"
#include "engine/jetstream/subject_transform.h"
#include "engine/store/stream_store.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::jetstream {

class Stream;

/// Follows one origin stream of the same server and account.
///
/// Why not a NATS consumer over the wire, as nats-server does: on one server both streams live
/// in this process, so the follower reads the origin's store directly from a cursor and is woken
/// by the origin's append notifications. There is no consumer, flow control or heartbeat to
/// manage, and the origin's sequence, subject, headers and timestamp are copied exactly.
///
/// A message the following stream refuses (full with discard new, too large, sealed, a failing
/// store) stays at the cursor: the follower copies nothing until its retry, as nats-server
/// re-creates the source or mirror consumer at that message no sooner than kRetryInterval after
/// the previous re-creation.
///
/// Thread-safety: every method may be called from any thread. `mutex_` is a leaf. The copying
/// itself (Stream::pumpSource) runs on the following stream's strand only.
class SourceFollower {
public:
    using Clock = std::chrono::steady_clock;
    /// nats-server sourceConsumerRetryThreshold: consumers are re-created at most this often.
    static constexpr Clock::duration kRetryInterval = std::chrono::seconds(2);
    /// nats-server adds 100-200 ms of jitter to each re-creation; we wait its lower bound.
    static constexpr Clock::duration kRetrySettle = std::chrono::milliseconds(100);

    SourceFollower(StreamSource config, bool mirror);

    const StreamSource& config() const { return config_; }
    bool mirror() const { return mirror_; }
    /// sourceIndexName(config()).
    const std::string& indexName() const { return index_name_; }
    /// The subject filters on the origin; one empty filter means every subject.
    const std::vector<std::string>& filters() const { return filters_; }
    /// The subject stored for an origin subject: the first transform that matches, else as is.
    std::string storedSubject(std::string_view subject) const;
    /// nats-server genSourceHeader: "<name> <origin seq> <filters> <destinations>".
    std::string sourceHeader(std::uint64_t origin_seq) const;

    /// The origin being followed (null when it does not exist).
    std::shared_ptr<Stream> origin() const;
    /// Follows `origin` (null: none) and sets the error StreamInfo reports (null: none).
    void setOrigin(const std::shared_ptr<Stream>& origin, std::optional<ApiError> error);
    /// The next origin sequence to copy; 0 until attached for the first time.
    std::uint64_t cursor() const;
    void setCursor(std::uint64_t seq);
    /// Records contact with the origin now and the messages still to copy.
    void noteProgress(std::uint64_t lag);

    /// The copy of the message at cursor() was refused at `now`: the follower waits, copying
    /// nothing, until endRetryWait(). Returns how long to wait: kRetrySettle, plus what is left
    /// of kRetryInterval since the last retry.
    Clock::duration noteRefused(Clock::time_point now);
    /// The wait is over (a retry starts at `now`): the next copy tries cursor() again.
    void endRetryWait(Clock::time_point now);
    /// True while a refused message waits for its retry.
    bool waitingRetry() const;
    /// How many copies were refused (each failed retry counts again).
    std::uint64_t refusals() const;
    /// True when a pump is already queued (the caller need not queue another).
    bool markQueued() { return queued_.exchange(true); }
    void clearQueued() { queued_ = false; }

    /// nats-server StreamSourceInfo as JSON: name, [external], lag, active (ns since the last
    /// contact, -1 if never), [error], [filter_subject], [subject_transforms].
    std::string infoJson() const;

private:
    const StreamSource config_;
    const bool mirror_;
    const std::string index_name_;
    std::vector<std::string> filters_;
    std::vector<std::optional<SubjectTransform>> transforms_;  ///< one per subject_transforms
    std::atomic<bool> queued_{false};

    mutable std::mutex mutex_;  ///< guards everything below (a leaf)
    std::weak_ptr<Stream> origin_;
    std::optional<ApiError> error_;
    std::uint64_t cursor_ = 0;
    std::uint64_t lag_ = 0;
    std::int64_t last_active_ns_ = 0;  ///< 0: never
    bool waiting_retry_ = false;
    std::optional<Clock::time_point> last_retry_;  ///< nats-server's si.lreq
    std::uint64_t refusals_ = 0;
};

/// Any thread; nats-server streamAndSeq of a Nats-Stream-Source value: the source's index name
/// ("<name> <filters> <destinations>", or the bare name of an old two-field value) and the origin
/// sequence. Nothing when the value has neither form.
std::optional<std::pair<std::string, std::uint64_t>> parseSourceHeader(std::string_view value);

/// Any thread; the header block without `Nats-Stream-Source` and `Nats-Expected-*` lines (what a
/// source strips before adding its own), then with `Nats-Stream-Source: <value>` appended.
std::string sourcedHeaders(std::string_view headers, std::string_view source_value);

/// Any thread; the first message at or after `start` matching any of `filters` (no filters: any
/// subject); Eof if none. nats-server's LoadNextMsgMulti.
store::Result<store::StoredMessage> loadNextMatching(store::StreamStore& store,
                                                     const std::vector<std::string>& filters,
                                                     std::uint64_t start);

}  // namespace nwb::jetstream
