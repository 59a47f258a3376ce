// One suite over both stores: every row runs against MemStore ("mem") and FileStore ("file").
#include <QtTest>

#include <future>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "tests/unit/store/store_test_util.h"

using nwb::store::DiscardPolicy;
using nwb::store::Errc;
using nwb::store::StateOptions;
using nwb::store::StoreLimits;
using nwb::store::SubjectState;
using store_test::Harness;
using store_test::kStart;
using store_test::liveSeqs;
using store_test::toList;

namespace {

const QStringList kImpls{"mem", "file"};

template <typename F>
void forEachImpl(F&& rows) {
    for (const QString& impl : kImpls) rows(impl);
}

/// The fixture stream for purge and lookup tables: seq 1..7.
const std::vector<std::string> kSubjects{"foo.a", "foo.b", "bar", "foo.a", "foo.b", "bar", "foo.a"};

void fill(Harness& h) {
    for (const auto& s : kSubjects) h.put(s, "p" + s);
}

QString errName(Errc e) {
    switch (e) {
        case Errc::MaxMsgs: return "MaxMsgs";
        case Errc::MaxBytes: return "MaxBytes";
        case Errc::MaxMsgsPerSubject: return "MaxMsgsPerSubject";
        case Errc::MsgTooLarge: return "MsgTooLarge";
        default: return "Other";
    }
}

}  // namespace

class TstStreamStore : public QObject {
    Q_OBJECT

private slots:
    void storeAndLoad_data() {
        QTest::addColumn<QString>("impl");
        forEachImpl([](const QString& impl) { QTest::newRow(qPrintable(impl)) << impl; });
    }
    void storeAndLoad() {
        QFETCH(QString, impl);
        Harness h(impl);
        QVERIFY(h.store);
        auto fresh = h.store->fastState();
        QCOMPARE(fresh.first_seq, 0u);
        QCOMPARE(fresh.last_seq, 0u);
        QCOMPARE(h.store->load(1).error().code, Errc::Eof);

        auto a = h.store->store({"orders.new", "NATS/1.0\r\nA: 1\r\n\r\n", "hello", {}});
        QVERIFY(a);
        QCOMPARE(a->seq, 1u);
        QCOMPARE(a->ts, kStart);
        h.now += 5;
        auto b = h.store->store({"orders.old", {}, {}, kStart + 100});
        QCOMPARE(b->seq, 2u);
        QCOMPARE(b->ts, kStart + 100);

        auto m = h.store->load(1);
        QVERIFY(m);
        QCOMPARE(m->subject, std::string("orders.new"));
        QCOMPARE(m->headers, std::string("NATS/1.0\r\nA: 1\r\n\r\n"));
        QCOMPARE(m->payload, std::string("hello"));
        QCOMPARE(m->ts, kStart);
        QCOMPARE(h.store->load(2)->payload, std::string());
        QCOMPARE(h.store->load(3).error().code, Errc::Eof);
        QCOMPARE(h.store->store({"", {}, "x", {}}).error().code, Errc::InvalidArgument);

        auto st = h.store->state();
        QCOMPARE(st.msgs, 2u);
        QCOMPARE(st.bytes, h.store->messageSize(10, 18, 5) + h.store->messageSize(10, 0, 0));
        QCOMPARE(st.first_seq, 1u);
        QCOMPARE(st.last_seq, 2u);
        QCOMPARE(st.first_ts, kStart);
        QCOMPARE(st.last_ts, kStart + 100);
        QCOMPARE(st.num_subjects, 2u);
        QCOMPARE(st.num_deleted, 0u);
    }

