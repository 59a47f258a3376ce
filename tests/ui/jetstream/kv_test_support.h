// Shared by the Key-Value view's live tests: a bucket made through $JS.API as the clients make
// it, puts and deletes through libnats, and the scenario the view is checked against.
#pragma once

#include "tests/ui/jetstream/jetstream_test_support.h"
#include "ui/browser/payload_viewer.h"
#include "ui/jetstream/kv_bucket_table_model.h"
#include "ui/jetstream/kv_key_table_model.h"
#include "ui/jetstream/kv_panel.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QTableView>

#include <string>

namespace nwb::test {

/// Bucket `bucket` as nats.go creates it: stream KV_<bucket> on $KV.<bucket>.>, history as
/// max_msgs_per_subject, rollups allowed, deletes denied, direct gets allowed; a TTL of 1 h.
inline bool kvCreate(natsConnection* nc, const std::string& bucket, int history,
                     const std::string& storage) {
    const std::string config =
        R"({"name":"KV_)" + bucket + R"(","subjects":["$KV.)" + bucket + R"(.>"],)" +
        R"("max_msgs_per_subject":)" + std::to_string(history) +
        R"(,"max_age":3600000000000,"storage":")" + storage +
        R"(","discard":"new","num_replicas":1,"duplicate_window":120000000000,)" +
        R"("allow_rollup_hdrs":true,"deny_delete":true,"allow_direct":true,"max_msgs":-1,)" +
        R"("max_bytes":-1,"max_msg_size":-1,"max_consumers":-1})";
    return jsApi(nc, "$JS.API.STREAM.CREATE.KV_" + bucket, QByteArray::fromStdString(config))
        .contains(u"config");
}

/// Puts `value` at `key`; the revision, or 0 when no PubAck came.
inline qint64 kvPut(natsConnection* nc, const std::string& bucket, const std::string& key,
                    const QByteArray& value) {
    return jsApi(nc, "$KV." + bucket + "." + key, value).value(u"seq").toInteger();
}

/// Deletes `key` as the clients do: an empty entry with header KV-Operation: DEL.
inline qint64 kvDelete(natsConnection* nc, const std::string& bucket, const std::string& key) {
    natsMsg* msg = nullptr;
    const std::string subject = "$KV." + bucket + "." + key;
    if (natsMsg_Create(&msg, subject.c_str(), nullptr, nullptr, 0) != NATS_OK) return 0;
    natsMsgHeader_Set(msg, "KV-Operation", "DEL");
    natsMsg* reply = nullptr;
    const natsStatus status = natsConnection_RequestMsg(&reply, nc, msg, 5000);
    natsMsg_Destroy(msg);
    if (status != NATS_OK) return 0;
    const QByteArray payload(natsMsg_GetData(reply), natsMsg_GetDataLength(reply));
    natsMsg_Destroy(reply);
    return QJsonDocument::fromJson(payload).object().value(u"seq").toInteger();
}

inline QStringList kvShownKeys(ui::KvPanel& panel) {
    QStringList keys;
    for (int r = 0; r < panel.keyModel()->rowCount(); ++r)
        keys.append(panel.keyModel()->entry(r).name);
    keys.sort();
    return keys;
}

inline qint64 kvRevisionOf(ui::KvPanel& panel, const QString& key) {
    const int row = panel.keyModel()->rowOf(key);
    return row < 0 ? -1 : panel.keyModel()->entry(row).revision;
}

