// Rates from consecutive cumulative /varz samples, kept as a bounded history for the charts.
#pragma once

#include "ui/monitoring/varz_sample.h"

#include <QtGlobal>

#include <cstddef>
#include <deque>
#include <optional>

namespace nwb::ui {

/// One chart point: the rates between two samples, and the gauges of the later one.
struct RatePoint {
    qint64 time_ms = 0;  ///< taken_ms of the later sample
    double in_msgs_per_s = 0;
    double out_msgs_per_s = 0;
    double in_bytes_per_s = 0;
    double out_bytes_per_s = 0;
    qint64 connections = 0;
    qint64 subscriptions = 0;
    qint64 slow_consumers = 0;
    std::optional<double> rtt_ms;  ///< the last round trip measured since the previous point
};

/// Not thread-safe; use from one thread.
class RateSeries {
public:
    /// 10 minutes at one sample a second.
    static constexpr std::size_t kDefaultCapacity = 600;

    explicit RateSeries(std::size_t capacity = kDefaultCapacity);

    /// Adds a sample. Returns the new point, or nullopt for the first sample (no rate yet) and
    /// for a sample not later than the previous one. A counter that went down (server restart,
    /// another server id) gives rate 0 for that interval. The oldest point goes past capacity.
    std::optional<RatePoint> add(const VarzSample& sample);
    /// A round trip measured now; the next point carries the latest one.
    void noteRtt(qint64 rtt_us);
    /// Forgets every sample and point.
    void clear();

    const std::deque<RatePoint>& points() const { return points_; }
    std::size_t capacity() const { return capacity_; }
    /// The last sample added, if any.
    const std::optional<VarzSample>& lastSample() const { return last_; }

private:
    std::size_t capacity_;
    std::deque<RatePoint> points_;
    std::optional<VarzSample> last_;
    std::optional<double> pending_rtt_ms_;
};

}  // namespace nwb::ui
