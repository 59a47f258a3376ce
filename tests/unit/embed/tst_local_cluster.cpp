// embed::LocalCluster: N real nodes in this process, each on its own ports, grown, shrunk,
// stopped and restarted; the node template (here a token) applies to every node.
#include "engine/embed/local_cluster.h"
#include "tests/integration/nats_test_support.h"
#include "tests/unit/embed/embed_test_support.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

using nwb::embed::LocalCluster;
using nwb::embed::Node;
using nwb::embed::NodeState;
using namespace nwb::test;

namespace {

std::vector<std::string> names(const LocalCluster& cluster) {
    std::vector<std::string> out;
    for (const auto& node : cluster.nodes()) out.push_back(node->name());
    return out;
}

bool pubSubWorks(const std::string& url, const std::string& payload) {
    auto nc = nwb::test::connect(url);
    if (!nc) return false;
    auto sub = subscribeSync(nc->get(), "cluster.check");
    if (!sub) return false;
    if (natsConnection_PublishString(nc->get(), "cluster.check", payload.c_str()) != NATS_OK) {
        return false;
    }
    if (natsConnection_Flush(nc->get()) != NATS_OK) return false;
    auto msg = nextMsg(sub->get(), 5000);
    return msg && msgData(msg->get()) == payload;
}

}  // namespace

