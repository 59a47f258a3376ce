#include "ui/cluster/cluster_controller.h"

#include "engine/embed/local_cluster.h"

#include <QThreadPool>

namespace nwb::ui {
namespace {

NodeInfo infoOf(const embed::Node& node) {
    const embed::NodeStatus status = node.status();
    NodeInfo info;
    info.name = QString::fromStdString(node.name());
    info.state = static_cast<NodeRunState>(status.state);
    info.error = QString::fromStdString(status.error);
    info.port = status.port;
    info.monitor_port = status.monitor_port;
    info.server_id = QString::fromStdString(status.server_id);
    return info;
}

QList<NodeInfo> snapshotOf(const embed::LocalCluster& cluster) {
    QList<NodeInfo> list;
    for (const auto& node : cluster.nodes()) list.append(infoOf(*node));
    return list;
}

}  // namespace

namespace {

core::ServerOptions nodeTemplate(const QString& jetstream_store) {
    core::ServerOptions options = embed::Node::defaultOptions();
    if (!jetstream_store.isEmpty()) {
        options.jetstream = true;
        options.store_dir = jetstream_store.toStdString();
    }
    return options;
}

}  // namespace

ClusterController::ClusterController(const QString& jetstream_store, QObject* parent)
    : QObject(parent),
      cluster_(std::make_unique<embed::LocalCluster>(nodeTemplate(jetstream_store))),
      worker_(std::make_unique<QThreadPool>()) {
    qRegisterMetaType<NodeInfo>();
    worker_->setMaxThreadCount(1);
    worker_->setExpiryTimeout(-1);
    // Runs on the worker thread (the one changing the state): copy, then hop to the GUI.
    cluster_->setStateListener([this](embed::Node& node, embed::NodeState, const std::string&) {
        const NodeInfo info = infoOf(node);
        QMetaObject::invokeMethod(
            this, [this, info] { apply({info}); }, Qt::QueuedConnection);
    });
}

ClusterController::~ClusterController() {
    worker_->waitForDone();
    cluster_->setStateListener({});
    cluster_.reset();
}

bool ClusterController::clustered() const { return cluster_->clustered(); }

const NodeInfo* ClusterController::find(const QString& name) const {
    for (const NodeInfo& node : nodes_)
        if (node.name == name) return &node;
    return nullptr;
}

void ClusterController::resize(int count) {
    run(tr("Start %n node(s)", nullptr, count), [count](embed::LocalCluster& cluster) {
        return cluster.start(static_cast<std::size_t>(count));
    });
}

void ClusterController::startNode(const QString& name) {
    run(tr("Start %1").arg(name), [n = name.toStdString()](embed::LocalCluster& cluster) {
        const auto node = cluster.find(n);
        return node && node->start();
    });
}

void ClusterController::stopNode(const QString& name) {
    run(tr("Stop %1").arg(name), [n = name.toStdString()](embed::LocalCluster& cluster) {
        const auto node = cluster.find(n);
        if (!node) return false;
        node->stop();
        return true;
    });
}

void ClusterController::killNode(const QString& name) {
    run(tr("Kill %1").arg(name), [n = name.toStdString()](embed::LocalCluster& cluster) {
        const auto node = cluster.find(n);
        if (!node) return false;
        node->kill();
        return true;
    });
}

void ClusterController::restartNode(const QString& name) {
    run(tr("Restart %1").arg(name), [n = name.toStdString()](embed::LocalCluster& cluster) {
        const auto node = cluster.find(n);
        return node && node->restart();
    });
}

void ClusterController::stopAll() {
    run(tr("Stop all nodes"), [](embed::LocalCluster& cluster) {
        cluster.stopAll();
        return true;
    });
}

void ClusterController::run(QString description,
                            std::function<bool(embed::LocalCluster&)> operation) {
    if (pending_++ == 0) Q_EMIT busyChanged(true);
    embed::LocalCluster* cluster = cluster_.get();
    worker_->start([this, cluster, description, operation = std::move(operation)] {
        const bool ok = operation(*cluster);
        // Nodes added or removed do not always change state (a removed node just goes), so
        // every operation ends with a full snapshot.
        const QList<NodeInfo> snapshot = snapshotOf(*cluster);
        QMetaObject::invokeMethod(
            this,
            [this, description, ok, snapshot] {
                apply(snapshot);
                for (qsizetype i = nodes_.size() - 1; i >= 0; --i) {
                    const QString name = nodes_[i].name;
                    const bool kept = std::any_of(snapshot.begin(), snapshot.end(),
                                                  [&](const NodeInfo& n) { return n.name == name; });
                    if (!kept) {
                        nodes_.removeAt(i);
                        Q_EMIT nodeRemoved(name);
                    }
                }
                Q_EMIT operationFinished(description, ok);
                if (--pending_ == 0) Q_EMIT busyChanged(false);
            },
            Qt::QueuedConnection);
    });
}

void ClusterController::apply(const QList<NodeInfo>& snapshot) {
    for (const NodeInfo& info : snapshot) {
        auto it = std::find_if(nodes_.begin(), nodes_.end(),
                               [&](const NodeInfo& n) { return n.name == info.name; });
        if (it == nodes_.end()) {
            nodes_.append(info);
        } else {
            if (it->state == info.state && it->port == info.port &&
                it->monitor_port == info.monitor_port && it->server_id == info.server_id &&
                it->error == info.error)
                continue;
            *it = info;
        }
        Q_EMIT nodeChanged(info);
    }
}

}  // namespace nwb::ui
