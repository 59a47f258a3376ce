// PermissionChecker: the shared cases in data/permission_cases.json (verified against nats-server
// 2.9.10), then unit-level tables for lists, queues, caches and response grants.
#include "engine/auth/permission_checker.h"
#include "engine/auth/permission_list.h"
#include "engine/auth/reserved_subjects.h"
#include "engine/auth/response_grants.h"
#include "engine/auth/violation_text.h"
#include "engine/protocol/subject.h"
#include "tests/unit/auth/permissions_json.h"

#include <QTest>

#include <memory>

using namespace nwb::auth;
using namespace std::chrono_literals;

namespace {

std::string str(const QJsonValue& v) { return v.toString().toStdString(); }

const TimePoint kStart = TimePoint{} + 1h;

/// One client connection as the engine's core would drive the checker.
class SimulatedConnection {
public:
    explicit SimulatedConnection(const std::optional<Permissions>& permissions) {
        if (permissions) checker_ = std::make_unique<PermissionChecker>(*permissions);
    }

    std::string publish(const std::string& subject, const std::string& reply) {
        if (isReservedPublishSubject(subject)) return publishViolation(subject);
        if (checker_ && checker_->restrictsPublish() && !checker_->canPublish(subject, now_)) {
            return publishViolation(subject);
        }
        if (!reply.empty() && isReservedReply(reply)) return publishWithReplyViolation(reply);
        return {};
    }

    std::string subscribe(const std::string& subject, const std::string& queue) {
        const bool allowed =
            checker_ ? checker_->canSubscribe(subject, queue) : !isReservedQueue(queue);
        if (!allowed) return subscribeViolation(subject, queue);
        subscriptions_.push_back(subject);
        return {};
    }

    /// Another client publishes `subject` with `reply`: is it delivered to this one?
    bool receive(const std::string& subject, const std::string& reply) {
        bool matched = false;
        for (const std::string& sub : subscriptions_)
            matched |= nwb::protocol::subjectMatches(sub, subject);
        if (!matched || (checker_ && checker_->deliveryDenied(subject))) return false;
        if (checker_) checker_->recordRequestReply(reply, now_);
        return true;
    }

    void advance(std::chrono::milliseconds d) { now_ += d; }

private:
    std::unique_ptr<PermissionChecker> checker_;
    std::vector<std::string> subscriptions_;
    TimePoint now_ = kStart;
};

Permissions publishOnly(std::vector<std::string> allow, std::vector<std::string> deny,
                        bool allow_set = false) {
    Permissions p;
    p.publish = SubjectPermission{std::move(allow), std::move(deny), allow_set};
    return p;
}

Permissions subscribeOnly(std::vector<std::string> allow, std::vector<std::string> deny) {
    Permissions p;
    p.subscribe = SubjectPermission{std::move(allow), std::move(deny), false};
    return p;
}

Permissions responsesOnly(int max_msgs, std::chrono::milliseconds expires) {
    Permissions p;
    p.response = ResponsePermission{max_msgs, expires};
    return p;
}

}  // namespace

Q_DECLARE_METATYPE(QJsonArray)
Q_DECLARE_METATYPE(std::vector<std::string>)

class TestPermissionChecker : public QObject {
    Q_OBJECT

private slots:
    void sharedCases_data();
    void sharedCases();
    void publishLists_data();
    void publishLists();
    void subscribeLists_data();
    void subscribeLists();
    void deliveryCheckNeeded_data();
    void deliveryCheckNeeded();
    void queueMatching_data();
    void queueMatching();
    void invalidEntriesSkipped_data();
    void invalidEntriesSkipped();
    void publishCacheStaysCorrect();
    void deliveryFilterOffUntilOverlap();
    void responseLimits_data();
    void responseLimits();
    void responseDefaultsApplied();
    void responseGrantsPruned();
};

