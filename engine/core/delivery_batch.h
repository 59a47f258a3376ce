// Write coalescing: the receivers touched while processing one read are flushed once, at its end.
#pragma once

#include <memory>
#include <vector>

namespace nwb::core {

class ClientConnection;
struct IoWorker;

/// One per I/O thread. Only that thread uses it.
class DeliveryBatch {
public:
    /// The calling thread's batch.
    static DeliveryBatch& current();

    /// Remembers a receiver whose outbound buffer got data it must flush.
    void touch(const std::shared_ptr<ClientConnection>& receiver);
    /// Flushes every touched receiver once: directly if it lives on `worker`, else by posting
    /// to its own thread. With no worker (a thread that is not an I/O thread), always posts.
    void flushAll(IoWorker& worker) { flushAll(&worker); }
    void flushAll(IoWorker* worker);

    /// True while an I/O thread processes one read; its end flushes the batch.
    bool inRead() const { return in_read_; }

    /// Remembers the first receiver of this read whose outbound bytes passed the stall level;
    /// a client's read forgets it first and takes it at its end.
    void noteCongested(const std::shared_ptr<ClientConnection>& receiver) {
        if (in_read_ && !congested_) congested_ = receiver;
    }
    /// The receiver noted during the last read, if any; forgets it.
    std::shared_ptr<ClientConnection> takeCongested() { return std::move(congested_); }

    /// Marks the processing of one read, so internal publishes leave flushing to its end.
    class ReadScope {
    public:
        explicit ReadScope(DeliveryBatch& batch) : batch_(batch) { batch_.in_read_ = true; }
        ~ReadScope() { batch_.in_read_ = false; }
        ReadScope(const ReadScope&) = delete;
        ReadScope& operator=(const ReadScope&) = delete;

    private:
        DeliveryBatch& batch_;
    };

private:
    std::vector<std::shared_ptr<ClientConnection>> touched_;
    const ClientConnection* last_touched_ = nullptr;
    std::shared_ptr<ClientConnection> congested_;
    bool in_read_ = false;  ///< skips repeat touches of one receiver
};

}  // namespace nwb::core
