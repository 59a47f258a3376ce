#include "ui/cluster/node_table_model.h"

#include "ui/cluster/cluster_controller.h"

#include <QColor>
#include <QFont>

namespace nwb::ui {
NodeTableModel::NodeTableModel(ClusterController* controller, QObject* parent)
    : QAbstractTableModel(parent), nodes_(controller->nodes()) {
    connect(controller, &ClusterController::nodeChanged, this, &NodeTableModel::update);
    connect(controller, &ClusterController::nodeRemoved, this, &NodeTableModel::remove);
}

int NodeTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(nodes_.size());
}

int NodeTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NodeInfo& node = nodes_[index.row()];
    const bool has_ports = node.port > 0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case NameColumn: return node.name;
            case StateColumn: return nodeRunStateText(node.state);
            case ClientUrlColumn: return has_ports ? node.clientUrl() : QString();
            case MonitorUrlColumn: return has_ports ? node.monitorUrl() : QString();
            case ServerIdColumn: return node.server_id;
        }
    } else if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        return nodeRunStateColour(node.state);
    } else if (role == Qt::ToolTipRole && index.column() == StateColumn && !node.error.isEmpty()) {
        return node.error;
    } else if (role == Qt::FontRole && index.column() == ServerIdColumn) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::TypeWriter);
        return mono;
    }
    return {};
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case NameColumn: return tr("Node");
        case StateColumn: return tr("State");
        case ClientUrlColumn: return tr("Client URL");
        case MonitorUrlColumn: return tr("Monitoring");
        case ServerIdColumn: return tr("Server ID");
    }
    return {};
}

NodeInfo NodeTableModel::node(int row) const {
    return row >= 0 && row < nodes_.size() ? nodes_[row] : NodeInfo{};
}

int NodeTableModel::rowOf(const QString& name) const {
    for (int row = 0; row < nodes_.size(); ++row)
        if (nodes_[row].name == name) return row;
    return -1;
}

void NodeTableModel::update(const NodeInfo& node) {
    const int row = rowOf(node.name);
    if (row < 0) {
        const int end = static_cast<int>(nodes_.size());
        beginInsertRows({}, end, end);
        nodes_.append(node);
        endInsertRows();
        return;
    }
    nodes_[row] = node;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void NodeTableModel::remove(const QString& name) {
    const int row = rowOf(name);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    nodes_.removeAt(row);
    endRemoveRows();
}

}  // namespace nwb::ui