void TestPermissionChecker::sharedCases_data() {
    QTest::addColumn<QJsonValue>("permissions");
    QTest::addColumn<QJsonArray>("steps");
    const QJsonObject data = test::loadJsonFile(QStringLiteral("permission_cases.json"));
    const QJsonObject users = data.value(QLatin1String("users")).toObject();
    const QJsonArray cases = data.value(QLatin1String("cases")).toArray();
    QVERIFY(cases.size() >= 40);
    for (const QJsonValue& c : cases) {
        const QJsonObject o = c.toObject();
        const QString user = o.value(QLatin1String("user")).toString();
        QVERIFY2(users.contains(user), qPrintable(user));
        QTest::newRow(qPrintable(o.value(QLatin1String("name")).toString()))
            << users.value(user) << o.value(QLatin1String("steps")).toArray();
    }
}

void TestPermissionChecker::sharedCases() {
    QFETCH(QJsonValue, permissions);
    QFETCH(QJsonArray, steps);
    SimulatedConnection conn(test::toPermissions(permissions));
    int index = 0;
    for (const QJsonValue& s : steps) {
        const QJsonArray step = s.toArray();
        const QString kind = step.at(0).toString();
        const QByteArray where =
            QStringLiteral("step %1: %2")
                .arg(index++)
                .arg(QString::fromUtf8(QJsonDocument(step).toJson(QJsonDocument::Compact)))
                .toUtf8();
        if (kind == QLatin1String("wait")) {
            conn.advance(std::chrono::milliseconds(step.at(1).toInt()));
        } else if (kind == QLatin1String("pub")) {
            const std::string got = conn.publish(str(step.at(1)), str(step.at(2)));
            QVERIFY2(got == str(step.at(3)),
                     (where + " got: " + QByteArray::fromStdString(got)).constData());
        } else if (kind == QLatin1String("sub")) {
            const std::string got = conn.subscribe(str(step.at(1)), str(step.at(2)));
            QVERIFY2(got == str(step.at(3)),
                     (where + " got: " + QByteArray::fromStdString(got)).constData());
        } else if (kind == QLatin1String("recv")) {
            const bool got = conn.receive(str(step.at(1)), str(step.at(2)));
            QVERIFY2(got == step.at(3).toBool(), where.constData());
        } else {
            QFAIL(where.constData());
        }
    }
}

void TestPermissionChecker::publishLists_data() {
    QTest::addColumn<std::vector<std::string>>("allow");
    QTest::addColumn<std::vector<std::string>>("deny");
    QTest::addColumn<bool>("allow_set");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("expected");
    using V = std::vector<std::string>;
    QTest::newRow("no lists") << V{} << V{} << false << "any" << true;
    QTest::newRow("empty allow given") << V{} << V{} << true << "any" << false;
    QTest::newRow("literal allow") << V{"a.b"} << V{} << false << "a.b" << true;
    QTest::newRow("literal allow other") << V{"a.b"} << V{} << false << "a.c" << false;
    QTest::newRow("pwc allow") << V{"a.*"} << V{} << false << "a.b" << true;
    QTest::newRow("pwc allow too deep") << V{"a.*"} << V{} << false << "a.b.c" << false;
    QTest::newRow("pwc allow too short") << V{"a.*"} << V{} << false << "a" << false;
    QTest::newRow("fwc allow") << V{"a.>"} << V{} << false << "a.b.c" << true;
    QTest::newRow("fwc allow bare") << V{"a.>"} << V{} << false << "a" << false;
    QTest::newRow("root fwc") << V{">"} << V{} << false << "x.y.z" << true;
    QTest::newRow("mid pwc") << V{"a.*.c"} << V{} << false << "a.b.c" << true;
    QTest::newRow("mid pwc mismatch") << V{"a.*.c"} << V{} << false << "a.b.d" << false;
    QTest::newRow("deny wins") << V{"a.>"} << V{"a.b"} << false << "a.b" << false;
    QTest::newRow("deny wildcard wins") << V{">"} << V{"*.secret"} << false << "x.secret" << false;
    QTest::newRow("deny only") << V{} << V{"a"} << false << "b" << true;
    QTest::newRow("deny only hit") << V{} << V{"a"} << false << "a" << false;
    QTest::newRow("pwc subject vs literal allow") << V{"a.b"} << V{} << false << "a.*" << false;
    QTest::newRow("pwc subject vs pwc allow") << V{"a.*"} << V{} << false << "a.*" << true;
    QTest::newRow("fwc subject vs pwc allow") << V{"a.*"} << V{} << false << "a.>" << true;
    QTest::newRow("fwc subject vs literal deny") << V{} << V{"a.b"} << false << "a.>" << true;
    QTest::newRow("queue-looking entry is literal") << V{"a grp"} << V{} << false << "a" << false;
    QTest::newRow("empty token subject") << V{">"} << V{} << false << "a..b" << false;
    QTest::newRow("empty token subject deny only") << V{} << V{">"} << false << "a..b" << true;
}

