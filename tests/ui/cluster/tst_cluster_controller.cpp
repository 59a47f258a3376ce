// The local cluster seen from the GUI: operations run off the GUI thread, every node change
// reaches the model, and the panel's buttons follow the selected node's state.
#include "ui/cluster/cluster_controller.h"
#include "ui/cluster/local_cluster_panel.h"
#include "ui/cluster/node_table_model.h"

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace nwb::ui;

namespace {

constexpr int kWaitMs = 10000;

QPushButton* button(QWidget* panel, const QString& text) {
    for (auto* b : panel->findChildren<QPushButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

QString cell(const QAbstractItemModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

}  // namespace

class TestClusterController : public QObject {
    Q_OBJECT

private slots:
    void resizeStartsAndStopsNodesInOrder() {
        ClusterController controller;
        NodeTableModel model(&controller);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&controller, &ClusterController::operationFinished);

        controller.resize(3);
        QVERIFY(controller.busy());  // queued, not run on the GUI thread
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QVERIFY(!controller.busy());
        QCOMPARE(model.rowCount(), 3);
        QSet<int> ports;
        for (int row = 0; row < 3; ++row) {
            const NodeInfo node = model.node(row);
            QCOMPARE(node.name, QStringLiteral("n%1").arg(row + 1));
            QCOMPARE(node.state, NodeRunState::Running);
            QCOMPARE(cell(model, row, NodeTableModel::StateColumn), QStringLiteral("running"));
            QCOMPARE(cell(model, row, NodeTableModel::ClientUrlColumn), node.clientUrl());
            QVERIFY(node.port > 0 && node.monitor_port > 0);
            ports << node.port << node.monitor_port;
        }
        QCOMPARE(ports.size(), 6);

        controller.resize(1);
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(controller.nodes().size(), 1);
        QCOMPARE(model.node(0).name, QStringLiteral("n1"));
        QVERIFY(!controller.find(QStringLiteral("n3")));
    }

    void killAndRestartThroughThePanel() {
        ClusterController controller;
        LocalClusterPanel panel(&controller);
        panel.resize(900, 400);
        panel.show();
        QSignalSpy finished(&controller, &ClusterController::operationFinished);
        controller.resize(1);
        QVERIFY(finished.wait(kWaitMs));
        const int port = controller.nodes().at(0).port;
        panel.selectNode(QStringLiteral("n1"));

        QPushButton* start = button(&panel, QStringLiteral("Start"));
        QPushButton* kill = button(&panel, QStringLiteral("Kill"));
        QPushButton* restart = button(&panel, QStringLiteral("Restart"));
        QVERIFY(start && kill && restart);
        QTRY_VERIFY(kill->isEnabled());
        QVERIFY(!start->isEnabled());

        QTest::mouseClick(kill, Qt::LeftButton);
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(controller.nodes().at(0).state, NodeRunState::Killed);
        QCOMPARE(cell(*panel.table()->model(), 0, NodeTableModel::StateColumn), QStringLiteral("killed"));
        QVERIFY(start->isEnabled());
        QVERIFY(!kill->isEnabled());

        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(controller.nodes().at(0).state, NodeRunState::Running);
        QCOMPARE(controller.nodes().at(0).port, port);  // same port after a crash

        QTest::mouseClick(restart, Qt::LeftButton);
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(controller.nodes().at(0).state, NodeRunState::Running);
        QCOMPARE(controller.nodes().at(0).port, port);
        QVERIFY(panel.grab().save(QStringLiteral(NWB_SCREENSHOT_DIR "/local_cluster_panel.png")));
    }

    void nodesKeepTheirJetStreamStore() {
        QTemporaryDir store;
        ClusterController controller(store.path());
        QSignalSpy finished(&controller, &ClusterController::operationFinished);
        controller.resize(2);
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY(QFileInfo(store.filePath(QStringLiteral("n1/jetstream"))).isDir());
        QVERIFY(QFileInfo(store.filePath(QStringLiteral("n2/jetstream"))).isDir());
    }
};

QTEST_MAIN(TestClusterController)
#include "tst_cluster_controller.moc"
