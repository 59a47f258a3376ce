// Rates from consecutive cumulative /varz samples.
#include "ui/monitoring/rate_series.h"

#include <algorithm>
#include <utility>

namespace nwb::ui {

namespace {

double perSecond(qint64 before, qint64 after, double seconds, bool reset) {
    if (reset || after < before) return 0;
    return static_cast<double>(after - before) / seconds;
}

}  // namespace

RateSeries::RateSeries(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

std::optional<RatePoint> RateSeries::add(const VarzSample& sample) {
    if (last_ && sample.taken_ms <= last_->taken_ms) return std::nullopt;
    const std::optional<VarzSample> previous = std::exchange(last_, sample);
    if (!previous) return std::nullopt;

    const double seconds = static_cast<double>(sample.taken_ms - previous->taken_ms) / 1000.0;
    // A restarted server has a new id and counters from zero, even if they grew past the old ones.
    const bool reset = !previous->server_id.isEmpty() && !sample.server_id.isEmpty() &&
                       previous->server_id != sample.server_id;
    RatePoint p;
    p.time_ms = sample.taken_ms;
    p.in_msgs_per_s = perSecond(previous->in_msgs, sample.in_msgs, seconds, reset);
    p.out_msgs_per_s = perSecond(previous->out_msgs, sample.out_msgs, seconds, reset);
    p.in_bytes_per_s = perSecond(previous->in_bytes, sample.in_bytes, seconds, reset);
    p.out_bytes_per_s = perSecond(previous->out_bytes, sample.out_bytes, seconds, reset);
    p.connections = sample.connections;
    p.subscriptions = sample.subscriptions;
    p.slow_consumers = sample.slow_consumers;
    p.rtt_ms = std::exchange(pending_rtt_ms_, std::nullopt);
    points_.push_back(p);
    while (points_.size() > capacity_) points_.pop_front();
    return p;
}

void RateSeries::noteRtt(qint64 rtt_us) {
    pending_rtt_ms_ = static_cast<double>(rtt_us) / 1000.0;
}

void RateSeries::clear() {
    points_.clear();
    last_.reset();
    pending_rtt_ms_.reset();
}

}  // namespace nwb::ui
