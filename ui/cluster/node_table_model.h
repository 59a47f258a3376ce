// The local cluster's nodes as a table: name, state, client URL, monitoring URL, server id.
#pragma once

#include "ui/cluster/node_info.h"

#include <QAbstractTableModel>
#include <QList>

namespace nwb::ui {

class ClusterController;

class NodeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, ClientUrlColumn, MonitorUrlColumn, ServerIdColumn,
                  ColumnCount };

    /// Follows `controller` (GUI thread) from its current nodes on.
    explicit NodeTableModel(ClusterController* controller, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The node shown in `row`; a default NodeInfo when out of range.
    NodeInfo node(int row) const;
    /// The row of the named node, or -1.
    int rowOf(const QString& name) const;

private:
    void update(const NodeInfo& node);
    void remove(const QString& name);

    QList<NodeInfo> nodes_;
};

}  // namespace nwb::ui
