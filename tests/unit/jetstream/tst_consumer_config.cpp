// ConsumerConfig decoding, nats-server's defaults (setConsumerConfigDefaults) and checkConsumerCfg
// texts (data-driven: config JSON in, the normalized config JSON or the exact API error out).
#include "engine/jetstream/consumer_config.h"
#include "engine/jetstream/json_text.h"

#include <QtTest>

#include <string>

using namespace nwb::jetstream;

namespace {

/// "ok:<encoded config>" or "err:<err_code>:<description>", against `stream`.
QString outcome(const QByteArray& json, const StreamConfig& stream) {
    ConsumerConfig cfg;
    if (auto e = decodeConsumerConfig(json.toStdString(), cfg)) {
        return QStringLiteral("err:%1:%2")
            .arg(e->err_code)
            .arg(QString::fromStdString(e->description));
    }
    setConsumerDefaults(cfg, stream);
    if (auto e = checkConsumerConfig(cfg, stream)) {
        return QStringLiteral("err:%1:%2")
            .arg(e->err_code)
            .arg(QString::fromStdString(e->description));
    }
    const std::string encoded = encodeConsumerConfig(cfg);
    ConsumerConfig round;
    if (decodeConsumerConfig(encoded, round) || round != cfg)
        return "round trip failed: " + QString::fromStdString(encoded);
    return "ok:" + QString::fromStdString(encoded);
}

StreamConfig stream(RetentionPolicy retention = RetentionPolicy::Limits) {
    StreamConfig s;
    s.name.push_back('S');  // (assigning a literal here trips GCC 12's false -Wrestrict)
    s.subjects.emplace_back("s.>");
    s.retention = retention;
    s.num_replicas = 1;
    return s;
}

}  // namespace

