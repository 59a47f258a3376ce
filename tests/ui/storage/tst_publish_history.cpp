// PublishHistory: newest first, every field kept, at most 500 rows with the oldest pruned.
#include "ui/storage/database.h"
#include "ui/storage/profile_store.h"
#include "ui/storage/publish_history.h"

#include <QDateTime>
#include <QtTest>

using nwb::ui::ConnectionProfile;
using nwb::ui::Database;
using nwb::ui::ProfileStore;
using nwb::ui::PublishHistory;
using nwb::ui::SentMessage;

class TstPublishHistory : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void roundTripsEveryField();
    void newestFirst();
    void prunesOldestBeyond500();
    void removeAndClear();
    void removedProfileKeepsItsHistory();
    void zeroTimeBecomesNow();

private:
    SentMessage message(qint64 sent_ms, const QString& subject) {
        SentMessage m;
        m.sent_ms = sent_ms;
        m.subject = subject;
        m.payload = subject.toUtf8();
        return m;
    }

    std::unique_ptr<Database> db_;
    std::unique_ptr<PublishHistory> history_;
};

void TstPublishHistory::init() {
    db_ = std::make_unique<Database>();
    QVERIFY(db_->open(QStringLiteral(":memory:")).has_value());
    history_ = std::make_unique<PublishHistory>(*db_);
}

void TstPublishHistory::cleanup() {
    history_.reset();
    db_.reset();
}

void TstPublishHistory::roundTripsEveryField() {
    ProfileStore store(*db_);
    ConnectionProfile p;
    p.name = QStringLiteral("local");
    QVERIFY(store.save(p).has_value());

    SentMessage m;
    m.sent_ms = 1'700'000'000'123;
    m.profile_id = p.id;
    m.subject = QStringLiteral("orders.eu.created");
    m.reply = QStringLiteral("_INBOX.abc");
    m.headers = {{QStringLiteral("Nats-Msg-Id"), QStringLiteral("42")},
                 {QStringLiteral("X-Tag"), QStringLiteral("a")},
                 {QStringLiteral("X-Tag"), QStringLiteral("b, c")}};
    m.payload = QByteArray("\x00\x01binary\xff", 10);
    m.request = true;
    auto id = history_->add(m);
    QVERIFY(id.has_value());
    QCOMPARE(m.id, *id);
    auto recent = history_->recent();
    QVERIFY(recent.has_value());
    QCOMPARE(recent->size(), 1);
    const auto& r = recent->first();
    QCOMPARE(r.id, m.id);
    QCOMPARE(r.sent_ms, m.sent_ms);
    QCOMPARE(r.profile_id, m.profile_id);
    QCOMPARE(r.subject, m.subject);
    QCOMPARE(r.reply, m.reply);
    QCOMPARE(r.headers, m.headers);
    QCOMPARE(r.payload, m.payload);
    QCOMPARE(r.request, true);

    SentMessage empty = message(5, QStringLiteral("a"));
    empty.payload.clear();
    QVERIFY(history_->add(empty).has_value());
    auto back = history_->recent(1);
    QVERIFY(back.has_value());
    QCOMPARE(back->size(), 1);
    QCOMPARE(back->first().subject, m.subject);  // "a" at sent_ms 5 is older
    QCOMPARE(history_->recent()->last().subject, QStringLiteral("a"));
    QCOMPARE(history_->recent()->last().payload, QByteArray());
    QCOMPARE(history_->recent()->last().profile_id, 0);
    QCOMPARE(history_->recent()->last().request, false);
}

void TstPublishHistory::newestFirst() {
    // Out-of-order times: ordered by sent_ms, then by insertion for equal times.
    for (auto [ms, subject] : {std::pair{200, "b"}, {100, "a"}, {300, "c1"}, {300, "c2"}}) {
        auto m = message(ms, QString::fromLatin1(subject));
        QVERIFY(history_->add(m).has_value());
    }
    auto recent = history_->recent();
    QVERIFY(recent.has_value());
    QStringList subjects;
    for (const auto& m : *recent) subjects << m.subject;
    QCOMPARE(subjects, (QStringList{"c2", "c1", "b", "a"}));
    auto two = history_->recent(2);
    QCOMPARE(two->size(), 2);
    QCOMPARE(two->at(1).subject, QStringLiteral("c1"));
}

void TstPublishHistory::prunesOldestBeyond500() {
    for (int i = 1; i <= 500; ++i) {
        auto m = message(i, QStringLiteral("s.%1").arg(i));
        QVERIFY(history_->add(m).has_value());
    }
    QCOMPARE(*history_->count(), 500);
    auto m = message(501, QStringLiteral("s.501"));
    QVERIFY(history_->add(m).has_value());
    QCOMPARE(*history_->count(), 500);
    auto m2 = message(502, QStringLiteral("s.502"));
    QVERIFY(history_->add(m2).has_value());
    QCOMPARE(*history_->count(), PublishHistory::kMaxRows);
    auto recent = history_->recent(1000);
    QCOMPARE(recent->size(), 500);
    QCOMPARE(recent->first().subject, QStringLiteral("s.502"));
    QCOMPARE(recent->last().subject, QStringLiteral("s.3"));  // s.1 and s.2 were pruned
}

void TstPublishHistory::removeAndClear() {
    auto a = message(1, QStringLiteral("a"));
    auto b = message(2, QStringLiteral("b"));
    QVERIFY(history_->add(a).has_value());
    QVERIFY(history_->add(b).has_value());
    QVERIFY(history_->remove(b.id).has_value());
    auto recent = history_->recent();
    QCOMPARE(recent->size(), 1);
    QCOMPARE(recent->first().id, a.id);
    QVERIFY(history_->remove(b.id).has_value());
    QVERIFY(history_->clear().has_value());
    QCOMPARE(*history_->count(), 0);
}

void TstPublishHistory::removedProfileKeepsItsHistory() {
    ProfileStore store(*db_);
    ConnectionProfile p;
    p.name = QStringLiteral("gone soon");
    QVERIFY(store.save(p).has_value());
    auto m = message(1, QStringLiteral("x"));
    m.profile_id = p.id;
    QVERIFY(history_->add(m).has_value());
    QVERIFY(store.remove(p.id).has_value());
    auto recent = history_->recent();
    QCOMPARE(recent->size(), 1);
    QCOMPARE(recent->first().profile_id, 0);
    // A message for a profile that does not exist is refused.
    auto orphan = message(2, QStringLiteral("y"));
    orphan.profile_id = 12345;
    QVERIFY(!history_->add(orphan).has_value());
    QCOMPARE(*history_->count(), 1);
}

void TstPublishHistory::zeroTimeBecomesNow() {
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    auto m = message(0, QStringLiteral("now"));
    QVERIFY(history_->add(m).has_value());
    QVERIFY(m.sent_ms >= before);
    QCOMPARE(history_->recent()->first().sent_ms, m.sent_ms);
}

QTEST_GUILESS_MAIN(TstPublishHistory)
#include "tst_publish_history.moc"
