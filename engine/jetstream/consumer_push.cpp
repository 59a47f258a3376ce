// Push mode of a consumer: interest on the deliver subject, idle heartbeats, flow control, the rate
// limit, and removal after inactive_threshold (nats-server 2.9 consumer.go semantics).
#include "engine/jetstream/consumer.h"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <random>

namespace nwb::jetstream {

namespace {

/// nats-server's jitter on delete timers: 100 ms plus up to 900 ms.
std::int64_t deleteJitter() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return 100'000'000 + static_cast<std::int64_t>(rng() % 900) * 1'000'000;
}

/// nats-server fcReply: "$JS.FC.<stream>.<consumer>." and 4 base-62 digits.
std::string flowControlReply(const std::string& stream, const std::string& consumer) {
    static constexpr std::string_view kDigits =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::string out = "$JS.FC." + stream + "." + consumer + ".";
    std::uint64_t n = rng() >> 1;
    for (int i = 0; i < 4; ++i) {
        out += kDigits[n % kDigits.size()];
        n /= kDigits.size();
    }
    return out;
}

}  // namespace

bool Consumer::pushBound() const {
    std::lock_guard lock(mutex_);
    return isPush() && active_;
}

void Consumer::watchInterest() {
    std::string subject, group;
    std::uint64_t old = 0;
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        subject = config_.deliver_subject;
        group = config_.deliver_group;
        old = std::exchange(watch_id_, 0);
    }
    auto& trie = context_.account.trie();
    if (old != 0) trie.unwatch(old);
    const auto id = trie.watch(subject, group, [weak = weak_from_this()] {
        if (auto self = weak.lock()) {
            boost::asio::post(self->strand_, [self] { self->onInterestChange(); });
        }
    });
    bool stopped = false;
    {
        std::lock_guard lock(mutex_);
        stopped = stopped_;
        if (!stopped) watch_id_ = id;
    }
    if (stopped) {
        trie.unwatch(id);
        return;
    }
    boost::asio::post(strand_, [self = shared_from_this()] { self->onInterestChange(); });
}

void Consumer::onInterestChange() {
    std::vector<Outbound> out;
    {
        std::lock_guard lock(mutex_);
        if (stopped_ || !isPush()) return;
        const bool interest = context_.account.trie().hasExactInterest(config_.deliver_subject,
                                                                       config_.deliver_group);
        const auto now = context_.clock();
        if (interest) {
            if (!active_) {
                active_ = true;
                if (config_.idle_heartbeat > 0 &&
                    last_sent_ + std::chrono::nanoseconds(config_.idle_heartbeat) < now) {
                    last_sent_ = now;
                }
            }
            delete_at_.reset();
            deliverLocked(out);
        } else {
            active_ = false;
            if (dthresh_ > 0 && !delete_at_) delete_at_ = now + std::chrono::nanoseconds(dthresh_);
        }
        scheduleLocked();
    }
    publish(out);
    flushState();
}

void Consumer::lostPushDeliveryLocked() {
    // nats-server didNotDeliver: inactive until the interest check says otherwise.
    active_ = false;
    boost::asio::post(strand_, [self = shared_from_this()] { self->onInterestChange(); });
}

void Consumer::processFlowControl(const std::string& subject) {
    std::vector<Outbound> out;
    {
        std::lock_guard lock(mutex_);
        if (stopped_ || subject != fcid_) return;  // only the latest request counts
        if (maxpb_ < pblimit_) maxpb_ = std::min(maxpb_ * 2, pblimit_);
        pbytes_ = std::max<std::int64_t>(0, pbytes_ - fcsz_);
        fcid_.clear();
        fcsz_ = 0;
        deliverLocked(out);
        scheduleLocked();
    }
    publish(out);
    flushState();
}

bool Consumer::pushBlockedLocked() const { return !active_ || (maxpb_ > 0 && pbytes_ > maxpb_); }

void Consumer::afterPushDeliveryLocked(std::int64_t size, std::vector<Outbound>& out) {
    last_sent_ = context_.clock();
    chargeRateLocked(size);
    if (maxpb_ == 0) return;
    pbytes_ += size;
    // nats-server needFlowControl: ask once over half the window; while a request is out, grow
    // what its response releases.
    if (fcid_.empty() && pbytes_ > maxpb_ / 2) {
        fcid_ = flowControlReply(context_.stream_name, name_);
        fcsz_ = pbytes_;
        out.push_back(Outbound{config_.deliver_subject,
                               config_.deliver_subject,
                               fcid_,
                               "NATS/1.0 100 FlowControl Request\r\n\r\n",
                               {},
                               0});
    } else if (!fcid_.empty() && pbytes_ - fcsz_ >= maxpb_) {
        fcsz_ += size;
    }
}

