// The JetStream API error table: nats-server's codes and exact texts, placeholders, envelopes.
#include <QtTest>

#include <set>

#include "engine/jetstream/api_errors.h"
#include "engine/jetstream/json_text.h"

using namespace nwb::jetstream;

class TstApiErrors : public QObject {
    Q_OBJECT

private slots:
    void table_data() {
        QTest::addColumn<int>("errc");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("err_code");
        QTest::addColumn<QString>("description");
        auto row = [](const char* name, ApiErrc e, int code, int err, const char* text) {
            QTest::newRow(name) << int(e) << code << err << QString(text);
        };
        row("stream not found", ApiErrc::StreamNotFound, 404, 10059, "stream not found");
        row("name exists", ApiErrc::StreamNameExist, 400, 10058,
            "stream name already in use with a different configuration");
        row("overlap", ApiErrc::StreamSubjectOverlap, 400, 10065, "subjects overlap with an existing stream");
        row("not enabled for account", ApiErrc::NotEnabledForAccount, 503, 10039,
            "JetStream not enabled for account");
        row("wrong last seq", ApiErrc::StreamWrongLastSequence, 400, 10071, "wrong last sequence: {seq}");
        row("wrong last msg id", ApiErrc::StreamWrongLastMsgId, 400, 10070, "wrong last msg ID: {id}");
        row("expected stream", ApiErrc::StreamNotMatch, 400, 10060, "expected stream does not match");
        row("no message", ApiErrc::NoMessageFound, 404, 10037, "no message found");
        row("invalid config", ApiErrc::StreamInvalidConfig, 500, 10052, "{err}");
        row("invalid json", ApiErrc::InvalidJson, 400, 10025, "invalid JSON");
        row("bad request", ApiErrc::BadRequest, 400, 10003, "bad request");
        row("store failed", ApiErrc::StreamStoreFailed, 503, 10077, "{err}");
        row("sealed", ApiErrc::StreamSealed, 400, 10109, "invalid operation on sealed stream");
        row("max size", ApiErrc::StreamMessageExceedsMaximum, 400, 10054, "message size exceeds maximum allowed");
        row("mismatch", ApiErrc::StreamMismatch, 400, 10056, "stream name in subject does not match request");
        row("not empty", ApiErrc::NotEmptyRequest, 400, 10038, "expected an empty request payload");
        row("sequence", ApiErrc::SequenceNotFound, 400, 10043, "sequence {seq} not found");
        row("mirror with sources", ApiErrc::MirrorWithSources, 400, 10031,
            "stream mirrors can not also contain other sources");
        row("mirror not updatable", ApiErrc::StreamMirrorNotUpdatable, 400, 10055,
            "stream mirror configuration can not be updated");
        row("duplicate source", ApiErrc::SourceDuplicateDetected, 400, 10140,
            "duplicate source configuration detected");
        row("mirror first seq", ApiErrc::MirrorWithFirstSeq, 400, 10143,
            "stream mirrors can not have first sequence configured");
        row("external api overlap", ApiErrc::StreamExternalApiOverlap, 400, 10021,
            "stream external api prefix {prefix} must not overlap with {subject}");
        row("replicas", ApiErrc::StreamReplicasNotSupported, 500, 10074,
            "replicas > 1 not supported in non-clustered mode");
    }
    void table() {
        QFETCH(int, errc);
        QFETCH(int, code);
        QFETCH(int, err_code);
        QFETCH(QString, description);
        const auto& info = apiErrorInfo(static_cast<ApiErrc>(errc));
        QCOMPARE(info.code, code);
        QCOMPARE(int(info.err_code), err_code);
        QCOMPARE(QString::fromUtf8(info.description.data(), int(info.description.size())), description);
    }

    void everyRowIsUniqueAndSorted() {
        std::set<int> errcs;
        int previous = 0;
        for (const auto& row : apiErrorTable()) {
            QVERIFY(errcs.insert(int(row.errc)).second);
            QVERIFY(row.err_code > previous);
            previous = row.err_code;
            QCOMPARE(apiErrorInfo(row.errc).err_code, row.err_code);
        }
        QCOMPARE(errcs.size(), apiErrorTable().size());
    }

    void placeholdersAndEnvelope() {
        QCOMPARE(makeApiError(ApiErrc::StreamWrongLastSequence, "5").description,
                 std::string("wrong last sequence: 5"));
        QCOMPARE(makeApiError(ApiErrc::StreamWrongLastMsgId, "").description,
                 std::string("wrong last msg ID: "));
        QCOMPARE(makeApiError(ApiErrc::StreamInvalidConfig, "x").description, std::string("x"));
        QCOMPARE(errorResponse("io.nats.jetstream.api.v1.stream_info_response",
                               makeApiError(ApiErrc::StreamNotFound)),
                 std::string("{\"type\":\"io.nats.jetstream.api.v1.stream_info_response\",\"error\":"
                             "{\"code\":404,\"err_code\":10059,\"description\":\"stream not found\"}}"));
        QCOMPARE(apiErrorJson(makeApiError(ApiErrc::StreamReplicasNotSupported)),
                 std::string("{\"code\":500,\"err_code\":10074,\"description\":"
                             "\"replicas \\u003e 1 not supported in non-clustered mode\"}"));
    }

    void goTimes() {
        QCOMPARE(goTime(0), std::string("0001-01-01T00:00:00Z"));
        QCOMPARE(goTime(1'700'000'000'123'400'000), std::string("2023-11-14T22:13:20.1234Z"));
        QCOMPARE(goTime(1'700'000'000'000'000'000), std::string("2023-11-14T22:13:20Z"));
        QCOMPARE(base64Encode("d-m.a"), std::string("ZC1tLmE="));
        QCOMPARE(base64Encode("ab"), std::string("YWI="));
    }
};

QTEST_APPLESS_MAIN(TstApiErrors)
#include "tst_api_errors.moc"
