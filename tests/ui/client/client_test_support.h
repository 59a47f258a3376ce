// Servers for the client-layer tests: an in-process embed::Node, or Debian's nats-server run as
// a process on a free port (skipped where it is not installed).
#pragma once

#include "engine/embed/node.h"
#include "ui/client/connection_profile.h"

#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace nwb::test {

inline const QString kNatsServerPath = QStringLiteral("/usr/sbin/nats-server");

inline bool natsServerInstalled() { return QFile::exists(kNatsServerPath); }

/// A loopback port nobody listens on right now.
inline int freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

inline ui::ConnectionProfile profileFor(const QString& url) {
    ui::ConnectionProfile profile;
    profile.name = QStringLiteral("test");
    profile.urls = {url};
    return profile;
}

/// nats-server on 127.0.0.1 and a free port, stopped on destruction.
class NatsServerProcess {
public:
    /// Starts it with `extra_args` and waits until it is ready; false on failure.
    bool start(const QStringList& extra_args = {}) {
        port_ = freePort();
        process_.setProgram(kNatsServerPath);
        process_.setArguments(QStringList{QStringLiteral("-a"), QStringLiteral("127.0.0.1"),
                                          QStringLiteral("-p"), QString::number(port_)} +
                              extra_args);
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.start();
        if (!process_.waitForStarted(5000)) return false;
        QByteArray log;
        for (int i = 0; i < 100 && !log.contains("Server is ready"); ++i) {
            process_.waitForReadyRead(100);
            log += process_.readAll();
            if (process_.state() != QProcess::Running) return false;
        }
        return log.contains("Server is ready");
    }
    ~NatsServerProcess() {
        if (process_.state() == QProcess::Running) {
            process_.kill();
            process_.waitForFinished(5000);
        }
    }
    QString url() const { return QStringLiteral("nats://127.0.0.1:%1").arg(port_); }
    int port() const { return port_; }

private:
    QProcess process_;
    int port_ = 0;
};

/// One server of either kind, chosen by a test's data row.
class TestServer {
public:
    /// "embedded" or "nats-server"; QSKIPs the caller if nats-server is missing (use the
    /// START_TEST_SERVER macro).
    bool start(const QString& kind) {
        if (kind == QLatin1String("nats-server")) {
            process_ = std::make_unique<NatsServerProcess>();
            return process_->start();
        }
        node_ = std::make_unique<embed::Node>("n1");
        return node_->start();
    }
    QString url() const {
        return node_ ? QString::fromStdString(node_->clientUrl()) : process_->url();
    }
    embed::Node* node() const { return node_.get(); }

private:
    std::unique_ptr<embed::Node> node_;
    std::unique_ptr<NatsServerProcess> process_;
};

}  // namespace nwb::test

/// Starts `server` of the row's `kind`, skipping when nats-server is wanted but not installed.
#define START_TEST_SERVER(server, kind)                                                  \
    do {                                                                                 \
        if ((kind) == QLatin1String("nats-server") && !nwb::test::natsServerInstalled()) \
            QSKIP("nats-server is not installed");                                       \
        QVERIFY((server).start(kind));                                                   \
    } while (false)