void Consumer::heartbeatLocked(std::vector<Outbound>& out) {
    const auto now = context_.clock();
    // A waiting pull request with idle_heartbeat hears from us at least that often.
    for (auto& wr : waiting_) {
        if (wr.heartbeat <= 0 || now < wr.last_sent + std::chrono::nanoseconds(wr.heartbeat)) continue;
        wr.last_sent = now;
        out.push_back(status(wr.reply, "100 Idle Heartbeat",
                             "Nats-Last-Consumer: " + std::to_string(dseq_) +
                                 "\r\nNats-Last-Stream: " + std::to_string(sseq_ - 1) + "\r\n"));
    }
    if (!isPush() || config_.idle_heartbeat <= 0) return;
    if (now < last_sent_ + std::chrono::nanoseconds(config_.idle_heartbeat)) return;
    last_sent_ = now;
    if (!active_) return;
    std::string headers =
        "NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: " + std::to_string(dseq_) +
        "\r\nNats-Last-Stream: " + std::to_string(sseq_ - 1) + "\r\n";
    if (!fcid_.empty()) headers += "Nats-Consumer-Stalled: " + fcid_ + "\r\n";
    headers += "\r\n";
    out.push_back(
        Outbound{config_.deliver_subject, config_.deliver_subject, {}, std::move(headers), {}, 0});
}

bool Consumer::rateLimitedLocked() {
    if (config_.rate_limit_bps == 0) return false;
    const auto now = context_.clock();
    const double rate = static_cast<double>(config_.rate_limit_bps) / 8.0;  // bytes per second
    const double elapsed = std::chrono::duration<double>(now - rate_at_).count();
    rate_tokens_ =
        std::min(static_cast<double>(context_.rate_burst), rate_tokens_ + elapsed * rate);
    rate_at_ = now;
    return rate_tokens_ < 0;
}

void Consumer::chargeRateLocked(std::int64_t size) {
    // As golang.org/x/time/rate ReserveN: the bucket may go negative; the next delivery waits
    // until it is refilled (nats-server waits before this one; the rate is the same).
    if (config_.rate_limit_bps != 0) rate_tokens_ -= static_cast<double>(size);
}

void Consumer::setInactiveThresholdLocked() {
    // nats-server updateInactiveThreshold (setConsumerDefaults stamped ephemerals with 5 s).
    const std::int64_t threshold = config_.inactive_threshold;
    if (!config_.durable() && threshold <= 0) {
        dthresh_ = kDefaultInactiveThreshold + deleteJitter();
    } else if (threshold > 0) {
        dthresh_ = isPush() ? threshold : threshold + deleteJitter();
    } else {
        dthresh_ = 0;
    }
}

void Consumer::noteActivityLocked() {
    // nats-server suppressDeletion, after acks.
    if (config_.inactive_threshold <= 0) return;
    const auto now = context_.clock();
    if (isPush()) {
        if (delete_at_) delete_at_ = now + std::chrono::nanoseconds(dthresh_);
    } else {
        last_activity_ = now;
    }
}

bool Consumer::checkInactiveLocked() {
    const auto now = context_.clock();
    if (!delete_at_ || now < *delete_at_) return false;
    delete_at_.reset();
    if (isPush()) return !active_;
    // Pull: the timer keeps running; any request, delivery or ack within the threshold, or a
    // request still waiting, keeps the consumer.
    const auto elapsed = now - last_activity_;
    if (elapsed <= std::chrono::nanoseconds(config_.inactive_threshold)) {
        delete_at_ = now + (std::chrono::nanoseconds(dthresh_) - elapsed);
        return false;
    }
    if (!waiting_.empty()) {
        delete_at_ = now + std::chrono::nanoseconds(dthresh_);
        return false;
    }
    return true;
}

void Consumer::scheduleExtraLocked(const std::function<void(Clock::time_point)>& consider) {
    if (isPush() && active_) {
        if (config_.idle_heartbeat > 0) {
            consider(last_sent_ + std::chrono::nanoseconds(config_.idle_heartbeat));
        }
        if (config_.rate_limit_bps != 0 && rate_tokens_ < 0) {
            const double rate = static_cast<double>(config_.rate_limit_bps) / 8.0;
            consider(rate_at_ + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(-rate_tokens_ / rate)));
        }
    }
    for (const auto& wr : waiting_) {
        if (wr.heartbeat > 0) consider(wr.last_sent + std::chrono::nanoseconds(wr.heartbeat));
    }
    if (delete_at_) consider(*delete_at_);
}

}  // namespace nwb::jetstream
