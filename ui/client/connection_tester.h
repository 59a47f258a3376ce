// "Test connection": connects once with a profile and reports what the server is.
#pragma once

#include "ui/client/connection_profile.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace nwb::ui {

struct ConnectionTestResult {
    bool ok = false;
    QString error;  ///< why it failed (connect refused, authorization violation, ...)
    QString connected_url;
    QString server_id;
    QString server_name;
    QString version;         ///< from the server's INFO
    bool jetstream = false;  ///< the INFO's "jetstream" flag
    qint64 max_payload = 0;
    qint64 rtt_us = -1;  ///< one PING/PONG round trip through libnats
};

class ConnectionTester : public QObject {
    Q_OBJECT
public:
    /// The whole test (INFO read, connect, one round trip) ends within this time.
    static constexpr int kTimeoutMs = 5000;

    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;
    /// GUI thread. Runs the test off the GUI thread; finished() follows once (timeout: a few
    /// seconds). Starting again while running abandons the earlier test (no finished() for it).
    void start(const ConnectionProfile& profile);
    bool running() const { return running_; }

signals:
    void finished(const nwb::ui::ConnectionTestResult& result);

private:
    struct Shared;

    void complete(quint64 run, const ConnectionTestResult& result);

    std::shared_ptr<Shared> shared_;
    quint64 run_ = 0;
    bool running_ = false;
    QTimer* watchdog_ = nullptr;  ///< in case the worker overruns its own deadline
};

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::ConnectionTestResult)
