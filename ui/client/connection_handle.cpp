// One natsConnection, shared by its session, its subscriptions and running requests.
#include "ui/client/connection_handle.h"

#include "ui/client/nats_support.h"

#include <QThreadPool>

namespace nwb::ui {
namespace {

constexpr int kRetireFlushMs = 2000;

}  // namespace

ConnectionHandle::~ConnectionHandle() {
    natsWorkerPool().start([nc = nc_, retired = std::move(retired_)] {
        natsConnection_Destroy(nc);  // closes first if needed; the read loop is joined after it
        for (natsSubscription* sub : retired) natsSubscription_Destroy(sub);
    });
}

void ConnectionHandle::retire(const std::shared_ptr<ConnectionHandle>& self,
                              natsSubscription* sub) {
    natsSubscription_Unsubscribe(sub);
    natsWorkerPool().start([self, sub] {
        // The read loop handles the PONG after every message it read before it.
        if (natsConnection_FlushTimeout(self->nc_, kRetireFlushMs) == NATS_OK) {
            natsSubscription_Destroy(sub);
            return;
        }
        std::lock_guard lock(self->mutex_);
        self->retired_.push_back(sub);
    });
}

}  // namespace nwb::ui
