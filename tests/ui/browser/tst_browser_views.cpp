// The subject browser's viewers: payload mode detection, the hex dump, the JSON tree, and the
// message detail with its `nats pub` command.
#include "ui/browser/message_detail_view.h"
#include "ui/browser/payload_text.h"
#include "ui/browser/payload_viewer.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTreeView>
#include <QtTest>

using nwb::ui::MessageDetailView;
using nwb::ui::PayloadMode;
using nwb::ui::PayloadViewer;
using nwb::ui::ReceivedMessage;

Q_DECLARE_METATYPE(nwb::ui::PayloadMode)

class TstBrowserViews : public QObject {
    Q_OBJECT
private slots:
    void detect_data();
    void detect();
    void viewerShowsDetectedMode();
    void hexDumpOf20Bytes();
    void jsonTreeKeepsOrderAndNumbers();
    void manualModeOverridesAuto();
    void previewIsOneLine();
    void natsPubCommand();
    void natsPubCommandWithReplyAndRepeatedHeaders();
    void detailShowsMessage();
};

void TstBrowserViews::detect_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<PayloadMode>("mode");
    QTest::newRow("object") << QByteArray(" {\"id\": 1, \"items\": [1, 2]}\n") << PayloadMode::Json;
    QTest::newRow("array") << QByteArray("[1, \"two\", null]") << PayloadMode::Json;
    QTest::newRow("scalar json is text") << QByteArray("42") << PayloadMode::Text;
    QTest::newRow("broken json is text") << QByteArray("{\"id\": ") << PayloadMode::Text;
    QTest::newRow("utf8 text") << QByteArray("Grüße, 世界\n\tline two") << PayloadMode::Text;
    QTest::newRow("empty") << QByteArray() << PayloadMode::Text;
    QTest::newRow("control char") << QByteArray(
                                         "abc\x01"
                                         "def")
                                  << PayloadMode::Hex;
    QTest::newRow("invalid utf8") << QByteArray("\xff\xfe\x00\x10", 4) << PayloadMode::Hex;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << PayloadMode::Hex;
}

void TstBrowserViews::detect() {
    QFETCH(QByteArray, payload);
    QFETCH(PayloadMode, mode);
    QCOMPARE(PayloadViewer::detect(payload), mode);
}

void TstBrowserViews::viewerShowsDetectedMode() {
    PayloadViewer viewer;
    viewer.setPayload("{\"a\":1}");
    QCOMPARE(viewer.detectedMode(), PayloadMode::Json);
    QCOMPARE(viewer.effectiveMode(), PayloadMode::Json);
    QVERIFY(viewer.jsonView()->isVisibleTo(&viewer));
    viewer.setPayload("[true]");
    QCOMPARE(viewer.detectedMode(), PayloadMode::Json);
    viewer.setPayload("plain words");
    QCOMPARE(viewer.detectedMode(), PayloadMode::Text);
    QCOMPARE(viewer.textView()->toPlainText(), "plain words");
    QVERIFY(viewer.textView()->isVisibleTo(&viewer));
    viewer.setPayload(QByteArray("\x00\x01\x02", 3));
    QCOMPARE(viewer.detectedMode(), PayloadMode::Hex);
    QVERIFY(viewer.hexView()->isVisibleTo(&viewer));
    QCOMPARE(viewer.hexView()->toPlainText(),
             "00000000  00 01 02                                          |...|");
}

void TstBrowserViews::hexDumpOf20Bytes() {
    const QByteArray payload(
        "Hello, NATS!\n\x00\x01\x7f\x80\xff"
        "AB",
        20);
    QCOMPARE(payload.size(), 20);
    const QString expected =
        "00000000  48 65 6c 6c 6f 2c 20 4e  41 54 53 21 0a 00 01 7f  |Hello, NATS!....|\n"
        "00000010  80 ff 41 42                                       |..AB|";
    QCOMPARE(nwb::ui::hexDump(payload), expected);
    PayloadViewer viewer;
    viewer.setPayload(payload);
    QCOMPARE(viewer.detectedMode(), PayloadMode::Hex);
    QCOMPARE(viewer.hexView()->toPlainText(), expected);
    QCOMPARE(nwb::ui::hexDump({}), "");
}

