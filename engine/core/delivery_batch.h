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
    /// to its own thread.
    void flushAll(IoWorker& worker);

private:
    std::vector<std::shared_ptr<ClientConnection>> touched_;
    const ClientConnection* last_touched_ = nullptr;  ///< skips repeat touches of one receiver
};

}  // namespace nwb::core
