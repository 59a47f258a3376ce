// Queue groups: each message goes to exactly one member of each group, plain subscribers get all.
#include "tests/integration/integration_test.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

using namespace nwb::test;

class TestQueueGroups : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { nats_Close(); }

    void eachMessageToExactlyOneMember_data();
    void eachMessageToExactlyOneMember();
    void everyGroupGetsEveryMessage();
};

namespace {

/// Drains what is already pending on `sub` (call after a barrier) into `indices`.
bool drainIndices(natsSubscription* sub, std::vector<int>& indices) {
    while (pendingMsgs(sub) > 0) {
        auto msg = nextMsg(sub, kWaitMs);
        if (!msg) return false;
        indices.push_back(std::stoi(msgData(msg->get())));
    }
    return true;
}

std::vector<int> iota(int count) {
    std::vector<int> all(static_cast<std::size_t>(count));
    std::iota(all.begin(), all.end(), 0);
    return all;
}

}  // namespace

void TestQueueGroups::eachMessageToExactlyOneMember_data() {
    QTest::addColumn<bool>("shared_connection");
    QTest::newRow("members on separate connections") << false;
    QTest::newRow("members on one connection") << true;
}

void TestQueueGroups::eachMessageToExactlyOneMember() {
    QFETCH(bool, shared_connection);
    constexpr int kMembers = 4;
    constexpr int kMessages = 4000;

    NWB_START_SERVER(server);
    std::vector<ConnectionPtr> connections;
    std::vector<SubscriptionPtr> members;
    for (int i = 0; i < kMembers; ++i) {
        if (i == 0 || !shared_connection) {
            NWB_CONNECT(nc, server.url());
            connections.push_back(std::move(*nc_owner));
        }
        NWB_SUBSCRIBE(member, connections.back().get(), "work.items", "workers");
        members.push_back(std::move(*member_owner));
    }
    NWB_CONNECT(plain_nc, server.url());
    NWB_SUBSCRIBE(plain, plain_nc, "work.items");
    NWB_CONNECT(pub_nc, server.url());
    for (auto& nc : connections) QVERIFY(barrier({nc.get()}));
    QVERIFY(barrier({plain_nc}));

    for (int i = 0; i < kMessages; ++i) {
        QCOMPARE(natsConnection_PublishString(pub_nc, "work.items", std::to_string(i).c_str()),
                 NATS_OK);
    }
    QVERIFY(barrier({pub_nc, plain_nc}));
    for (auto& nc : connections) QVERIFY(barrier({nc.get()}));

    std::vector<int> across_members;
    std::vector<std::size_t> per_member;
    for (auto& member : members) {
        const std::size_t before = across_members.size();
        QVERIFY(drainIndices(member.get(), across_members));
        per_member.push_back(across_members.size() - before);
    }
    QCOMPARE(across_members.size(), std::size_t{kMessages});
    std::sort(across_members.begin(), across_members.end());
    QCOMPARE(across_members, iota(kMessages));  // exactly once: no loss, no duplicate
    for (std::size_t count : per_member) QVERIFY2(count > 0, "a member received nothing");

    std::vector<int> plain_indices;
    QVERIFY(drainIndices(plain, plain_indices));
    QCOMPARE(plain_indices, iota(kMessages));  // all of them, in publish order
}

void TestQueueGroups::everyGroupGetsEveryMessage() {
    constexpr int kMessages = 1000;
    NWB_START_SERVER(server);
    NWB_CONNECT(sub_nc, server.url());
    NWB_CONNECT(pub_nc, server.url());
    const std::map<std::string, int> groups = {{"alpha", 2}, {"beta", 3}};
    std::map<std::string, std::vector<SubscriptionPtr>> members;
    for (const auto& [group, count] : groups) {
        for (int i = 0; i < count; ++i) {
            NWB_SUBSCRIBE(member, sub_nc, "jobs.*", group);
            members[group].push_back(std::move(*member_owner));
        }
    }
    QVERIFY(barrier({sub_nc}));

    for (int i = 0; i < kMessages; ++i) {
        QCOMPARE(natsConnection_PublishString(pub_nc, ("jobs." + std::to_string(i % 7)).c_str(),
                                              std::to_string(i).c_str()),
                 NATS_OK);
    }
    QVERIFY(barrier({pub_nc, sub_nc}));

    for (auto& [group, subs] : members) {
        std::vector<int> indices;
        for (auto& sub : subs) QVERIFY(drainIndices(sub.get(), indices));
        std::sort(indices.begin(), indices.end());
        QVERIFY2(indices == iota(kMessages), group.c_str());
    }
}

QTEST_APPLESS_MAIN(TestQueueGroups)
#include "tst_queue_groups.moc"