void TstBrowserViews::jsonTreeKeepsOrderAndNumbers() {
    PayloadViewer viewer;
    viewer.setPayload(R"({"z": 9007199254740993, "a": [true, null], "m": {"k": "v"}})");
    QStandardItemModel* model = viewer.jsonModel();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex root = model->index(0, 0);
    QCOMPARE(root.siblingAtColumn(2).data().toString(), "object");
    QCOMPARE(model->rowCount(root), 3);
    auto row = [&](const QModelIndex& parent, int r) {
        return QStringList{model->index(r, 0, parent).data().toString(),
                           model->index(r, 1, parent).data().toString(),
                           model->index(r, 2, parent).data().toString()};
    };
    QCOMPARE(row(root, 0), (QStringList{"z", "9007199254740993", "number"}));
    QCOMPARE(row(root, 1), (QStringList{"a", "[2]", "array"}));
    QCOMPARE(row(root, 2), (QStringList{"m", "{1}", "object"}));
    const QModelIndex array = model->index(1, 0, root);
    QCOMPARE(row(array, 0), (QStringList{"[0]", "true", "boolean"}));
    QCOMPARE(row(array, 1), (QStringList{"[1]", "null", "null"}));
    QCOMPARE(row(model->index(2, 0, root), 0), (QStringList{"k", "v", "string"}));
    QVERIFY(viewer.jsonView()->isExpanded(array));
}

void TstBrowserViews::manualModeOverridesAuto() {
    PayloadViewer viewer;
    viewer.setPayload("{\"a\":1}");
    viewer.setMode(PayloadMode::Hex);
    QCOMPARE(viewer.effectiveMode(), PayloadMode::Hex);
    QCOMPARE(viewer.detectedMode(), PayloadMode::Json);
    QCOMPARE(viewer.hexView()->toPlainText(),
             "00000000  7b 22 61 22 3a 31 7d                              |{\"a\":1}|");
    viewer.setMode(PayloadMode::Text);
    QCOMPARE(viewer.textView()->toPlainText(), "{\"a\":1}");
    viewer.setMode(PayloadMode::Auto);
    QCOMPARE(viewer.effectiveMode(), PayloadMode::Json);
}

void TstBrowserViews::previewIsOneLine() {
    QCOMPARE(nwb::ui::payloadPreview("a\r\nb\x1b", 80), QStringLiteral("a  b\u00b7"));
    QCOMPARE(nwb::ui::payloadPreview("abcdef", 3), QStringLiteral("abc\u2026"));
    QCOMPARE(nwb::ui::payloadPreview("abc", 3), "abc");
    QCOMPARE(nwb::ui::payloadPreview("äöü", 2), QStringLiteral("äö\u2026"));
}

void TstBrowserViews::natsPubCommand() {
    ReceivedMessage m;
    m.subject = "orders.new";
    m.payload = "{\"note\":\"it's here\"}";
    m.headers = {{"Trace-Id", "abc 1"}};
    QCOMPARE(MessageDetailView::natsPubCommand(m),
             R"(nats pub 'orders.new' '{"note":"it'\''s here"}' -H 'Trace-Id:abc 1')");
}

void TstBrowserViews::natsPubCommandWithReplyAndRepeatedHeaders() {
    ReceivedMessage m;
    m.subject = "svc.echo";
    m.reply = "_INBOX.x1";
    m.headers = {{"K", "1"}, {"K", "2"}};
    QCOMPARE(MessageDetailView::natsPubCommand(m),
             "nats pub 'svc.echo' '' --reply '_INBOX.x1' -H 'K:1' -H 'K:2'");
    QCOMPARE(MessageDetailView::shellQuote("''"), R"(''\'''\''')");
}

void TstBrowserViews::detailShowsMessage() {
    MessageDetailView view;
    QVERIFY(!view.hasMessage());
    ReceivedMessage m;
    m.subject = "sensors.t1";
    m.reply = "reply.here";
    m.received_ms = 1'000;
    m.headers = {{"A", "1"}, {"A", "2"}, {"B", "x"}};
    m.payload = "[1,2,3]";
    view.setMessage(m);
    QVERIFY(view.hasMessage());
    QCOMPARE(view.subjectLabel()->text(), "sensors.t1");
    QTableWidget* headers = view.headersTable();
    QCOMPARE(headers->rowCount(), 3);
    QCOMPARE(headers->item(1, 0)->text(), "A");
    QCOMPARE(headers->item(1, 1)->text(), "2");
    QCOMPARE(headers->item(2, 0)->text(), "B");
    QCOMPARE(view.payloadViewer()->detectedMode(), PayloadMode::Json);
    QCOMPARE(view.payloadViewer()->payload(), QByteArray("[1,2,3]"));
    view.clearMessage();
    QCOMPARE(headers->rowCount(), 0);
    QVERIFY(!view.hasMessage());
}

QTEST_MAIN(TstBrowserViews)
#include "tst_browser_views.moc"
