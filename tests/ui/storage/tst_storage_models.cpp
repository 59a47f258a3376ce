// PublishHistoryModel and ProfileListModel under QAbstractItemModelTester, with their roles and refresh.
#include "ui/app/translations.h"
#include "ui/storage/database.h"
#include "ui/storage/profile_list_model.h"
#include "ui/storage/profile_store.h"
#include "ui/storage/publish_history.h"
#include "ui/storage/publish_history_model.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QtTest>

using namespace nwb::ui;

class TstStorageModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(nwb::ui::installTranslators(*qApp, QLocale(QLocale::English))); }
    void init();
    void cleanup();
    void historyModel();
    void historyPayloadPreview_data();
    void historyPayloadPreview();
    void profileListModel();

private:
    std::unique_ptr<Database> db_;
};

void TstStorageModels::init() {
    db_ = std::make_unique<Database>();
    QVERIFY(db_->open(QStringLiteral(":memory:")).has_value());
}

void TstStorageModels::cleanup() { db_.reset(); }

void TstStorageModels::historyModel() {
    PublishHistory history(*db_);
    PublishHistoryModel model(history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Time"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Kind"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Subject"));
    QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("Payload"));

    const qint64 t0 = QDateTime(QDate(2024, 3, 1), QTime(10, 20, 30)).toMSecsSinceEpoch();
    SentMessage pub;
    pub.sent_ms = t0;
    pub.subject = QStringLiteral("orders.new");
    pub.payload = QByteArray("{\"id\": 1,\n \"qty\": 2}");
    QVERIFY(history.add(pub).has_value());
    SentMessage req;
    req.sent_ms = t0 + 1000;
    req.subject = QStringLiteral("svc.time");
    req.reply = QStringLiteral("_INBOX.x");
    req.request = true;
    QVERIFY(history.add(req).has_value());

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.refresh());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, PublishHistoryModel::TimeColumn).data().toString(),
             QStringLiteral("2024-03-01 10:20:31"));
    QCOMPARE(model.index(0, PublishHistoryModel::KindColumn).data().toString(), QStringLiteral("Request"));
    QCOMPARE(model.index(1, PublishHistoryModel::KindColumn).data().toString(), QStringLiteral("Publish"));
    QCOMPARE(model.index(0, PublishHistoryModel::SubjectColumn).data().toString(), QStringLiteral("svc.time"));
    QCOMPARE(model.index(0, PublishHistoryModel::SubjectColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("svc.time (reply to _INBOX.x)"));
    QCOMPARE(model.index(1, PublishHistoryModel::PayloadColumn).data().toString(),
             QStringLiteral("{\"id\": 1, \"qty\": 2}"));
    QCOMPARE(model.index(0, PublishHistoryModel::PayloadColumn).data().toString(), QString());
    QCOMPARE(model.index(1, 0).data(PublishHistoryModel::IdRole).toLongLong(), pub.id);
    QCOMPARE(model.message(0).id, req.id);
    QCOMPARE(model.message(1).payload, pub.payload);
    QCOMPARE(model.message(2).id, 0);
    QCOMPARE(model.message(-1).id, 0);

    QVERIFY(history.remove(req.id).has_value());
    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.message(0).id, pub.id);
    QVERIFY(history.clear().has_value());
    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 0);

    // A failing database keeps the rows and reports why.
    QVERIFY(history.add(pub).has_value());
    QVERIFY(model.refresh());
    db_->close();
    QVERIFY(!model.refresh());
    QVERIFY(!model.lastError().isEmpty());
    QCOMPARE(model.rowCount(), 1);
}

void TstStorageModels::historyPayloadPreview_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("max");
    QTest::addColumn<QString>("preview");
    QTest::newRow("empty") << QByteArray() << 80 << QString();
    QTest::newRow("text") << QByteArray("hello") << 80 << QStringLiteral("hello");
    QTest::newRow("lines") << QByteArray("a\r\n\tb") << 80 << QStringLiteral("a b");
    QTest::newRow("cut") << QByteArray("abcdefghij") << 5 << QStringLiteral("abcd…");
    QTest::newRow("utf8") << QByteArray("grüße") << 80 << QStringLiteral("grüße");
    QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01", 4) << 80
                            << QStringLiteral("<4 bytes, binary>");
}

void TstStorageModels::historyPayloadPreview() {
    QFETCH(QByteArray, payload);
    QFETCH(int, max);
    QFETCH(QString, preview);
    QCOMPARE(PublishHistoryModel::payloadPreview(payload, max), preview);
}

void TstStorageModels::profileListModel() {
    ProfileStore store(*db_);
    ProfileListModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    ConnectionProfile red;
    red.name = QStringLiteral("Staging");
    red.colour = QColor(QStringLiteral("#cc0000"));
    red.urls = {QStringLiteral("nats://a:4222"), QStringLiteral("nats://b:4222")};
    QVERIFY(store.save(red).has_value());
    ConnectionProfile plain;
    plain.name = QStringLiteral("Local");
    plain.urls = {QStringLiteral("nats://127.0.0.1:4222")};
    QVERIFY(store.save(plain).has_value());

    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Local"));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("Staging"));
    QVERIFY(!model.index(0).data(Qt::DecorationRole).isValid());
    QCOMPARE(model.index(1).data(Qt::DecorationRole).value<QColor>(), QColor(QStringLiteral("#cc0000")));
    QCOMPARE(model.index(1).data(Qt::ToolTipRole).toString(), QStringLiteral("nats://a:4222, nats://b:4222"));
    QCOMPARE(model.index(1).data(ProfileListModel::IdRole).toLongLong(), red.id);
    QCOMPARE(model.profile(1).urls, red.urls);
    QCOMPARE(model.profile(5).id, 0);
    QCOMPARE(model.rowOf(plain.id), 0);
    QCOMPARE(model.rowOf(999), -1);

    red.name = QStringLiteral("Acceptance");
    QVERIFY(store.save(red).has_value());
    QVERIFY(model.refresh());
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Acceptance"));
    QVERIFY(store.remove(plain.id).has_value());
    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.profile(0).id, red.id);
}

QTEST_MAIN(TstStorageModels)
#include "tst_storage_models.moc"
