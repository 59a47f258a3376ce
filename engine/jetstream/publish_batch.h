// Socket-write coalescing for the engine's own publishes (deliveries, acks) made off I/O threads.
#pragma once

#include <optional>

#include "engine/core/delivery_batch.h"

namespace nwb::jetstream {

/// Coalesces the socket writes of the internal publishes made while it lives (a batch of
/// deliveries, a commit group's acks): each receiver is flushed once, at its end. Inside an I/O
/// thread's read it does nothing: that read's end flushes already. Not for I/O threads otherwise.
class PublishBatch {
public:
    PublishBatch() : batch_(core::DeliveryBatch::current()) {
        if (!batch_.inRead()) scope_.emplace(batch_);
    }
    ~PublishBatch() {
        if (!scope_) return;
        scope_.reset();
        batch_.flushAll(nullptr);
        // A receiver noted as congested matters only to a client read, which stalls its
        // publisher; internal publishes are never stalled, so drop the reference here.
        (void)batch_.takeCongested();
    }
    PublishBatch(const PublishBatch&) = delete;
    PublishBatch& operator=(const PublishBatch&) = delete;

private:
    core::DeliveryBatch& batch_;
    std::optional<core::DeliveryBatch::ReadScope> scope_;
};

}  // namespace nwb::jetstream
