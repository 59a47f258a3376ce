// Small shared pieces of the libnats layer.
#include "ui/client/nats_support.h"

#include <QRegularExpression>
#include <QThreadPool>

#include <mutex>

namespace nwb::ui {

QString natsErrorText(natsStatus status) {
    natsStatus last = NATS_OK;
    const char* text = nats_GetLastError(&last);
    if (text == nullptr || *text == '\0' || last != status)
        return QString::fromUtf8(natsStatus_GetText(status));
    // libnats prefixes the text with its source location: "(conn.c:1905): ".
    QString message = QString::fromUtf8(text);
    static const QRegularExpression location(QStringLiteral("^\\([\\w.]+:\\d+\\): "));
    message.remove(location);
    return message;
}

void ensureNatsOpen() {
    static std::once_flag once;
    std::call_once(once, [] { nats_Open(-1); });
}

void closeNatsLibrary(int timeout_ms) {
    natsWorkerPool().waitForDone(timeout_ms);
    nats_CloseAndWait(timeout_ms);
}

QThreadPool& natsWorkerPool() {
    // Destroyed at exit, after waiting for its tasks, like Qt's global pool.
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(32);
        return true;
    }();
    (void)configured;
    return pool;
}

}  // namespace nwb::ui