class TstConsumerConfig : public QObject {
    Q_OBJECT

private slots:
    void checkAndDefaults_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("retention");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* tag, const char* json, const char* expected, int retention = 0) {
            QTest::newRow(tag) << QByteArray(json) << retention << QString::fromUtf8(expected);
        };
        row("ephemeral push keeps its inactive threshold",
            R"({"deliver_subject":"d.x","inactive_threshold":200000000,"idle_heartbeat":100000000,"flow_control":true})",
            R"(ok:{"deliver_policy":"all","ack_policy":"none","max_deliver":-1,"replay_policy":"instant","idle_heartbeat":100000000,"flow_control":true,"deliver_subject":"d.x","inactive_threshold":200000000,"num_replicas":0})");
        row("empty: ack none, no ack wait", R"({})",
            R"(ok:{"deliver_policy":"all","ack_policy":"none","max_deliver":-1,"replay_policy":"instant","max_waiting":512,"inactive_threshold":5000000000,"num_replicas":0})");
        row("explicit defaults", R"({"durable_name":"D","ack_policy":"explicit"})",
            R"(ok:{"durable_name":"D","deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"num_replicas":0})");
        row("backoff sets ack wait",
            R"({"ack_policy":"all","backoff":[1000000,2000000],"max_deliver":3})",
            R"(ok:{"deliver_policy":"all","ack_policy":"all","ack_wait":1000000,"max_deliver":3,"backoff":[1000000,2000000],"replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"inactive_threshold":5000000000,"num_replicas":0})");
        row("start time round trip",
            R"({"deliver_policy":"by_start_time","opt_start_time":"2024-01-02T03:04:05.5+01:00"})",
            R"(ok:{"deliver_policy":"by_start_time","opt_start_time":"2024-01-02T02:04:05.5Z","ack_policy":"none","max_deliver":-1,"replay_policy":"instant","max_waiting":512,"inactive_threshold":5000000000,"num_replicas":0})");
        row("every field round trips",
            R"({"durable_name":"D","description":"d","deliver_policy":"last_per_subject","ack_policy":"explicit","ack_wait":5,"max_deliver":9,"backoff":[5,6],"filter_subjects":["s.a","s.b"],"replay_policy":"original","sample_freq":"50%","max_waiting":7,"max_ack_pending":8,"headers_only":true,"max_batch":3,"max_expires":4000000,"max_bytes":100,"inactive_threshold":9,"mem_storage":true,"metadata":{"k":"v"}})",
            R"(ok:{"durable_name":"D","description":"d","deliver_policy":"last_per_subject","ack_policy":"explicit","ack_wait":5,"max_deliver":9,"backoff":[5,6],"filter_subjects":["s.a","s.b"],"replay_policy":"original","sample_freq":"50%","max_waiting":7,"max_ack_pending":8,"headers_only":true,"max_batch":3,"max_expires":4000000,"max_bytes":100,"inactive_threshold":9,"num_replicas":0,"mem_storage":true,"metadata":{"k":"v"}})");
        row("undefined deliver policy", R"({"deliver_policy":"undefined"})",
            R"(ok:{"deliver_policy":"all","ack_policy":"none","max_deliver":-1,"replay_policy":"instant","max_waiting":512,"inactive_threshold":5000000000,"num_replicas":0})");
        row("bad enum", R"({"ack_policy":"sometimes"})", "err:10025:invalid JSON");
        row("bad type", R"({"max_deliver":"3"})", "err:10025:invalid JSON");
        row("max deliver vs backoff", R"({"backoff":[1,2],"max_deliver":2})",
            "err:10116:max deliver is required to be > length of backoff values");
        row("replicas above stream", R"({"num_replicas":3})",
            "err:10126:consumer config replica count exceeds parent stream");
        row("negative replicas", R"({"num_replicas":-1})",
            "err:10133:replicas count cannot be negative");
        row("rate limit on pull", R"({"rate_limit_bps":10})",
            "err:10086:consumer in pull mode can not have rate limit set");
        row("heartbeat on pull", R"({"idle_heartbeat":1000000000})",
            "err:10088:consumer idle heartbeat requires a push based consumer");
        row("flow control on pull", R"({"flow_control":true})",
            "err:10089:consumer flow control requires a push based consumer");
        row("negative max waiting", R"({"max_waiting":-1})",
            "err:10087:consumer max waiting needs to be positive");
        row("negative max batch", R"({"max_batch":-1})",
            "err:10114:consumer max request batch needs to be > 0");
        row("tiny max expires", R"({"max_expires":10})",
            "err:10115:consumer max request expires needs to be >= 1ms");
        row("both filters", R"({"filter_subject":"s.a","filter_subjects":["s.b"]})",
            "err:10136:consumer cannot have both FilterSubject and FilterSubjects specified");
        row("empty filter", R"({"filter_subjects":["s.a",""]})",
            "err:10139:consumer filter in FilterSubjects cannot be empty");
        row("overlapping filters", R"({"filter_subjects":["s.*","s.a"]})",
            "err:10138:consumer subject filters cannot overlap");
        row("bad filter", R"({"filter_subject":"s..a"})", "err:10052:invalid subject");
        row("all with seq", R"({"opt_start_seq":4})",
            "err:10094:consumer delivery policy is deliver all, but optional start sequence is "
            "also set");
        row("new with time", R"({"deliver_policy":"new","opt_start_time":"2024-01-01T00:00:00Z"})",
            "err:10094:consumer delivery policy is deliver new, but optional start time is also "
            "set");
        row("by time without time", R"({"deliver_policy":"by_start_time"})",
            "err:10094:consumer delivery policy is deliver by start time, but optional start time "
            "is not set");
        row("by time with seq",
            R"({"deliver_policy":"by_start_time","opt_start_time":"2024-01-01T00:00:00Z","opt_start_seq":2})",
            "err:10094:consumer delivery policy is deliver by start time, but optional start start "
            "sequence is also set");
        row("durable and name differ", R"({"durable_name":"A","name":"B"})",
            "err:10132:Consumer Durable and Name have to be equal if both are provided");
        row("bad sampling", R"({"sample_freq":"abc%"})",
            "err:10095:failed to parse consumer sampling configuration: strconv.Atoi: parsing "
            "\"abc\": invalid syntax");
        row("deliver subject wildcard", R"({"deliver_subject":"d.*"})",
            "err:10079:consumer deliver subject has wildcards");
        row("deliver cycle", R"({"deliver_subject":"s.x"})",
            "err:10081:consumer deliver subject forms a cycle");
        row("push max waiting", R"({"deliver_subject":"d","max_waiting":3})",
            "err:10080:consumer in push mode can not set max waiting");
        row("direct on pull", R"({"direct":true})",
            "err:10090:consumer direct requires a push based consumer");
        row("workqueue pull needs ack", R"({})",
            "err:10084:consumer in pull mode requires ack policy", 2);
        row("interest replicas must match", R"({"num_replicas":1,"ack_policy":"explicit"})",
            R"(ok:{"deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"inactive_threshold":5000000000,"num_replicas":1})",
            1);
    }
    void checkAndDefaults() {
        QFETCH(QByteArray, json);
        QFETCH(int, retention);
        QFETCH(QString, expected);
        QCOMPARE(outcome(json, stream(static_cast<RetentionPolicy>(retention))), expected);
    }

    void streamConsumerLimits() {
        StreamConfig s = stream();
        s.consumer_limits.max_ack_pending = 10;
        QCOMPARE(outcome(R"({"ack_policy":"explicit"})", s).contains(R"("max_ack_pending":10,)"),
                 true);
        QCOMPARE(outcome(R"({"ack_policy":"explicit","max_ack_pending":11})", s),
                 QStringLiteral("err:10121:consumer max ack pending exceeds system limit of 10"));
    }

    void goDurations() {
        QCOMPARE(goDuration(0), std::string("0s"));
        QCOMPARE(goDuration(999), std::string("999ns"));
        QCOMPARE(goDuration(1'500), std::string("1.5\u00b5s"));
        QCOMPARE(goDuration(100'000'000), std::string("100ms"));
        QCOMPARE(goDuration(1'500'000'000), std::string("1.5s"));
        QCOMPARE(goDuration(90'000'000'000), std::string("1m30s"));
        QCOMPARE(goDuration(7'200'000'000'000), std::string("2h0m0s"));
        QCOMPARE(goDuration(-1'000'000'000), std::string("-1s"));
        StreamConfig s = stream();
        s.consumer_limits.inactive_threshold = 60'000'000'000;
        QCOMPARE(
            outcome(R"({"inactive_threshold":61000000000})", s),
            QStringLiteral("err:10153:consumer inactive threshold exceeds system limit of 1m0s"));
    }

    void createRequest() {
        CreateConsumerRequest r;
        QVERIFY(!decodeCreateConsumerRequest(
            R"({"stream_name":"S","config":{"name":"C"},"action":"update"})", r));
        QCOMPARE(r.stream_name, std::string("S"));
        QCOMPARE(r.config.name, std::string("C"));
        QVERIFY(r.action == ConsumerAction::Update);
        QVERIFY(!decodeCreateConsumerRequest(R"({"stream_name":"S","action":""})", r));
        QVERIFY(r.action == ConsumerAction::CreateOrUpdate);
        QVERIFY(decodeCreateConsumerRequest(R"({"action":"upsert"})", r));
        QVERIFY(decodeCreateConsumerRequest(R"({"action":1})", r));
        QVERIFY(decodeCreateConsumerRequest(R"([1])", r));
    }

    void goTimes() {
        QCOMPARE(parseGoTime("1970-01-01T00:00:01Z").value_or(-1), std::int64_t{1'000'000'000});
        QCOMPARE(parseGoTime("1970-01-01T01:00:00.000000001+01:00").value_or(-1), std::int64_t{1});
        QVERIFY(!parseGoTime("1970-01-01 00:00:01Z"));
        QVERIFY(!parseGoTime("1970-13-01T00:00:01Z"));
        QVERIFY(!parseGoTime("1970-01-01T00:00:01"));
    }

    void generatedNames() {
        const auto a = generateConsumerName();
        QCOMPARE(a.size(), std::size_t{8});
        for (char c : a) QVERIFY(std::isalnum(static_cast<unsigned char>(c)));
        QVERIFY(a != generateConsumerName());
    }
};

QTEST_APPLESS_MAIN(TstConsumerConfig)
#include "tst_consumer_config.moc"
