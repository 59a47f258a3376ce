// StreamConfig decoding, nats-server's defaults and validation texts, and update rules
// (data-driven: request JSON in, the normalized config JSON or the exact API error out).
#include <QtTest>

#include <string>

#include "engine/jetstream/stream_config.h"

using namespace nwb::jetstream;

namespace {

/// "ok:<encoded config>" or "err:<err_code>:<description>".
QString outcome(const QByteArray& json) {
    StreamConfig cfg;
    if (auto e = decodeStreamConfig(json.toStdString(), cfg)) {
        return QStringLiteral("err:%1:%2").arg(e->err_code).arg(QString::fromStdString(e->description));
    }
    if (auto e = checkStreamConfig(cfg)) {
        return QStringLiteral("err:%1:%2").arg(e->err_code).arg(QString::fromStdString(e->description));
    }
    return "ok:" + QString::fromStdString(encodeStreamConfig(cfg));
}

const QString kTail = QStringLiteral(
    R"("allow_direct":false,"mirror_direct":false,"sealed":false,)"
    R"("deny_delete":false,"deny_purge":false,"allow_rollup_hdrs":false,"consumer_limits":{}})");

}  // namespace

class TstStreamConfig : public QObject {
    Q_OBJECT

private slots:
    void checkAndDefaults_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QString defaults = QStringLiteral(
            R"(ok:{"name":"S","subjects":["S"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
            R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
            R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)") + kTail;
        QTest::newRow("minimal") << QByteArray(R"({"name":"S"})") << defaults;
        QTest::newRow("unknown fields ignored") << QByteArray(R"({"name":"S","bogus":[1]})") << defaults;
        QTest::newRow("window follows short max_age")
            << QByteArray(R"({"name":"S","max_age":1000000000,"storage":"memory","retention":"workqueue","discard":"NEW"})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["S"],"retention":"workqueue","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":1000000000,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"new",)"
                   R"("storage":"memory","num_replicas":1,"duplicate_window":1000000000,"compression":"none",)") + kTail;
        QTest::newRow("bad json") << QByteArray("{") << "err:10025:invalid JSON";
        QTest::newRow("wrong type") << QByteArray(R"({"name":"S","max_msgs":"1"})") << "err:10025:invalid JSON";
        QTest::newRow("fraction") << QByteArray(R"({"name":"S","max_msgs":1.5})") << "err:10025:invalid JSON";
        QTest::newRow("bad enum") << QByteArray(R"({"name":"S","retention":"forever"})") << "err:10025:invalid JSON";
        QTest::newRow("int32 overflow") << QByteArray(R"({"name":"S","max_msg_size":4294967296})") << "err:10025:invalid JSON";
        QTest::newRow("no name") << QByteArray(R"({})")
            << "err:10052:stream name is required and can not contain '.', '*', '>'";
        QTest::newRow("dot in name") << QByteArray(R"({"name":"a.b"})")
            << "err:10052:stream name is required and can not contain '.', '*', '>'";
        QTest::newRow("long name") << QByteArray(("{\"name\":\"" + std::string(256, 'x') + "\"}").c_str())
            << "err:10052:stream name is too long, maximum allowed is 255";
        QTest::newRow("replicas") << QByteArray(R"({"name":"S","num_replicas":6})") << "err:10052:maximum replicas is 5";
        QTest::newRow("negative replicas") << QByteArray(R"({"name":"S","num_replicas":-1})")
            << "err:10133:replicas count cannot be negative";
        QTest::newRow("max age") << QByteArray(R"({"name":"S","max_age":99999999})")
            << "err:10052:max age needs to be >= 100ms";
        QTest::newRow("window > age") << QByteArray(R"({"name":"S","max_age":1000000000,"duplicate_window":2000000000})")
            << "err:10052:duplicates window can not be larger then max age";
        QTest::newRow("small window") << QByteArray(R"({"name":"S","duplicate_window":1000})")
            << "err:10052:duplicates window needs to be >= 100ms";
        QTest::newRow("negative window") << QByteArray(R"({"name":"S","duplicate_window":-1})")
            << "err:10052:duplicates window can not be negative";
        QTest::newRow("rollup needs purge") << QByteArray(R"({"name":"S","deny_purge":true,"allow_rollup_hdrs":true})")
            << "err:10052:roll-ups require the purge permission";
        QTest::newRow("discard new per subject") << QByteArray(R"({"name":"S","discard_new_per_subject":true})")
            << "err:10052:discard new per subject requires discard new policy to be set";
        QTest::newRow("per subject limit") << QByteArray(R"({"name":"S","discard":"new","discard_new_per_subject":true})")
            << "err:10052:discard new per subject requires max msgs per subject > 0";
        QTest::newRow("invalid subject") << QByteArray(R"({"name":"S","subjects":["a..b"]})") << "err:10052:invalid subject";
        QTest::newRow("duplicate subject") << QByteArray(R"({"name":"S","subjects":["a","a"]})")
            << "err:10052:duplicate subjects detected";
        QTest::newRow("capture all") << QByteArray(R"({"name":"S","subjects":[">"]})")
            << "err:10052:capturing all subjects requires no-ack to be true";
        QTest::newRow("js api") << QByteArray(R"({"name":"S","subjects":["$JS.API.>"]})")
            << "err:10052:subjects that overlap with jetstream api require no-ack to be true";
        QTest::newRow("js event allowed") << QByteArray(R"({"name":"S","subjects":["$JS.EVENT.>"]})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["$JS.EVENT.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)") + kTail;
        QTest::newRow("sys api") << QByteArray(R"({"name":"S","subjects":["$SYS.REQ.>"]})")
            << "err:10052:subjects that overlap with system api require no-ack to be true";
        QTest::newRow("self overlap") << QByteArray(R"({"name":"S","subjects":["a.*","a.b"]})")
            << "err:10052:subject \"a.*\" overlaps with \"a.b\"";
        QTest::newRow("mirror with subjects") << QByteArray(R"({"name":"S","subjects":["a"],"mirror":{"name":"O"}})")
            << "err:10034:stream mirrors can not contain subjects";
        QTest::newRow("republish defaults src")
            << QByteArray(R"({"name":"S","subjects":["foo.>"],"republish":{"dest":"rp.>"}})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["foo.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)"
                   R"("republish":{"src":"\u003e","dest":"rp.\u003e"},)") + kTail;
        QTest::newRow("republish headers only")
            << QByteArray(R"({"name":"S","subjects":["foo.*"],"republish":{"src":"foo.*","dest":"rp.$1","headers_only":true}})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["foo.*"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)"
                   R"("republish":{"src":"foo.*","dest":"rp.$1","headers_only":true},)") + kTail;
        QTest::newRow("republish wrong type") << QByteArray(R"({"name":"S","republish":{"dest":1}})")
            << "err:10025:invalid JSON";
        QTest::newRow("republish not object") << QByteArray(R"({"name":"S","republish":[]})")
            << "err:10025:invalid JSON";
        QTest::newRow("republish source outside subjects (2.10 allows it)")
            << QByteArray(R"({"name":"S","subjects":["foo.>"],"republish":{"src":"bar.>","dest":"rp.>"}})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["foo.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)"
                   R"("republish":{"src":"bar.\u003e","dest":"rp.\u003e"},)") + kTail;
        QTest::newRow("republish cycle")
            << QByteArray(R"({"name":"S","subjects":["foo.>"],"republish":{"dest":"foo.rp.>"}})")
            << "err:10052:stream configuration for republish destination forms a cycle";
        QTest::newRow("republish literal dest for all")
            << QByteArray(R"({"name":"S","subjects":["foo"],"republish":{"dest":"rp"}})")
            << "err:10052:stream configuration for republish with transform from '>' to 'rp' not valid";
        QTest::newRow("republish bad function")
            << QByteArray(R"({"name":"S","subjects":["foo.*"],"republish":{"src":"foo.*","dest":"rp.{{nope(1)}}"}})")
            << "err:10052:stream configuration for republish with transform from 'foo.*' to 'rp.{{nope(1)}}' not valid";
        QTest::newRow("republish unused wildcard (2.10 allows it)")
            << QByteArray(R"({"name":"S","subjects":["foo.*"],"republish":{"src":"foo.*","dest":"rp"}})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["foo.*"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)"
                   R"("republish":{"src":"foo.*","dest":"rp"},)") + kTail;
        QTest::newRow("republish empty dest: no transform, as 2.10")
            << QByteArray(R"({"name":"S","republish":{}})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["S"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)"
                   R"("republish":{"src":"\u003e","dest":""},)") + kTail;
        QTest::newRow("subject transform echoed")
            << QByteArray(R"({"name":"S","subjects":["in.*"],"subject_transform":{"src":"in.*","dest":"out.$1"}})")
            << QStringLiteral(
                   R"(ok:{"name":"S","subjects":["in.*"],"retention":"limits","max_consumers":-1,"max_msgs":-1,)"
                   R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
                   R"("storage":"file","num_replicas":1,"duplicate_window":120000000000,"compression":"none",)"
                   R"("subject_transform":{"src":"in.*","dest":"out.$1"},)") + kTail;
        QTest::newRow("subject transform not object")
            << QByteArray(R"({"name":"S","subject_transform":"x"})") << "err:10025:invalid JSON";
    }
    void mirrorsAndSources_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QString head = QStringLiteral(
            R"(ok:{"name":"M","retention":"limits","max_consumers":-1,"max_msgs":-1,)"
            R"("max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old",)"
            R"("storage":"file","num_replicas":1,)");
        // A mirror gets no subjects and no duplicate window; a sourcing stream no subjects.
        QTest::newRow("mirror") << QByteArray(R"({"name":"M","mirror":{"name":"O"}})")
            << head + R"("mirror":{"name":"O"},"compression":"none",)" + kTail;
        QTest::newRow("mirror fields in Go order")
            << QByteArray(R"({"name":"M","mirror":{"external":{"api":"$JS.hub.API","deliver":""},)"
                          R"("filter_subject":"a.>","opt_start_time":"2024-01-02T03:04:05Z","opt_start_seq":0,"name":"O"}})")
            << head + R"("mirror":{"name":"O","opt_start_time":"2024-01-02T03:04:05Z","filter_subject":"a.\u003e",)"
                      R"("external":{"api":"$JS.hub.API","deliver":""}},"compression":"none",)" + kTail;
        QTest::newRow("mirror transforms")
            << QByteArray(R"({"name":"M","mirror":{"name":"O","opt_start_seq":5,"subject_transforms":[{"src":"a.*","dest":"b.$1"}]}})")
            << head + R"("mirror":{"name":"O","opt_start_seq":5,"subject_transforms":[{"src":"a.*","dest":"b.$1"}]},)"
                      R"("compression":"none",)" + kTail;
        QTest::newRow("sources")
            << QByteArray(R"({"name":"M","sources":[{"name":"A"},null,{"name":"B","filter_subject":"b.1"}]})")
            << head + R"("duplicate_window":120000000000,"sources":[{"name":"A"},{"name":"B","filter_subject":"b.1"}],)"
                      R"("compression":"none",)" + kTail;
        QTest::newRow("empty sources are none") << QByteArray(R"({"name":"M","sources":[]})")
            << QStringLiteral(R"(ok:{"name":"M","subjects":["M"],)") + head.mid(15) +
                   R"("duplicate_window":120000000000,"compression":"none",)" + kTail;
        QTest::newRow("mirror not object") << QByteArray(R"({"name":"M","mirror":[]})") << "err:10025:invalid JSON";
        QTest::newRow("source bad time")
            << QByteArray(R"({"name":"M","sources":[{"name":"A","opt_start_time":"x"}]})") << "err:10025:invalid JSON";
        QTest::newRow("mirror first seq") << QByteArray(R"({"name":"M","first_seq":3,"mirror":{"name":"O"}})")
            << "err:10143:stream mirrors can not have first sequence configured";
        QTest::newRow("mirror with sources")
            << QByteArray(R"({"name":"M","mirror":{"name":"O"},"sources":[{"name":"A"}]})")
            << "err:10031:stream mirrors can not also contain other sources";
        QTest::newRow("mirror filter and transforms")
            << QByteArray(R"({"name":"M","mirror":{"name":"O","filter_subject":"a","subject_transforms":[{"src":"b","dest":"c"}]}})")
            << "err:10150:mirror with multiple subject transforms cannot also have a single subject filter";
        QTest::newRow("mirror bad filter")
            << QByteArray(R"({"name":"M","mirror":{"name":"O","subject_transforms":[{"src":"a..b","dest":""}]}})")
            << "err:10151:mirror subject filter is invalid";
        QTest::newRow("mirror overlapping filters")
            << QByteArray(R"({"name":"M","mirror":{"name":"O","subject_transforms":[{"src":"a.*","dest":""},{"src":"a.b","dest":""}]}})")
            << "err:10152:mirror subject filters can not overlap";
        QTest::newRow("mirror bad name") << QByteArray(R"({"name":"M","mirror":{"name":"a.b"}})")
            << "err:10142:mirrored stream name is invalid";
        QTest::newRow("mirror start seq and time (2.10 allows both)")
            << QByteArray(R"({"name":"M","mirror":{"name":"O","opt_start_seq":2,"opt_start_time":"2024-01-02T03:04:05Z"}})")
            << head + R"("mirror":{"name":"O","opt_start_seq":2,"opt_start_time":"2024-01-02T03:04:05Z"},)"
                      R"("compression":"none",)" + kTail;
        QTest::newRow("source bad name") << QByteArray(R"({"name":"M","sources":[{"name":""}]})")
            << "err:10141:sourced stream name is invalid";
        QTest::newRow("duplicate sources")
            << QByteArray(R"({"name":"M","sources":[{"name":"A"},{"name":"A","filter_subject":">"}]})")
            << "err:10140:duplicate source configuration detected";
        QTest::newRow("same source, other filters")
            << QByteArray(R"({"name":"M","sources":[{"name":"A","filter_subject":"x"},{"name":"A","filter_subject":"y"}]})")
            << head + R"("duplicate_window":120000000000,"sources":[{"name":"A","filter_subject":"x"},)"
                      R"({"name":"A","filter_subject":"y"}],"compression":"none",)" + kTail;
        QTest::newRow("source filter and transforms")
            << QByteArray(R"({"name":"M","sources":[{"name":"A","filter_subject":"a","subject_transforms":[{"src":"b","dest":"c"}]}]})")
            << "err:10144:source with multiple subject transforms cannot also have a single subject filter";
        QTest::newRow("source bad transform")
            << QByteArray(R"({"name":"M","sources":[{"name":"A","subject_transforms":[{"src":"a","dest":"b.{{nope()}}"}]}]})")
            << "err:10146:source transform destination is invalid";
        QTest::newRow("source overlapping filters")
            << QByteArray(R"({"name":"M","sources":[{"name":"A","subject_transforms":[{"src":"a.>","dest":""},{"src":"a.b","dest":""}]}]})")
            << "err:10147:source filters can not overlap";
        QTest::newRow("external api overlaps $JS.API")
            << QByteArray(R"({"name":"M","mirror":{"name":"O","external":{"api":"$JS.API","deliver":""}}})")
            << "err:10021:stream external api prefix $JS.API must not overlap with $JS.API";
        QTest::newRow("external api wildcard")
            << QByteArray(R"({"name":"M","sources":[{"name":"A","external":{"api":"$JS.*.API","deliver":""}}]})")
            << R"(err:10052:stream external api prefix "$JS.*.API" must be a valid subject without wildcards)";
    }
    void mirrorsAndSources() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QCOMPARE(outcome(json), expected);
    }

    void mirrorCanNotBeUpdated() {
        StreamConfig old;
        QVERIFY(!decodeStreamConfig(R"({"name":"M","mirror":{"name":"O"}})", old));
        QVERIFY(!checkStreamConfig(old));
        StreamConfig next = old;
        next.mirror->filter_subject = "x";
        const auto e = checkStreamUpdate(old, next);
        QVERIFY(e.has_value());
        QCOMPARE(int(e->err_code), 10055);
        QCOMPARE(e->description, std::string("stream mirror configuration can not be updated"));
        next = old;
        next.max_msgs = 5;
        QVERIFY(!checkStreamUpdate(old, next));
    }

    void sourceIndexNames() {
        StreamSource s;
        s.name = "A";
        QCOMPARE(sourceIndexName(s), std::string("A > >"));
        s.filter_subject = "a.*";
        QCOMPARE(sourceIndexName(s), std::string("A a.* >"));
        s.filter_subject.clear();
        s.subject_transforms = {{"a.*", "b.$1"}, {"", ""}};
        QCOMPARE(sourceIndexName(s), std::string("A a.*\f> b.$1\f>"));
    }

    void checkAndDefaults() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QCOMPARE(outcome(json), expected);
    }

    void roundTripIsStable() {
        StreamConfig cfg;
        QVERIFY(!decodeStreamConfig(
            R"({"name":"K","subjects":["$KV.k.>"],"max_msgs_per_subject":5,"discard":"new","allow_direct":true,)"
            R"("allow_rollup_hdrs":true,"metadata":{"b":"2","a":"1"},"description":"d","first_seq":9})", cfg));
        QVERIFY(!checkStreamConfig(cfg));
        StreamConfig again;
        QVERIFY(!decodeStreamConfig(encodeStreamConfig(cfg), again));
        QVERIFY(!checkStreamConfig(again));
        QVERIFY(again == cfg);
        QVERIFY(encodeStreamConfig(cfg).ends_with(
            R"("allow_rollup_hdrs":true,"consumer_limits":{},"metadata":{"a":"1","b":"2"}})"));
        // The 2.10 fields survive a round trip.
        QVERIFY(!decodeStreamConfig(
            R"({"name":"Z","compression":"s2","consumer_limits":{"max_ack_pending":7}})", cfg));
        const std::string z = encodeStreamConfig(cfg);
        QVERIFY(z.find(R"("compression":"s2")") != std::string::npos);
        QVERIFY(z.ends_with(R"("allow_rollup_hdrs":false,"consumer_limits":{"max_ack_pending":7}})"));
        QVERIFY(!decodeStreamConfig(z, again));
        QVERIFY(again == cfg);
    }

    void updateRules_data() {
        QTest::addColumn<QByteArray>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("storage") << QByteArray(R"({"name":"S","storage":"memory"})")
            << "stream configuration update can not change storage type";
        QTest::newRow("max consumers") << QByteArray(R"({"name":"S","max_consumers":3})")
            << "stream configuration update can not change MaxConsumers";
        QTest::newRow("to workqueue") << QByteArray(R"({"name":"S","retention":"workqueue"})")
            << "stream configuration update can not change retention policy to/from workqueue";
        QTest::newRow("to interest") << QByteArray(R"({"name":"S","retention":"interest"})") << "";
        QTest::newRow("limits") << QByteArray(R"({"name":"S","max_msgs":5,"subjects":["x"]})") << "";
        QTest::newRow("republish may change (2.10)")
            << QByteArray(R"({"name":"S","republish":{"dest":"x.>"}})") << "";
    }
    void updateRules() {
        QFETCH(QByteArray, change);
        QFETCH(QString, expected);
        StreamConfig old;
        old.name = "S";
        QVERIFY(!checkStreamConfig(old));
        StreamConfig next;
        QVERIFY(!decodeStreamConfig(change.toStdString(), next));
        QVERIFY(!checkStreamConfig(next));
        auto e = checkStreamUpdate(old, next);
        QCOMPARE(e ? QString::fromStdString(e->description) : QString(), expected);
        if (e) QCOMPARE(int(e->err_code), 10052);
    }

    void sealingAndDenies() {
        StreamConfig old;
        old.name = "S";
        old.deny_delete = true;
        QVERIFY(!checkStreamConfig(old));
        StreamConfig next = old;
        next.deny_delete = false;
        QCOMPARE(checkStreamUpdate(old, next)->description,
                 std::string("stream configuration update can not cancel deny message deletes"));
        next = old;
        next.sealed = true;
        next.max_age = 0;
        next.allow_rollup_hdrs = true;
        QVERIFY(!checkStreamUpdate(old, next));
        QVERIFY(next.deny_purge && next.deny_delete && !next.allow_rollup_hdrs);
        QCOMPARE(next.discard, DiscardPolicy::New);
        StreamConfig unseal = next;
        unseal.sealed = false;
        QCOMPARE(checkStreamUpdate(next, unseal)->description,
                 std::string("stream configuration update can not unseal a sealed stream"));
    }

    void subjectsCollide_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("collide");
        QTest::newRow("equal") << "a.b" << "a.b" << true;
        QTest::newRow("star") << "a.*" << "a.b" << true;
        QTest::newRow("fwc") << "a.>" << "a.b.c" << true;
        QTest::newRow("fwc both") << ">" << "x" << true;
        QTest::newRow("length") << "a.*" << "a.b.c" << false;
        QTest::newRow("literal") << "a.b" << "a.c" << false;
        QTest::newRow("fwc needs a token") << "a.>" << "a" << false;
        QTest::newRow("stars") << "*.b" << "a.*" << true;
    }
    void subjectsCollide() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, collide);
        QCOMPARE(nwb::jetstream::subjectsCollide(a.toStdString(), b.toStdString()), collide);
        QCOMPARE(nwb::jetstream::subjectsCollide(b.toStdString(), a.toStdString()), collide);
    }
};

QTEST_APPLESS_MAIN(TstStreamConfig)
#include "tst_stream_config.moc"
