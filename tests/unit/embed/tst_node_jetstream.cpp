// embed::Node with JetStream: the service runs on the node's store directory, answers $JS.API
// and /jsz, and its streams survive a restart and a kill.
#include "engine/embed/node.h"
#include "tests/integration/nats_test_support.h"
#include "tests/unit/embed/embed_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <memory>
#include <string>

using nwb::embed::Node;
using nwb::embed::NodeState;
using namespace nwb::test;

namespace {

struct JsDeleter {
    void operator()(jsCtx* p) const noexcept { jsCtx_Destroy(p); }
    void operator()(jsStreamInfo* p) const noexcept { jsStreamInfo_Destroy(p); }
};

/// Messages in stream "E" as the node reports them, or -1 when the request fails.
std::int64_t streamMessages(const Node& node) {
    auto nc = nwb::test::connect(node.clientUrl());
    if (!nc) return -1;
    jsCtx* raw = nullptr;
    if (natsConnection_JetStream(&raw, nc->get(), nullptr) != NATS_OK) return -1;
    std::unique_ptr<jsCtx, JsDeleter> js(raw);
    jsStreamInfo* si = nullptr;
    if (js_GetStreamInfo(&si, js.get(), "E", nullptr, nullptr) != NATS_OK) return -1;
    std::unique_ptr<jsStreamInfo, JsDeleter> info(si);
    return static_cast<std::int64_t>(info->State.Msgs);
}

/// Creates stream "E" on e.> (file storage) if needed and publishes `count` messages, each
/// acknowledged.
bool publish(const Node& node, int count, bool create) {
    auto nc = nwb::test::connect(node.clientUrl());
    if (!nc) return false;
    jsCtx* raw = nullptr;
    if (natsConnection_JetStream(&raw, nc->get(), nullptr) != NATS_OK) return false;
    std::unique_ptr<jsCtx, JsDeleter> js(raw);
    if (create) {
        jsStreamConfig cfg;
        jsStreamConfig_Init(&cfg);
        cfg.Name = "E";
        const char* subjects[] = {"e.>"};
        cfg.Subjects = subjects;
        cfg.SubjectsLen = 1;
        if (js_AddStream(nullptr, js.get(), &cfg, nullptr, nullptr) != NATS_OK) return false;
    }
    for (int i = 0; i < count; ++i) {
        if (js_Publish(nullptr, js.get(), "e.x", "m", 1, nullptr, nullptr) != NATS_OK) return false;
    }
    return true;
}

}  // namespace

class TstNodeJetStream : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }
    void withoutJetStreamThereIsNoStoreDir();
    void streamsSurviveRestartAndKill();
    void emptyStoreDirIsPickedOnceAndKept();
};

void TstNodeJetStream::withoutJetStreamThereIsNoStoreDir() {
    Node node("plain");
    QVERIFY(node.start());
    QCOMPARE(node.storeDir(), std::string());
    QVERIFY(httpGet(node.monitorPort(), "/jsz").find("\"disabled\": true") != std::string::npos);
    node.stop();
}

void TstNodeJetStream::streamsSurviveRestartAndKill() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto options = Node::defaultOptions();
    options.jetstream = true;
    options.store_dir = dir.path().toStdString();
    Node node("js", options);
    QVERIFY2(node.start(), node.error().c_str());
    QCOMPARE(node.storeDir(), dir.path().toStdString());
    QVERIFY(std::filesystem::is_directory(std::filesystem::path(node.storeDir()) / "jetstream"));

    QVERIFY(publish(node, 5, true));
    QCOMPARE(streamMessages(node), std::int64_t{5});
    const std::string jsz = httpGet(node.monitorPort(), "/jsz");
    QVERIFY2(jsz.find("\"messages\": 5") != std::string::npos, jsz.c_str());
    QVERIFY2(jsz.find("\"store_dir\": \"" + dir.path().toStdString() + "/jetstream\"") !=
                 std::string::npos,
             jsz.c_str());
    // Our default sync is "always", reported as nats-server 2.10 reports that setting.
    QVERIFY2(jsz.find("\"sync_interval\": 120000000000,\n    \"sync_always\": true") !=
                 std::string::npos,
             jsz.c_str());

    QVERIFY(node.restart());
    QCOMPARE(streamMessages(node), std::int64_t{5});
    QVERIFY(publish(node, 3, false));

    node.kill();
    QCOMPARE(node.state(), NodeState::Killed);
    QVERIFY(node.start());
    QCOMPARE(streamMessages(node), std::int64_t{8});  // every acknowledged message
    node.stop();
}

void TstNodeJetStream::emptyStoreDirIsPickedOnceAndKept() {
    auto options = Node::defaultOptions();
    options.jetstream = true;
    Node node("picked", options);
    QVERIFY2(node.start(), node.error().c_str());
    const std::string picked = node.storeDir();
    QVERIFY(!picked.empty());
    QVERIFY(std::filesystem::is_directory(picked));
    QVERIFY(publish(node, 2, true));
    QVERIFY(node.restart());
    QCOMPARE(node.storeDir(), picked);
    QCOMPARE(streamMessages(node), std::int64_t{2});
    node.stop();
    std::filesystem::remove_all(picked);
}

QTEST_GUILESS_MAIN(TstNodeJetStream)
#include "tst_node_jetstream.moc"
