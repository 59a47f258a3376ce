// Subject validation and trie matching, driven by tables of subscriptions and published subjects.
#include <QtTest>

#include <algorithm>
#include <memory>
#include <string>

#include "engine/core/subject_trie.h"
#include "engine/protocol/subject.h"

using nwb::core::MatchResultPtr;
using nwb::core::SubjectTrie;
using nwb::core::Subscription;
using nwb::core::SubscriptionPtr;

namespace {

SubscriptionPtr makeSub(const std::string& subject, const std::string& queue = {},
                        const std::string& sid = {}) {
    auto s = std::make_shared<Subscription>();
    s->subject = subject;
    s->queue = queue;
    s->sid = sid.empty() ? subject + "/" + queue : sid;
    return s;
}

QStringList plainSubjects(const MatchResultPtr& r) {
    QStringList out;
    for (const auto& s : r->plain) out << QString::fromStdString(s->subject);
    out.sort();
    return out;
}

}  // namespace

class TstSubjectTrie : public QObject {
    Q_OBJECT

private slots:
    void validSubject_data() {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("literal");
        QTest::newRow("simple") << "foo" << true << true;
        QTest::newRow("tokens") << "foo.bar.baz" << true << true;
        QTest::newRow("star") << "foo.*" << true << false;
        QTest::newRow("full") << "foo.>" << true << false;
        QTest::newRow("only full") << ">" << true << false;
        QTest::newRow("star in token is literal") << "foo*.bar" << true << true;
        QTest::newRow("gt in token is literal") << "foo.b>" << true << true;
        QTest::newRow("full not last") << "foo.>.bar" << false << false;
        QTest::newRow("empty") << "" << false << false;
        QTest::newRow("empty token") << "foo..bar" << false << false;
        QTest::newRow("leading dot") << ".foo" << false << false;
        QTest::newRow("trailing dot") << "foo." << false << false;
        QTest::newRow("space") << "foo bar" << false << false;
        QTest::newRow("tab") << "foo\tbar" << false << false;
        QTest::newRow("dollar") << "$JS.API.INFO" << true << true;
    }
    void validSubject() {
        QFETCH(QString, subject);
        QFETCH(bool, valid);
        QFETCH(bool, literal);
        const std::string s = subject.toStdString();
        QCOMPARE(nwb::protocol::isValidSubject(s), valid);
        QCOMPARE(nwb::protocol::isValidLiteralSubject(s), literal);
    }

    void match_data() {
        QTest::addColumn<QStringList>("subscriptions");
        QTest::addColumn<QString>("published");
        QTest::addColumn<QStringList>("matched");
        const QStringList subs{"foo", "foo.bar", "foo.*", "foo.>", "*.bar", ">", "foo.*.baz",
                               "foo.bar.baz"};
        QTest::newRow("literal") << subs << "foo" << QStringList{">", "foo"};
        QTest::newRow("two tokens") << subs << "foo.bar"
                                    << QStringList{"*.bar", ">", "foo.*", "foo.>", "foo.bar"};
        QTest::newRow("three tokens") << subs << "foo.bar.baz"
                                      << QStringList{">", "foo.*.baz", "foo.>", "foo.bar.baz"};
        QTest::newRow("full needs a token") << QStringList{"foo.>"} << "foo" << QStringList{};
        QTest::newRow("no match") << QStringList{"a.b"} << "a.c" << QStringList{};
        QTest::newRow("published star matches only wildcards")
            << subs << "foo.*" << QStringList{">", "foo.*", "foo.>"};
        QTest::newRow("published full matches only full")
            << subs << "foo.>" << QStringList{">", "foo.*", "foo.>"};
    }
    void match() {
        QFETCH(QStringList, subscriptions);
        QFETCH(QString, published);
        QFETCH(QStringList, matched);
        SubjectTrie trie;
        for (const auto& s : subscriptions) QVERIFY(trie.insert(makeSub(s.toStdString())));
        QCOMPARE(plainSubjects(trie.match(published.toStdString())), matched);
    }

    void matchFunctionAgreesWithTrie_data() { match_data(); }
    void matchFunctionAgreesWithTrie() {
        QFETCH(QStringList, subscriptions);
        QFETCH(QString, published);
        QFETCH(QStringList, matched);
        QStringList viaFunction;
        for (const auto& s : subscriptions) {
            if (nwb::protocol::subjectMatches(s.toStdString(), published.toStdString())) {
                viaFunction << s;
            }
        }
        viaFunction.sort();
        QCOMPARE(viaFunction, matched);
    }

    void rejectsInvalidSubjects() {
        SubjectTrie trie;
        QVERIFY(!trie.insert(makeSub("foo..bar")));
        QVERIFY(!trie.insert(makeSub("foo.>.bar")));
        QCOMPARE(trie.count(), std::size_t{0});
    }

    void queueGroupsAreMergedAcrossNodes() {
        SubjectTrie trie;
        QVERIFY(trie.insert(makeSub("orders.*", "workers", "1")));
        QVERIFY(trie.insert(makeSub("orders.new", "workers", "2")));
        QVERIFY(trie.insert(makeSub("orders.new", "audit", "3")));
        QVERIFY(trie.insert(makeSub("orders.new", "", "4")));
        const MatchResultPtr r = trie.match("orders.new");
        QCOMPARE(r->plain.size(), std::size_t{1});
        QCOMPARE(r->queues.size(), std::size_t{2});
        std::vector<std::size_t> sizes;
        for (const auto& g : r->queues) sizes.push_back(g.size());
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes, (std::vector<std::size_t>{1, 2}));
    }

    void removePrunesAndChangesGeneration() {
        SubjectTrie trie;
        const auto a = makeSub("a.b.c");
        const auto b = makeSub("a.>");
        QVERIFY(trie.insert(a));
        QVERIFY(trie.insert(b));
        const auto gen = trie.generation();
        QVERIFY(trie.remove(a));
        QVERIFY(trie.generation() != gen);
        QVERIFY(!trie.remove(a));
        QCOMPARE(trie.count(), std::size_t{1});
        QCOMPARE(plainSubjects(trie.match("a.b.c")), QStringList{"a.>"});
        QVERIFY(trie.remove(b));
        QCOMPARE(trie.count(), std::size_t{0});
        QVERIFY(trie.match("a.b.c")->empty());
    }

    void subsetMatch_data() {
        QTest::addColumn<QString>("sub");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("subset");
        QTest::newRow("equal") << "foo.bar" << "foo.bar" << true;
        QTest::newRow("literal in star") << "foo.bar" << "foo.*" << true;
        QTest::newRow("star in star") << "foo.*" << "foo.*" << true;
        QTest::newRow("star in full") << "foo.*" << "foo.>" << true;
        QTest::newRow("full in star") << "foo.>" << "foo.*" << false;
        QTest::newRow("star in literal") << "foo.*" << "foo.bar" << false;
        QTest::newRow("everything in full") << ">" << ">" << true;
        QTest::newRow("longer") << "foo.bar.baz" << "foo.*" << false;
    }
    void subsetMatch() {
        QFETCH(QString, sub);
        QFETCH(QString, pattern);
        QFETCH(bool, subset);
        QCOMPARE(nwb::protocol::subjectIsSubsetOf(sub.toStdString(), pattern.toStdString()), subset);
    }
};

QTEST_APPLESS_MAIN(TstSubjectTrie)
#include "tst_subject_trie.moc"