void TestPermissionChecker::publishLists() {
    QFETCH(std::vector<std::string>, allow);
    QFETCH(std::vector<std::string>, deny);
    QFETCH(bool, allow_set);
    QFETCH(QString, subject);
    QFETCH(bool, expected);
    PermissionChecker checker(publishOnly(allow, deny, allow_set));
    QCOMPARE(checker.canPublish(subject.toStdString(), kStart), expected);
    QCOMPARE(checker.canPublish(subject.toStdString(), kStart), expected);  // from the cache
}

void TestPermissionChecker::subscribeLists_data() {
    QTest::addColumn<std::vector<std::string>>("allow");
    QTest::addColumn<std::vector<std::string>>("deny");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("queue");
    QTest::addColumn<bool>("expected");
    using V = std::vector<std::string>;
    QTest::newRow("no lists") << V{} << V{} << ">"
                              << "" << true;
    QTest::newRow("no lists sys queue") << V{} << V{} << "a"
                                        << "_sys_" << false;
    QTest::newRow("allow literal") << V{"a"} << V{} << "a"
                                   << "" << true;
    QTest::newRow("allow literal queue") << V{"a"} << V{} << "a"
                                         << "g" << true;
    QTest::newRow("allow literal sys queue") << V{"a"} << V{} << "a"
                                             << "_sys_" << false;
    QTest::newRow("allow pwc covers pwc") << V{"a.*"} << V{} << "a.*"
                                          << "" << true;
    QTest::newRow("allow pwc covers fwc") << V{"a.*"} << V{} << "a.>"
                                          << "" << true;
    QTest::newRow("allow fwc covers pwc") << V{"a.>"} << V{} << "a.*"
                                          << "" << true;
    QTest::newRow("allow fwc covers deeper") << V{"a.>"} << V{} << "a.*.*"
                                             << "" << true;
    QTest::newRow("allow literal not pwc") << V{"a.b"} << V{} << "a.*"
                                           << "" << false;
    QTest::newRow("allow pwc not root fwc") << V{"a.*"} << V{} << ">"
                                            << "" << false;
    QTest::newRow("allow root fwc") << V{">"} << V{} << "a.*.>"
                                    << "" << true;
    QTest::newRow("allow pwc first token") << V{"*.b"} << V{} << "x.b"
                                           << "" << true;
    QTest::newRow("allow pwc first token vs pwc sub") << V{"*.b"} << V{} << "*.b"
                                                      << "" << true;
    QTest::newRow("allow literal first vs pwc sub") << V{"a.b"} << V{} << "*.b"
                                                    << "" << false;
    QTest::newRow("queue-only entry plain sub") << V{"a g"} << V{} << "a"
                                                << "" << false;
    QTest::newRow("queue-only entry right queue") << V{"a g"} << V{} << "a"
                                                  << "g" << true;
    QTest::newRow("queue-only entry wrong queue") << V{"a g"} << V{} << "a"
                                                  << "h" << false;
    QTest::newRow("queue entry extra spaces") << V{"  a \t g  "} << V{} << "a"
                                              << "g" << true;
    QTest::newRow("queue entry wildcard queue") << V{"a g.*"} << V{} << "a"
                                                << "g.x" << true;
    QTest::newRow("queue entry fwc queue") << V{"a g.>"} << V{} << "a"
                                           << "g.x.y" << true;
    QTest::newRow("queue entry literal star queue") << V{"a *"} << V{} << "a"
                                                    << "*" << true;
    QTest::newRow("plain and queue entry, other queue") << V{"a", "a g"} << V{} << "a"
                                                        << "h" << false;
    QTest::newRow("plain and queue entry, plain sub") << V{"a", "a g"} << V{} << "a"
                                                      << "" << true;
    QTest::newRow("deny literal") << V{} << V{"a"} << "a"
                                  << "" << false;
    QTest::newRow("deny literal queue sub") << V{} << V{"a"} << "a"
                                            << "g" << false;
    QTest::newRow("deny fwc covers pwc sub") << V{} << V{"a.>"} << "a.*"
                                             << "" << false;
    QTest::newRow("deny pwc covers fwc sub") << V{} << V{"a.*"} << "a.>"
                                             << "" << false;
    QTest::newRow("deny literal inside pwc sub") << V{} << V{"a.b"} << "a.*"
                                                 << "" << true;
    QTest::newRow("deny queue entry plain sub") << V{} << V{"a g"} << "a"
                                                << "" << true;
    QTest::newRow("deny queue entry that queue") << V{} << V{"a g"} << "a"
                                                 << "g" << false;
    QTest::newRow("deny queue entry other queue") << V{} << V{"a g"} << "a"
                                                  << "h" << true;
    QTest::newRow("deny queue entry wildcard") << V{} << V{"a g.*"} << "a"
                                               << "g.x" << false;
    QTest::newRow("deny plain and queue, other queue") << V{} << V{"a", "a g"} << "a"
                                                       << "h" << true;
    QTest::newRow("allow then deny") << V{"a.*"} << V{"a.b"} << "a.b"
                                     << "" << false;
    QTest::newRow("allow then deny other") << V{"a.*"} << V{"a.b"} << "a.c"
                                           << "" << true;
    QTest::newRow("allow queue then deny queue") << V{"a g"} << V{"a g"} << "a"
                                                 << "g" << false;
}

