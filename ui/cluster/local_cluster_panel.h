// The "Local cluster" tab: how many nodes, their ports and states, and stop, kill, restart.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace nwb::ui {

class ClusterController;
class NodeTableModel;

class LocalClusterPanel : public QWidget {
    Q_OBJECT
public:
    explicit LocalClusterPanel(ClusterController* controller, QWidget* parent = nullptr);

    /// Selects the named node's row (for the navigator and tests).
    void selectNode(const QString& name);
    QTableView* table() const { return table_; }

signals:
    /// The user asked to open a view of this node (double click).
    void openNodeRequested(const QString& name);

private:
    QString selectedNode() const;
    void updateButtons();

    ClusterController* controller_;
    NodeTableModel* model_;
    QComboBox* size_combo_;
    QPushButton* apply_size_;
    QTableView* table_;
    QPushButton* start_;
    QPushButton* stop_;
    QPushButton* kill_;
    QPushButton* restart_;
    QLabel* busy_label_;
};

}  // namespace nwb::ui
