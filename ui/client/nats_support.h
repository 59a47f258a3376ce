// Small shared pieces of the libnats layer: owning pointers, error texts, the worker pool.
#pragma once

#include <nats/nats.h>

#include <QString>

#include <memory>

class QThreadPool;

namespace nwb::ui {

struct NatsDeleter {
    void operator()(natsOptions* p) const noexcept { natsOptions_Destroy(p); }
    void operator()(natsMsg* p) const noexcept { natsMsg_Destroy(p); }
};
using NatsOptionsPtr = std::unique_ptr<natsOptions, NatsDeleter>;
using NatsMsgPtr = std::unique_ptr<natsMsg, NatsDeleter>;

/// The text libnats gives for the failure `status` on the calling thread: its last error if
/// it has one, else the status text. Any thread; call right after the failing call.
QString natsErrorText(natsStatus status);

/// Initialises libnats if nothing has yet (natsMsg_Create, unlike natsOptions_Create, does not).
/// Any thread.
void ensureNatsOpen();

/// For the end of the program, once every session, subscription and tester is gone: waits for
/// the connections still closing on the worker pool, then releases libnats (nats_CloseAndWait).
/// Blocks up to about `timeout_ms` twice. Any thread but a worker's.
void closeNatsLibrary(int timeout_ms = 5000);

/// The pool that runs blocking libnats calls (connect, request, close) for this module: wider
/// than the global pool, because these calls mostly wait on the network.
QThreadPool& natsWorkerPool();

}  // namespace nwb::ui