void TestPermissionChecker::subscribeLists() {
    QFETCH(std::vector<std::string>, allow);
    QFETCH(std::vector<std::string>, deny);
    QFETCH(QString, subject);
    QFETCH(QString, queue);
    QFETCH(bool, expected);
    PermissionChecker checker(subscribeOnly(allow, deny));
    QCOMPARE(checker.canSubscribe(subject.toStdString(), queue.toStdString()), expected);
}

void TestPermissionChecker::deliveryCheckNeeded_data() {
    QTest::addColumn<std::vector<std::string>>("deny");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("needed");
    using V = std::vector<std::string>;
    QTest::newRow("literal sub never") << V{"a.b"} << "a.b" << false;
    QTest::newRow("pwc over literal") << V{"a.b"} << "a.*" << true;
    QTest::newRow("fwc over literal") << V{"a.b.c"} << ">" << true;
    QTest::newRow("fwc over fwc") << V{"a.>"} << "a.>" << true;
    QTest::newRow("pwc not over fwc") << V{"a.>"} << "a.*" << false;
    QTest::newRow("disjoint") << V{"b.c"} << "a.*" << false;
    QTest::newRow("deny wider than sub") << V{"*.*"} << "a.*" << false;
    QTest::newRow("queue entry raw string") << V{"a.b g"} << "a.*" << true;
    QTest::newRow("no deny") << V{} << ">" << false;
}

void TestPermissionChecker::deliveryCheckNeeded() {
    QFETCH(std::vector<std::string>, deny);
    QFETCH(QString, subject);
    QFETCH(bool, needed);
    PermissionChecker checker(subscribeOnly({}, deny));
    QCOMPARE(checker.subscriptionNeedsDeliveryCheck(subject.toStdString()), needed);
}

