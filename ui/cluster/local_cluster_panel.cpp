#include "ui/cluster/local_cluster_panel.h"

#include "ui/cluster/cluster_controller.h"
#include "ui/cluster/node_table_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace nwb::ui {

LocalClusterPanel::LocalClusterPanel(ClusterController* controller, QWidget* parent)
    : QWidget(parent), controller_(controller), model_(new NodeTableModel(controller, this)) {
    auto* title = new QLabel(tr("<b>Local cluster</b> — servers running inside the workbench"));
    auto* note = new QLabel(tr("Each node is an independent server for now: a message published "
                               "on one node is not seen on another."));
    note->setWordWrap(true);
    note->setEnabled(false);

    size_combo_ = new QComboBox;
    for (int n : {1, 3, 5}) size_combo_->addItem(tr("%n node(s)", nullptr, n), n);
    apply_size_ = new QPushButton(tr("Apply"));
    apply_size_->setToolTip(tr("Start or stop nodes until the cluster has this many"));
    busy_label_ = new QLabel;

    auto* size_row = new QHBoxLayout;
    size_row->addWidget(new QLabel(tr("Cluster size:")));
    size_row->addWidget(size_combo_);
    size_row->addWidget(apply_size_);
    size_row->addWidget(busy_label_);
    size_row->addStretch();

    table_ = new QTableView;
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    start_ = new QPushButton(tr("Start"));
    stop_ = new QPushButton(tr("Stop"));
    stop_->setToolTip(tr("Graceful shutdown: clients are told and connections closed cleanly"));
    kill_ = new QPushButton(tr("Kill"));
    kill_->setToolTip(tr("Drop every connection at once, as a crash would"));
    restart_ = new QPushButton(tr("Restart"));
    restart_->setToolTip(tr("Stop, then start again on the same ports"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {start_, stop_, kill_, restart_}) buttons->addWidget(b);
    buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(note);
    layout->addLayout(size_row);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    connect(apply_size_, &QPushButton::clicked, this,
            [this] { controller_->resize(size_combo_->currentData().toInt()); });
    connect(start_, &QPushButton::clicked, this,
            [this] { controller_->startNode(selectedNode()); });
    connect(stop_, &QPushButton::clicked, this, [this] { controller_->stopNode(selectedNode()); });
    connect(kill_, &QPushButton::clicked, this, [this] { controller_->killNode(selectedNode()); });
    connect(restart_, &QPushButton::clicked, this,
            [this] { controller_->restartNode(selectedNode()); });
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT openNodeRequested(model_->node(index.row()).name);
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LocalClusterPanel::updateButtons);
    connect(model_, &QAbstractItemModel::dataChanged, this, &LocalClusterPanel::updateButtons);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!table_->selectionModel()->hasSelection()) table_->selectRow(0);
        updateButtons();
    });
    connect(controller_, &ClusterController::busyChanged, this, [this](bool busy) {
        busy_label_->setText(busy ? tr("working…") : QString());
        updateButtons();
    });

    const int size = static_cast<int>(controller_->nodes().size());
    const int combo_index = size_combo_->findData(size);
    if (combo_index >= 0) size_combo_->setCurrentIndex(combo_index);
    if (model_->rowCount() > 0) table_->selectRow(0);
    updateButtons();
}

void LocalClusterPanel::selectNode(const QString& name) {
    const int row = model_->rowOf(name);
    if (row >= 0) table_->selectRow(row);
}

QString LocalClusterPanel::selectedNode() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : model_->node(rows.first().row()).name;
}

void LocalClusterPanel::updateButtons() {
    const QString name = selectedNode();
    const NodeInfo* node = name.isEmpty() ? nullptr : controller_->find(name);
    const bool idle = !controller_->busy();
    const bool running = node && node->state == NodeRunState::Running;
    const bool down = node && (node->state == NodeRunState::Stopped ||
                               node->state == NodeRunState::Killed ||
                               node->state == NodeRunState::Failed);
    start_->setEnabled(idle && down);
    stop_->setEnabled(idle && running);
    kill_->setEnabled(idle && running);
    restart_->setEnabled(idle && (running || down));
    apply_size_->setEnabled(idle);
}

}  // namespace nwb::ui