    void limits_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<int>("max_msgs");
        QTest::addColumn<int>("max_bytes_in_msgs");  // max_bytes = n message sizes
        QTest::addColumn<int>("per_subject");
        QTest::addColumn<bool>("discard_new");
        QTest::addColumn<bool>("discard_new_per_subject");
        QTest::addColumn<int>("max_msg_size");
        QTest::addColumn<QStringList>("subjects");
        QTest::addColumn<QStringList>("results");  // seq or error name, per store
        QTest::addColumn<QList<quint64>>("remaining");
        forEachImpl([](const QString& impl) {
            auto row = [&](const char* name) -> QTestData& {
                return QTest::newRow(qPrintable(impl + " " + name)) << impl;
            };
            row("max_msgs old") << 2 << 0 << 0 << false << false << 0 << QStringList{"a", "b", "c"}
                                << QStringList{"1", "2", "3"} << QList<quint64>{2, 3};
            row("max_msgs new") << 2 << 0 << 0 << true << false << 0 << QStringList{"a", "b", "c"}
                                << QStringList{"1", "2", "MaxMsgs"} << QList<quint64>{1, 2};
            row("max_bytes old") << 0 << 2 << 0 << false << false << 0
                                 << QStringList{"a", "b", "c"} << QStringList{"1", "2", "3"}
                                 << QList<quint64>{2, 3};
            row("max_bytes new") << 0 << 2 << 0 << true << false << 0
                                 << QStringList{"a", "b", "c"}
                                 << QStringList{"1", "2", "MaxBytes"} << QList<quint64>{1, 2};
            row("per subject old") << 0 << 0 << 1 << false << false << 0
                                   << QStringList{"a", "a", "b", "a"}
                                   << QStringList{"1", "2", "3", "4"} << QList<quint64>{3, 4};
            row("per subject drops oldest under discard new")
                << 0 << 0 << 1 << true << false << 0 << QStringList{"a", "a"}
                << QStringList{"1", "2"} << QList<quint64>{2};
            row("discard new per subject") << 0 << 0 << 1 << true << true << 0
                                           << QStringList{"a", "a", "b"}
                                           << QStringList{"1", "MaxMsgsPerSubject", "2"}
                                           << QList<quint64>{1, 2};
            row("max_msgs new, subject at its limit replaces")
                << 2 << 0 << 1 << true << false << 0 << QStringList{"a", "b", "a", "c"}
                << QStringList{"1", "2", "3", "MaxMsgs"} << QList<quint64>{2, 3};
            row("max_bytes new, subject at its limit replaces")
                << 0 << 2 << 1 << true << false << 0 << QStringList{"a", "b", "a", "c"}
                << QStringList{"1", "2", "3", "MaxBytes"} << QList<quint64>{2, 3};
            row("max_msg_size") << 0 << 0 << 0 << false << false << 4
                                << QStringList{"a", "b"} << QStringList{"MsgTooLarge", "MsgTooLarge"}
                                << QList<quint64>{};
        });
    }
    void limits() {
        QFETCH(QString, impl);
        QFETCH(int, max_msgs);
        QFETCH(int, max_bytes_in_msgs);
        QFETCH(int, per_subject);
        QFETCH(bool, discard_new);
        QFETCH(bool, discard_new_per_subject);
        QFETCH(int, max_msg_size);
        QFETCH(QStringList, subjects);
        QFETCH(QStringList, results);
        QFETCH(QList<quint64>, remaining);
        Harness probe(impl);
        const std::string payload = "12345";
        StoreLimits limits;
        limits.max_msgs = max_msgs > 0 ? max_msgs : -1;
        limits.max_bytes = max_bytes_in_msgs > 0
                               ? std::int64_t(max_bytes_in_msgs * probe.store->messageSize(1, 0, 5))
                               : -1;
        limits.max_msgs_per_subject = per_subject > 0 ? per_subject : -1;
        limits.discard = discard_new ? DiscardPolicy::New : DiscardPolicy::Old;
        limits.discard_new_per_subject = discard_new_per_subject;
        limits.max_msg_size = max_msg_size > 0 ? max_msg_size : -1;
        Harness h(impl, limits);
        QStringList got;
        for (const QString& s : subjects) {
            auto r = h.store->store({s.toStdString(), {}, payload, {}});
            got << (r ? QString::number(r->seq) : errName(r.error().code));
        }
        QCOMPARE(got, results);
        QCOMPARE(toList(liveSeqs(*h.store)), remaining);
        QCOMPARE(h.store->fastState().msgs, quint64(remaining.size()));
    }

    void maxAge_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<qint64>("advance_ms");
        QTest::addColumn<QList<quint64>>("remaining");
        QTest::addColumn<qint64>("next_expiry_ms");  // from kStart; -1: none
        forEachImpl([](const QString& impl) {
            QTest::newRow(qPrintable(impl + " none yet")) << impl << qint64(9999)
                                                          << QList<quint64>{1, 2, 3} << qint64(10000);
            QTest::newRow(qPrintable(impl + " at max_age")) << impl << qint64(10000)
                                                            << QList<quint64>{2, 3} << qint64(15000);
            QTest::newRow(qPrintable(impl + " two")) << impl << qint64(15000) << QList<quint64>{3}
                                                     << qint64(19000);
            QTest::newRow(qPrintable(impl + " all")) << impl << qint64(60000) << QList<quint64>{}
                                                     << qint64(-1);
        });
    }
    void maxAge() {
        QFETCH(QString, impl);
        QFETCH(qint64, advance_ms);
        QFETCH(QList<quint64>, remaining);
        QFETCH(qint64, next_expiry_ms);
        StoreLimits limits;
        limits.max_age = std::chrono::seconds(10);
        Harness h(impl, limits);
        h.put("a");
        h.now = kStart + 5'000'000'000;
        h.put("b");
        h.now = kStart + 9'000'000'000;
        h.put("c");
        h.now = kStart + advance_ms * 1'000'000;
        auto expired = h.store->expireMessages();
        QVERIFY(expired);
        QCOMPARE(*expired, quint64(3 - remaining.size()));
        QCOMPARE(toList(liveSeqs(*h.store)), remaining);
        auto next = h.store->nextExpiry();
        QCOMPARE(next.has_value(), next_expiry_ms >= 0);
        if (next) QCOMPARE(*next, kStart + next_expiry_ms * 1'000'000);
        auto st = h.store->fastState();
        QCOMPARE(st.last_seq, 3u);
        QCOMPARE(st.first_seq, remaining.isEmpty() ? 4u : remaining.front());
    }

    void purgeEx_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<quint64>("seq");
        QTest::addColumn<quint64>("keep");
        QTest::addColumn<quint64>("purged");
        QTest::addColumn<QList<quint64>>("remaining");
        forEachImpl([](const QString& impl) {
            auto row = [&](const char* name) -> QTestData& {
                return QTest::newRow(qPrintable(impl + " " + name)) << impl;
            };
            row("all") << "" << 0ull << 0ull << 7ull << QList<quint64>{};
            row("literal") << "foo.a" << 0ull << 0ull << 3ull << QList<quint64>{2, 3, 5, 6};
            row("wildcard") << "foo.*" << 0ull << 0ull << 5ull << QList<quint64>{3, 6};
            row("full wildcard keep") << ">" << 0ull << 3ull << 4ull << QList<quint64>{5, 6, 7};
            row("literal keep") << "foo.a" << 0ull << 1ull << 2ull
                                << QList<quint64>{2, 3, 5, 6, 7};
            row("literal below seq") << "foo.a" << 5ull << 0ull << 2ull
                                     << QList<quint64>{2, 3, 5, 6, 7};
            // keep counts every match, not only those below seq (nats-server PurgeEx)
            row("wildcard below seq keep") << "foo.*" << 6ull << 1ull << 4ull
                                           << QList<quint64>{3, 6, 7};
            row("all keep") << "" << 0ull << 2ull << 5ull << QList<quint64>{6, 7};
            row("all below seq") << "" << 4ull << 0ull << 3ull << QList<quint64>{4, 5, 6, 7};
            row("seq 1 is nothing") << "foo.a" << 1ull << 0ull << 0ull
                                    << QList<quint64>{1, 2, 3, 4, 5, 6, 7};
            row("keep more than there are") << "bar" << 0ull << 5ull << 0ull
                                            << QList<quint64>{1, 2, 3, 4, 5, 6, 7};
            row("no match") << "baz.>" << 0ull << 0ull << 0ull
                            << QList<quint64>{1, 2, 3, 4, 5, 6, 7};
        });
    }
    void purgeEx() {
        QFETCH(QString, impl);
        QFETCH(QString, subject);
        QFETCH(quint64, seq);
        QFETCH(quint64, keep);
        QFETCH(quint64, purged);
        QFETCH(QList<quint64>, remaining);
        Harness h(impl);
        fill(h);
        auto r = h.store->purgeEx(subject.toStdString(), seq, keep);
        QVERIFY(r);
        QCOMPARE(*r, purged);
        QCOMPARE(toList(liveSeqs(*h.store)), remaining);
        auto st = h.store->state({true, std::nullopt});
        QCOMPARE(st.last_seq, 7u);
        QCOMPARE(st.first_seq, remaining.isEmpty() ? 8u : remaining.front());
        QCOMPARE(st.num_deleted, st.deleted.size());
        QCOMPARE(st.msgs, quint64(remaining.size()));
        QCOMPARE(h.put("next"), 8u);
    }

    void compact_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<quint64>("seq");
        QTest::addColumn<quint64>("purged");
        QTest::addColumn<quint64>("first");
        QTest::addColumn<quint64>("last");
        QTest::addColumn<quint64>("next");
        forEachImpl([](const QString& impl) {
            QTest::newRow(qPrintable(impl + " zero purges")) << impl << 0ull << 7ull << 8ull << 7ull << 8ull;
            QTest::newRow(qPrintable(impl + " middle")) << impl << 3ull << 2ull << 3ull << 7ull << 8ull;
            QTest::newRow(qPrintable(impl + " past end")) << impl << 100ull << 7ull << 100ull << 99ull << 100ull;
            QTest::newRow(qPrintable(impl + " just past")) << impl << 8ull << 7ull << 8ull << 7ull << 8ull;
        });
    }
    void compact() {
        QFETCH(QString, impl);
        QFETCH(quint64, seq);
        QFETCH(quint64, purged);
        QFETCH(quint64, first);
        QFETCH(quint64, last);
        QFETCH(quint64, next);
        Harness h(impl);
        fill(h);
        QCOMPARE(*h.store->compact(seq), purged);
        auto st = h.store->fastState();
        QCOMPARE(st.first_seq, first);
        QCOMPARE(st.last_seq, last);
        QCOMPARE(h.put("x"), next);
        QCOMPARE(h.store->fastState().first_seq, first < next ? first : next);
    }

    void firstSeqOnEmptyStore_data() { storeAndLoad_data(); }
    void firstSeqOnEmptyStore() {
        QFETCH(QString, impl);
        Harness h(impl);
        QCOMPARE(*h.store->compact(42), 0u);  // how a stream's first_seq is applied
        auto st = h.store->fastState();
        QCOMPARE(st.first_seq, 42u);
        QCOMPARE(st.last_seq, 41u);
        QCOMPARE(h.put("a"), 42u);
    }

    void lookups_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<quint64>("start");
        QTest::addColumn<quint64>("next");  // 0: Eof
        QTest::addColumn<quint64>("last");  // 0: NotFound
        QTest::addColumn<quint64>("count_from_start");
        forEachImpl([](const QString& impl) {
            auto row = [&](const char* name) -> QTestData& {
                return QTest::newRow(qPrintable(impl + " " + name)) << impl;
            };
            row("all") << "" << 1ull << 1ull << 7ull << 7ull;
            row("all from 3") << ">" << 3ull << 3ull << 7ull << 5ull;
            row("literal") << "bar" << 1ull << 3ull << 6ull << 2ull;
            row("literal from 4") << "bar" << 4ull << 6ull << 6ull << 1ull;
            row("literal past its last") << "bar" << 7ull << 0ull << 6ull << 0ull;
            row("star") << "foo.*" << 2ull << 2ull << 7ull << 4ull;
            row("star second token") << "*.b" << 1ull << 2ull << 5ull << 2ull;
            row("full wildcard") << "foo.>" << 6ull << 7ull << 7ull << 1ull;
            row("no match") << "baz" << 1ull << 0ull << 0ull << 0ull;
            row("wildcard no match") << "foo.*.x" << 1ull << 0ull << 0ull << 0ull;
        });
    }
    void lookups() {
        QFETCH(QString, impl);
        QFETCH(QString, filter);
        QFETCH(quint64, start);
        QFETCH(quint64, next);
        QFETCH(quint64, last);
        QFETCH(quint64, count_from_start);
        Harness h(impl);
        fill(h);
        const std::string f = filter.toStdString();
        auto n = h.store->loadNext(f, start);
        if (next == 0) {
            QCOMPARE(n.error().code, Errc::Eof);
        } else {
            QCOMPARE(n->seq, next);
            QCOMPARE(n->payload, "p" + n->subject);
        }
        auto l = h.store->loadLast(f);
        if (last == 0) {
            QCOMPARE(l.error().code, Errc::NotFound);
        } else {
            QCOMPARE(l->seq, last);
        }
        QCOMPARE(h.store->filteredState(f, start).msgs, count_from_start);
    }

    void removeAndErase_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<bool>("erase");
        forEachImpl([](const QString& impl) {
            QTest::newRow(qPrintable(impl + " remove")) << impl << false;
            QTest::newRow(qPrintable(impl + " erase")) << impl << true;
        });
    }
    void removeAndErase() {
        QFETCH(QString, impl);
        QFETCH(bool, erase);
        Harness h(impl);
        fill(h);
        auto rm = [&](std::uint64_t s) { return erase ? h.store->erase(s) : h.store->remove(s); };
        QCOMPARE(*rm(3), true);
        QCOMPARE(*rm(3), false);
        QCOMPARE(*rm(99), false);
        QCOMPARE(h.store->load(3).error().code, Errc::NotFound);
        QCOMPARE(*rm(5), true);
        auto st = h.store->state({true, std::nullopt});
        QCOMPARE(st.deleted, (std::vector<std::uint64_t>{3, 5}));
        QCOMPARE(st.num_deleted, 2u);
        QCOMPARE(*rm(1), true);
        QCOMPARE(*rm(2), true);
        st = h.store->state({true, std::nullopt});
        QCOMPARE(st.first_seq, 4u);
        QCOMPARE(st.first_ts, kStart);
        QCOMPARE(st.deleted, (std::vector<std::uint64_t>{5}));
        QCOMPARE(*rm(7), true);  // last_seq stays
        st = h.store->state({true, std::nullopt});
        QCOMPARE(st.last_seq, 7u);
        QCOMPARE(st.deleted, (std::vector<std::uint64_t>{5, 7}));
        QCOMPARE(st.num_deleted, 2u);
        QCOMPARE(h.store->loadLast("foo.a")->seq, 4u);  // per-subject last after delete
        QCOMPARE(h.store->loadLast("foo.*")->seq, 4u);
        QCOMPARE(h.put("foo.a"), 8u);
    }

    void subjects_data() {
        QTest::addColumn<QString>("impl");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");  // "subject=count"
        forEachImpl([](const QString& impl) {
            QTest::newRow(qPrintable(impl + " all")) << impl << ">"
                                                     << QStringList{"bar=2", "foo.a=3", "foo.b=2"};
            QTest::newRow(qPrintable(impl + " star")) << impl << "foo.*"
                                                      << QStringList{"foo.a=3", "foo.b=2"};
            QTest::newRow(qPrintable(impl + " literal")) << impl << "bar" << QStringList{"bar=2"};
            QTest::newRow(qPrintable(impl + " none")) << impl << "x.>" << QStringList{};
        });
    }
    void subjects() {
        QFETCH(QString, impl);
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        Harness h(impl);
        fill(h);
        auto st = h.store->state({false, filter.toStdString()});
        QStringList got;
        for (const auto& [s, n] : st.subjects) got << QString("%1=%2").arg(QString::fromStdString(s)).arg(n);
        QCOMPARE(got, expected);
        QCOMPARE(st.num_subjects, 3u);
        QCOMPARE(h.store->subjectCounts(filter.toStdString()), st.subjects);
    }

    void seqFromTime_data() { storeAndLoad_data(); }
    void seqFromTime() {
        QFETCH(QString, impl);
        Harness h(impl);
        for (int i = 0; i < 4; ++i) {
            h.put("t");
            h.now += 1000;
        }
        QCOMPARE(h.store->seqFromTime(0), 1u);
        QCOMPARE(h.store->seqFromTime(kStart + 1000), 2u);
        QCOMPARE(h.store->seqFromTime(kStart + 1001), 3u);
        QCOMPARE(h.store->seqFromTime(kStart + 99999), 5u);
    }

    void updateLimits_data() { storeAndLoad_data(); }
    void updateLimits() {
        QFETCH(QString, impl);
        Harness h(impl);
        fill(h);
        StoreLimits limits;
        limits.max_msgs_per_subject = 1;
        QVERIFY(h.store->updateLimits(limits));
        QCOMPARE(toList(liveSeqs(*h.store)), (QList<quint64>{5, 6, 7}));
        limits.max_msgs = 2;
        QVERIFY(h.store->updateLimits(limits));
        QCOMPARE(toList(liveSeqs(*h.store)), (QList<quint64>{6, 7}));
    }

    void storeAsync_data() { storeAndLoad_data(); }
    void storeAsync() {
        QFETCH(QString, impl);
        Harness h(impl);
        std::promise<nwb::store::Result<nwb::store::StoreAck>> first;
        std::promise<nwb::store::Result<nwb::store::StoreAck>> second;
        // The sequence appended is returned at once; `done` follows once it is durable.
        QCOMPARE(h.store->storeAsync({"a", {}, "1", {}}, [&](auto r) { first.set_value(r); }),
                 std::uint64_t{1});
        QCOMPARE(h.store->storeAsync({"b", {}, "2", {}}, [&](auto r) { second.set_value(r); }),
                 std::uint64_t{2});
        QCOMPARE(first.get_future().get()->seq, 1u);
        QCOMPARE(second.get_future().get()->seq, 2u);
        QCOMPARE(h.store->load(2)->payload, std::string("2"));

        StoreLimits limits;
        limits.max_msgs = 2;
        limits.discard = DiscardPolicy::New;
        QVERIFY(h.store->updateLimits(limits));
        std::promise<nwb::store::Result<nwb::store::StoreAck>> refused;
        const auto returned =
            h.store->storeAsync({"c", {}, "3", {}}, [&](auto r) { refused.set_value(r); });
        QCOMPARE(returned.error().code, Errc::MaxMsgs);
        QCOMPARE(refused.get_future().get().error().code, Errc::MaxMsgs);
    }

    void storeAsyncAtSkipsSequences_data() { storeAndLoad_data(); }
    void storeAsyncAtSkipsSequences() {
        QFETCH(QString, impl);
        Harness h(impl);
        const auto storeAt = [&](std::uint64_t seq, const char* subject) {
            std::promise<nwb::store::Result<nwb::store::StoreAck>> done;
            h.store->storeAsyncAt(seq, {subject, {}, "m", {}}, [&](auto r) { done.set_value(r); });
            return done.get_future().get();
        };
        // On an empty store the first message sets the first sequence, as a mirror's first copy.
        QCOMPARE(storeAt(5, "a")->seq, 5u);
        QCOMPARE(storeAt(6, "b")->seq, 6u);
        QCOMPARE(storeAt(9, "a")->seq, 9u);
        auto st = h.store->state(StateOptions{true, {}});
        QCOMPARE(st.first_seq, 5u);
        QCOMPARE(st.last_seq, 9u);
        QCOMPARE(st.msgs, 3u);
        QCOMPARE(st.num_deleted, 2u);
        QCOMPARE(toList(st.deleted), (QList<quint64>{7, 8}));
        QCOMPARE(h.store->load(7).error().code, Errc::NotFound);
        QCOMPARE(h.store->loadNext("", 7)->seq, 9u);
        QCOMPARE(h.store->loadLast("a")->seq, 9u);
        // Not above the last: refused, nothing stored.
        QCOMPARE(storeAt(9, "c").error().code, Errc::InvalidArgument);
        QCOMPARE(storeAt(3, "c").error().code, Errc::InvalidArgument);
        QCOMPARE(h.store->fastState().msgs, 3u);
        // Plain stores go on after the last.
        QCOMPARE(h.put("c"), 10u);
    }

    void concurrentStores_data() { storeAndLoad_data(); }
    void concurrentStores() {
        QFETCH(QString, impl);
        Harness h(impl);
        constexpr int kThreads = 4;
        constexpr int kEach = 25;
        std::vector<std::thread> threads;
        std::vector<std::vector<std::uint64_t>> seqs(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    auto r = h.store->store({"t." + std::to_string(t), {}, std::to_string(i), {}});
                    seqs[t].push_back(r ? r->seq : 0);
                }
            });
        }
        for (auto& t : threads) t.join();
        std::set<std::uint64_t> all;
        for (int t = 0; t < kThreads; ++t) {
            for (int i = 0; i < kEach; ++i) {
                const std::uint64_t s = seqs[t][i];
                QVERIFY(s > 0);
                all.insert(s);
                auto m = h.store->load(s);
                QCOMPARE(m->subject, "t." + std::to_string(t));
                QCOMPARE(m->payload, std::to_string(i));
            }
        }
        QCOMPARE(all.size(), std::size_t(kThreads * kEach));
        QCOMPARE(*all.rbegin(), std::uint64_t(kThreads * kEach));
    }

    void stop_data() { storeAndLoad_data(); }
    void stop() {
        QFETCH(QString, impl);
        Harness h(impl);
        h.put("a");
        h.store->stop();
        h.store->stop();
        QCOMPARE(h.store->store({"a", {}, "x", {}}).error().code, Errc::Closed);
        QCOMPARE(h.store->load(1).error().code, Errc::Closed);
    }
};

QTEST_APPLESS_MAIN(TstStreamStore)
#include "tst_stream_store.moc"