void TestPermissionChecker::queueMatching_data() {
    QTest::addColumn<QString>("queue");
    QTest::addColumn<std::vector<std::string>>("names");
    QTest::addColumn<bool>("expected");
    using V = std::vector<std::string>;
    QTest::newRow("no names") << "g" << V{} << true;
    QTest::newRow("equal") << "g" << V{"g"} << true;
    QTest::newRow("second") << "g" << V{"h", "g"} << true;
    QTest::newRow("different") << "g" << V{"h"} << false;
    QTest::newRow("case") << "g" << V{"G"} << false;
    QTest::newRow("pwc") << "g.x" << V{"g.*"} << true;
    QTest::newRow("pwc too deep") << "g.x.y" << V{"g.*"} << false;
    QTest::newRow("fwc") << "g.x.y" << V{"g.>"} << true;
    QTest::newRow("literal star name") << "*" << V{"*"} << true;
    QTest::newRow("star queue vs literal") << "*" << V{"g"} << false;
}

void TestPermissionChecker::queueMatching() {
    QFETCH(QString, queue);
    QFETCH(std::vector<std::string>, names);
    QFETCH(bool, expected);
    const std::vector<std::string_view> views(names.begin(), names.end());
    QCOMPARE(queueMatches(queue.toStdString(), views), expected);
}

void TestPermissionChecker::invalidEntriesSkipped_data() {
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("plain");
    QTest::addColumn<int>("queues");
    QTest::newRow("valid") << "a.b"
                           << "a.b" << true << 0;
    QTest::newRow("empty token") << "a..b"
                                 << "a..b" << false << 0;
    QTest::newRow("leading dot") << ".a"
                                 << "a" << false << 0;
    QTest::newRow("fwc not last") << "a.>.b"
                                  << "a.x.b" << false << 0;
    QTest::newRow("three fields") << "a g h"
                                  << "a" << false << 0;
    QTest::newRow("blank") << "   "
                           << "a" << false << 0;
    QTest::newRow("queue") << "a g"
                           << "a" << false << 1;
}

void TestPermissionChecker::invalidEntriesSkipped() {
    QFETCH(QString, entry);
    QFETCH(QString, subject);
    QFETCH(bool, plain);
    QFETCH(int, queues);
    const PermissionList list({entry.toStdString()}, PermissionList::QueueEntries::Split);
    const ListMatch m = list.match(subject.toStdString());
    QCOMPARE(m.plain, plain);
    QCOMPARE(static_cast<int>(m.queues.size()), queues);
}

void TestPermissionChecker::publishCacheStaysCorrect() {
    // Far more subjects than the 128-entry cache holds, asked twice: evictions never change
    // answers.
    PermissionChecker checker(publishOnly({"ok.>"}, {"ok.*.deny"}));
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 1000; ++i) {
            const std::string n = std::to_string(i);
            QCOMPARE(checker.canPublish("ok." + n, kStart), true);
            QCOMPARE(checker.canPublish("ok." + n + ".deny", kStart), false);
            QCOMPARE(checker.canPublish("no." + n, kStart), false);
        }
    }
}

void TestPermissionChecker::deliveryFilterOffUntilOverlap() {
    PermissionChecker checker(subscribeOnly({}, {"a.secret"}));
    QCOMPARE(checker.deliveryFilterActive(), false);
    QCOMPARE(checker.deliveryDenied("a.secret"), false);  // no overlapping wildcard sub yet
    QCOMPARE(checker.canSubscribe("a.secret"), false);
    QCOMPARE(checker.canSubscribe("b.*"), true);
    QCOMPARE(checker.deliveryFilterActive(), false);
    QCOMPARE(checker.canSubscribe("a.*"), true);
    QCOMPARE(checker.deliveryFilterActive(), true);
    for (int i = 0; i < 600; ++i) {  // beyond the 256-entry cache
        QCOMPARE(checker.deliveryDenied("a.secret"), true);
        QCOMPARE(checker.deliveryDenied("a." + std::to_string(i)), false);
    }
}