class TstLocalCluster : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void startOneNode() {
        LocalCluster cluster;
        QCOMPARE(cluster.size(), std::size_t{0});
        QVERIFY(cluster.start(1));
        QCOMPARE(cluster.size(), std::size_t{1});
        QCOMPARE(names(cluster), (std::vector<std::string>{"n1"}));
        QCOMPARE(cluster.node(0)->state(), NodeState::Running);
        QVERIFY(pubSubWorks(cluster.node(0)->clientUrl(), "one"));
        QVERIFY(!cluster.clustered());
    }

    void startThreeNodesOnDistinctPorts() {
        LocalCluster cluster;
        QVERIFY(cluster.start(3));
        QCOMPARE(names(cluster), (std::vector<std::string>{"n1", "n2", "n3"}));
        std::set<int> ports;
        std::set<std::string> ids;
        for (const auto& node : cluster.nodes()) {
            QCOMPARE(node->state(), NodeState::Running);
            ports.insert(node->port());
            ports.insert(node->monitorPort());
            ids.insert(node->serverId());
            QVERIFY(pubSubWorks(node->clientUrl(), node->name()));
            const std::string varz = httpGet(node->monitorPort(), "/varz");
            QVERIFY2(varz.find(node->serverId()) != std::string::npos, varz.c_str());
            QVERIFY(varz.find("\"" + node->name() + "\"") != std::string::npos);
        }
        QCOMPARE(ports.size(), std::size_t{6});
        QCOMPARE(ids.size(), std::size_t{3});
        QCOMPARE(cluster.find("n2"), cluster.node(1));
        QVERIFY(cluster.find("n9") == nullptr);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, cluster.node(3));
        QVERIFY(!cluster.clustered());
    }

    void addAndRemoveNodes() {
        LocalCluster cluster;
        QVERIFY(cluster.start(2));
        const std::shared_ptr<Node> n3 = cluster.addNode();
        QCOMPARE(n3->name(), std::string("n3"));
        QCOMPARE(n3->state(), NodeState::Running);
        QVERIFY(pubSubWorks(n3->clientUrl(), "added"));

        const std::shared_ptr<Node> n2 = cluster.find("n2");
        QVERIFY(cluster.removeNode("n2"));
        QCOMPARE(names(cluster), (std::vector<std::string>{"n1", "n3"}));
        QCOMPARE(n2->state(), NodeState::Stopped);
        QCOMPARE(probePort(n2->port()), Probe::Refused);
        QVERIFY(!cluster.removeNode("n2"));

        // Names are not reused while the cluster lives.
        QCOMPARE(cluster.addNode()->name(), std::string("n4"));
        QCOMPARE(names(cluster), (std::vector<std::string>{"n1", "n3", "n4"}));
    }

    void startShrinksAndGrows() {
        LocalCluster cluster;
        QVERIFY(cluster.start(3));
        const auto before = cluster.nodes();
        QVERIFY(cluster.start(1));
        QCOMPARE(names(cluster), (std::vector<std::string>{"n1"}));
        QCOMPARE(before[1]->state(), NodeState::Stopped);
        QCOMPARE(before[2]->state(), NodeState::Stopped);
        QCOMPARE(probePort(before[2]->port()), Probe::Refused);
        QCOMPARE(cluster.node(0), before[0]);
        QCOMPARE(before[0]->state(), NodeState::Running);
        QVERIFY(cluster.start(2));
        QCOMPARE(names(cluster), (std::vector<std::string>{"n1", "n4"}));
    }

    void stopAllKeepsNodesAndPorts() {
        LocalCluster cluster;
        QVERIFY(cluster.start(2));
        std::vector<int> ports;
        for (const auto& node : cluster.nodes()) ports.push_back(node->port());
        cluster.stopAll();
        QCOMPARE(cluster.size(), std::size_t{2});
        for (const auto& node : cluster.nodes()) {
            QCOMPARE(node->state(), NodeState::Stopped);
            QCOMPARE(probePort(node->port()), Probe::Refused);
        }
        cluster.node(1)->kill();  // does nothing: not running
        QVERIFY(cluster.start(2));
        for (std::size_t i = 0; i < 2; ++i) {
            QCOMPARE(cluster.node(i)->port(), ports[i]);
            QVERIFY(pubSubWorks(cluster.node(i)->clientUrl(), "again"));
        }
        // A killed node is started again by start(N), on its own ports.
        cluster.node(0)->kill();
        QCOMPARE(cluster.node(0)->state(), NodeState::Killed);
        QVERIFY(cluster.start(2));
        QCOMPARE(cluster.node(0)->state(), NodeState::Running);
        QCOMPARE(cluster.node(0)->port(), ports[0]);
    }

    void templateAppliesToEveryNode() {
        auto options = Node::defaultOptions();
        options.auth_token = "s3cret";
        LocalCluster cluster(options);
        QCOMPARE(cluster.nodeTemplate().auth_token, std::string("s3cret"));
        QVERIFY(cluster.start(2));
        for (const auto& node : cluster.nodes()) {
            QVERIFY(!nwb::test::connect(node->clientUrl()).has_value());
            auto nc = nwb::test::connect(node->clientUrl(),
                                         [](natsOptions* o) { natsOptions_SetToken(o, "s3cret"); });
            QVERIFY(nc.has_value());
        }
    }

    void jetStreamNodesGetAStoreEach() {
        QTemporaryDir dir;
        auto options = Node::defaultOptions();
        options.jetstream = true;
        options.store_dir = dir.path().toStdString();
        LocalCluster cluster(options);
        QVERIFY(cluster.start(2));
        QCOMPARE(cluster.node(0)->storeDir(), dir.filePath("n1").toStdString());
        QCOMPARE(cluster.node(1)->storeDir(), dir.filePath("n2").toStdString());
        // Each node's service created its own tree.
        QVERIFY(QFileInfo(dir.filePath("n1/jetstream")).isDir());
        QVERIFY(QFileInfo(dir.filePath("n2/jetstream")).isDir());
    }

    void clusterListenerSeesEveryNode() {
        std::mutex mutex;  // outlives the cluster, whose listener uses it
        std::vector<std::pair<std::string, NodeState>> seen;
        LocalCluster cluster;
        cluster.setStateListener([&](Node& node, NodeState state, const std::string&) {
            std::lock_guard lock(mutex);
            seen.emplace_back(node.name(), state);
        });
        QVERIFY(cluster.start(2));
        cluster.node(1)->kill();
        QVERIFY(cluster.removeNode("n1"));
        std::lock_guard lock(mutex);
        const std::vector<std::pair<std::string, NodeState>> expected = {
            {"n1", NodeState::Starting}, {"n1", NodeState::Running}, {"n2", NodeState::Starting},
            {"n2", NodeState::Running},  {"n2", NodeState::Killed},  {"n1", NodeState::Stopping},
            {"n1", NodeState::Stopped}};
        QCOMPARE(seen, expected);
    }
};

QTEST_APPLESS_MAIN(TstLocalCluster)
#include "tst_local_cluster.moc"