/// Bucket CONFIG (history 5, TTL 1 h) with a=1, b="first", b={"v":2}, c="gone", c deleted,
/// checked in `panel` (shown, connected to the server of `nc`); then a new key, seen by the
/// panel's own refresh and by F5. QTest macros: the caller checks QTest::currentTestFailed().
inline void kvScenario(ui::KvPanel& panel, natsConnection* nc, const std::string& storage) {
    using namespace nwb::ui;
    constexpr int kWaitMs = 15000;
    QVERIFY(kvCreate(nc, "CONFIG", 5, storage));
    QCOMPARE(kvPut(nc, "CONFIG", "a", "1"), 1);
    QCOMPARE(kvPut(nc, "CONFIG", "b", "first"), 2);
    QCOMPARE(kvPut(nc, "CONFIG", "b", R"({"v":2})"), 3);
    QCOMPARE(kvPut(nc, "CONFIG", "c", "gone"), 4);
    QCOMPARE(kvDelete(nc, "CONFIG", "c"), 5);
    const QJsonObject state =
        jsApi(nc, "$JS.API.STREAM.INFO.KV_CONFIG", {}).value(u"state").toObject();

    QTRY_COMPARE_WITH_TIMEOUT(panel.bucketModel()->rowOf(QStringLiteral("CONFIG")), 0, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(panel.bucketModel()->row(0).last_seq, 5, kWaitMs);
    QCOMPARE(panel.messageText(), QString());
    QCOMPARE(panel.statusText(), QStringLiteral("1 bucket"));
    const KvBucketTableModel* buckets = panel.bucketModel();
    const auto cell = [buckets](int column) { return buckets->index(0, column).data().toString(); };
    QCOMPARE(cell(KvBucketTableModel::Bucket), QStringLiteral("CONFIG"));
    QCOMPARE(buckets->row(0).values, 5);
    QCOMPARE(buckets->row(0).bytes, state.value(u"bytes").toInteger());
    QCOMPARE(buckets->row(0).history, 5);
    QCOMPARE(cell(KvBucketTableModel::History), QStringLiteral("5"));
    QCOMPARE(cell(KvBucketTableModel::Ttl), QStringLiteral("1h"));
    QCOMPARE(cell(KvBucketTableModel::Storage), QString::fromStdString(storage));
    QCOMPARE(cell(KvBucketTableModel::Mirror), QStringLiteral("no"));

    QSignalSpy keys_refreshed(&panel, &KvPanel::keysRefreshed);
    QVERIFY(panel.selectBucket(QStringLiteral("CONFIG")));
    QTRY_VERIFY_WITH_TIMEOUT(keys_refreshed.size() >= 1, kWaitMs);
    QCOMPARE(panel.keyMessageText(), QString());
    QCOMPARE(kvShownKeys(panel), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(panel.keyTitleText(), QStringLiteral("2 keys in CONFIG"));
    QCOMPARE(kvRevisionOf(panel, QStringLiteral("a")), 1);
    QCOMPARE(kvRevisionOf(panel, QStringLiteral("b")), 3);
    const int b_row = panel.keyModel()->rowOf(QStringLiteral("b"));
    QCOMPARE(panel.keyModel()->index(b_row, KvKeyTableModel::Operation).data().toString(),
             QStringLiteral("PUT"));
    QCOMPARE(panel.keyModel()->index(b_row, KvKeyTableModel::Size).data(KvKeyTableModel::kSortRole),
             QVariant(qint64(7)));

    panel.showDeletedBox()->setChecked(true);
    QCOMPARE(kvShownKeys(panel),
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    const int c_row = panel.keyModel()->rowOf(QStringLiteral("c"));
    QCOMPARE(panel.keyModel()->index(c_row, KvKeyTableModel::Operation).data().toString(),
             QStringLiteral("DEL"));
    QCOMPARE(kvRevisionOf(panel, QStringLiteral("c")), 5);
    panel.showDeletedBox()->setChecked(false);
    QCOMPARE(kvShownKeys(panel), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

    QSignalSpy history_refreshed(&panel, &KvPanel::historyRefreshed);
    QVERIFY(panel.selectKey(QStringLiteral("b")));
    QCOMPARE(panel.selectedKey(), QStringLiteral("b"));
    QCOMPARE(panel.valueViewer()->payload(), QByteArrayLiteral(R"({"v":2})"));
    QVERIFY(panel.valueViewer()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(history_refreshed.size() >= 1, kWaitMs);
    QCOMPARE(panel.historyModel()->rowCount(), 2);
    QCOMPARE(panel.historyModel()->entry(0).revision, 2);
    QCOMPARE(panel.historyModel()->entry(0).value, QByteArrayLiteral("first"));
    QCOMPARE(panel.historyModel()->entry(1).revision, 3);

    // A new key: the poll sees last_seq move; another one after F5.
    QCOMPARE(kvPut(nc, "CONFIG", "d", "new"), 6);
    QTRY_COMPARE_WITH_TIMEOUT(kvRevisionOf(panel, QStringLiteral("d")), 6, kWaitMs);
    QCOMPARE(kvPut(nc, "CONFIG", "e", "newer"), 7);
    panel.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(kvRevisionOf(panel, QStringLiteral("e")), 7, kWaitMs);
    QCOMPARE(panel.selectedKey(), QStringLiteral("b"));  // kept across the refreshes
    QCOMPARE(panel.keyTitleText(), QStringLiteral("4 keys in CONFIG"));
}

}  // namespace nwb::test
