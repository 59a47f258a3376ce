// The workbench's embedded local cluster: engine/embed's LocalCluster, driven from a worker
// thread so that starting, stopping and killing nodes never blocks the GUI.
#pragma once

#include "ui/cluster/node_info.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThreadPool;

namespace nwb::embed {
class LocalCluster;
}

namespace nwb::ui {

class ClusterController : public QObject {
    Q_OBJECT
public:
    /// GUI thread. Creates the cluster with no nodes. With a `jetstream_store`, every node runs
    /// JetStream with its store in <jetstream_store>/<node name>, kept across restarts.
    explicit ClusterController(const QString& jetstream_store = {}, QObject* parent = nullptr);
    /// Waits for the running operation, then stops every node (blocks; at exit only).
    ~ClusterController() override;

    /// Asynchronous operations, GUI thread. They run one at a time, in order; each node
    /// change arrives as nodeChanged(), and operationFinished() follows each call.
    void resize(int count);
    void startNode(const QString& name);
    void stopNode(const QString& name);
    void killNode(const QString& name);
    void restartNode(const QString& name);
    void stopAll();

    /// The last known status of every node, in creation order. GUI thread.
    QList<NodeInfo> nodes() const { return nodes_; }
    /// Null when there is no such node. GUI thread.
    const NodeInfo* find(const QString& name) const;
    /// Whether an operation is queued or running. GUI thread.
    bool busy() const { return pending_ > 0; }
    /// Whether the nodes form one NATS cluster (they do not until clustering lands).
    bool clustered() const;

signals:
    void nodeChanged(const nwb::ui::NodeInfo& node);
    void nodeRemoved(const QString& name);
    void operationFinished(const QString& description, bool ok);
    void busyChanged(bool busy);

private:
    void run(QString description, std::function<bool(embed::LocalCluster&)> operation);
    void apply(const QList<NodeInfo>& snapshot);

    std::unique_ptr<embed::LocalCluster> cluster_;
    std::unique_ptr<QThreadPool> worker_;  ///< one thread: operations stay ordered
    QList<NodeInfo> nodes_;
    int pending_ = 0;
};

}  // namespace nwb::ui
