// Write coalescing across one read's worth of messages.
#include "engine/core/delivery_batch.h"

#include <boost/asio/post.hpp>

#include "engine/core/client_connection.h"
#include "engine/core/server.h"

namespace nwb::core {

DeliveryBatch& DeliveryBatch::current() {
    thread_local DeliveryBatch batch;
    return batch;
}

void DeliveryBatch::touch(const std::shared_ptr<ClientConnection>& receiver) {
    if (receiver.get() == last_touched_) return;  // already queued (and held) by this batch
    if (receiver->markFlushNeeded()) {
        touched_.push_back(receiver);
        last_touched_ = receiver.get();
    }
}

void DeliveryBatch::flushAll(IoWorker* worker) {
    // Swap out first: a flush can close a connection, which may touch the batch again.
    std::vector<std::shared_ptr<ClientConnection>> touched;
    touched.swap(touched_);
    last_touched_ = nullptr;
    for (auto& receiver : touched) {
        if (&receiver->worker() == worker) {
            receiver->flush();
        } else if (!receiver->flushFromOtherThread()) {
            // What one direct send could not take is written by the receiver's own thread.
            boost::asio::post(receiver->worker().io, [r = receiver] { r->flush(); });
        }
    }
    touched.clear();
    if (touched_.empty()) touched_.swap(touched);  // keep the capacity
}

}  // namespace nwb::core