void TestPermissionChecker::responseLimits_data() {
    QTest::addColumn<int>("max_msgs");
    QTest::addColumn<int>("expires_ms");
    QTest::addColumn<int>("publish_at_ms");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("allowed");
    QTest::newRow("one at once") << 1 << 1000 << 0 << 3 << 1;
    QTest::newRow("three at once") << 3 << 1000 << 0 << 5 << 3;
    QTest::newRow("at expiry still allowed") << 1 << 1000 << 1000 << 1 << 1;
    QTest::newRow("just after expiry") << 1 << 1000 << 1001 << 1 << 0;
    QTest::newRow("unlimited count") << -1 << 1000 << 10 << 50 << 50;
    QTest::newRow("unlimited time") << 2 << -1 << 86400000 << 3 << 2;
}

void TestPermissionChecker::responseLimits() {
    QFETCH(int, max_msgs);
    QFETCH(int, expires_ms);
    QFETCH(int, publish_at_ms);
    QFETCH(int, attempts);
    QFETCH(int, allowed);
    PermissionChecker checker(responsesOnly(max_msgs, std::chrono::milliseconds(expires_ms)));
    QVERIFY(checker.tracksResponses());
    checker.recordRequestReply("_INBOX.r", kStart);
    const TimePoint at = kStart + std::chrono::milliseconds(publish_at_ms);
    int granted = 0;
    for (int i = 0; i < attempts; ++i) granted += checker.canPublish("_INBOX.r", at) ? 1 : 0;
    QCOMPARE(granted, allowed);
    QCOMPARE(checker.canPublish("_INBOX.other", at), false);
}

void TestPermissionChecker::responseDefaultsApplied() {
    Permissions p = responsesOnly(0, 0ms);
    applyResponseDefaults(p);
    QVERIFY(p.publish.has_value());
    QCOMPARE(p.publish->allow_set, true);
    QCOMPARE(p.publish->allow.size(), std::size_t{0});
    QCOMPARE(p.response->max_msgs, 1);
    QCOMPARE(p.response->expires, std::chrono::milliseconds(120000));
    applyResponseDefaults(p);  // idempotent
    QCOMPARE(p.publish->allow_set, true);

    Permissions with_allow = responsesOnly(5, 10ms);
    with_allow.publish = SubjectPermission{{"svc.>"}, {}, false};
    applyResponseDefaults(with_allow);
    QCOMPARE(with_allow.publish->allow, std::vector<std::string>{"svc.>"});
    QCOMPARE(with_allow.response->max_msgs, 5);
    QCOMPARE(with_allow.response->expires, 10ms);

    PermissionChecker checker(responsesOnly(0, 0ms));  // the checker applies them itself
    QCOMPARE(checker.canPublish("x", kStart), false);
    checker.recordRequestReply("x", kStart);
    QCOMPARE(checker.canPublish("x", kStart + 120s), true);
    checker.recordRequestReply("x", kStart);
    QCOMPARE(checker.canPublish("x", kStart + 120s + 1ms), false);
}

void TestPermissionChecker::responseGrantsPruned() {
    ResponseGrants grants(ResponsePermission{1, 1000ms});
    for (int i = 0; i < 4096; ++i) grants.record("_INBOX." + std::to_string(i), kStart);
    QCOMPARE(grants.size(), std::size_t{4096});
    for (int i = 0; i < 100; ++i) QVERIFY(grants.consume("_INBOX." + std::to_string(i), kStart));
    // Going over 4096 prunes the used-up grants (100) and nothing fresh.
    grants.record("_INBOX.new", kStart);
    QCOMPARE(grants.size(), std::size_t{4097 - 100});
    QVERIFY(grants.consume("_INBOX.200", kStart));
    QVERIFY(!grants.consume("_INBOX.0", kStart));
    // Later, everything has expired: the next prune clears all but the newest grant.
    for (int i = 0; i < 8000; ++i) grants.record("_INBOX.late" + std::to_string(i), kStart + 5s);
    QCOMPARE(grants.size(), std::size_t{8000});  // only the fresh ones are left
    QVERIFY(grants.consume("_INBOX.late7999", kStart + 5s));
    QVERIFY(!grants.consume("_INBOX.300", kStart + 5s));
}

QTEST_APPLESS_MAIN(TestPermissionChecker)
#include "tst_permission_checker.moc"
