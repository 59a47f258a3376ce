// Config-file syntax: every file in data/valid/ parses to the tree in its .expected twin, every
// file in data/invalid/ fails with the exact message on its first line ("# error: ...").
#include <QDir>
#include <QFile>
#include <QTest>

#include "engine/config/conf_dump.h"
#include "engine/config/conf_parser.h"

using namespace nwb::config;

class TstConfParser : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void validFiles_data();
    void validFiles();
    void invalidFiles_data();
    void invalidFiles();
    void strings_data();
    void strings();
    void includeCanBeDisabled();
    void keysAndValuesCarryTheirPositions();
};

namespace {

QString readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

/// The dump, or "error: <what()>".
QString outcome(const std::function<ConfValue()>& parse) {
    try {
        return QString::fromStdString(dumpConfValue(parse()));
    } catch (const ConfigError& e) {
        return QStringLiteral("error: ") + QString::fromUtf8(e.what());
    }
}

}  // namespace

void TstConfParser::initTestCase() {
    // Paths in positions are relative to the data directory, as given to parseConfigFile.
    QVERIFY(QDir::setCurrent(QStringLiteral(NWB_CONFIG_TEST_DATA)));
    qputenv("NWB_TEST_PORT", "4444");
    qputenv("NWB_TEST_MAP", "{a: 1, b: [x]}");
    qputenv("NWB_TEST_CYCLE_A", "$NWB_TEST_CYCLE_B");
    qputenv("NWB_TEST_CYCLE_B", "$NWB_TEST_CYCLE_A");
    qputenv("NWB_TEST_BAD", "a b");
    qunsetenv("NWB_TEST_SURELY_UNDEFINED");
}

void TstConfParser::validFiles_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(QStringLiteral("valid")).entryList({"*.conf"}, QDir::Files);
    QVERIFY(files.size() >= 8);
    for (const QString& name : files) {
        QTest::newRow(qPrintable(name)) << QStringLiteral("valid/") + name;
    }
}

void TstConfParser::validFiles() {
    QFETCH(QString, file);
    QString expected_file = file;
    expected_file.replace(QStringLiteral(".conf"), QStringLiteral(".expected"));
    const QString expected = readText(expected_file);
    QVERIFY2(!expected.isEmpty(), qPrintable(expected_file));
    QCOMPARE(outcome([&] { return parseConfigFile(file.toStdString()); }), expected);
}

void TstConfParser::invalidFiles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    const QStringList files = QDir(QStringLiteral("invalid")).entryList({"*.conf"}, QDir::Files);
    QVERIFY(files.size() >= 20);
    for (const QString& name : files) {
        const QString path = QStringLiteral("invalid/") + name;
        const QString first_line = readText(path).section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(first_line.startsWith(QStringLiteral("# error: ")), qPrintable(path));
        QTest::newRow(qPrintable(name)) << path << first_line.mid(2);
    }
}

void TstConfParser::invalidFiles() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QCOMPARE(outcome([&] { return parseConfigFile(file.toStdString()); }), expected);
}

void TstConfParser::strings_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << "" << "";
    QTest::newRow("comment only") << "# nothing\n// nothing" << "";
    QTest::newRow("key without newline at end") << "a: 1" << "a integer 1 @t.conf:1:4\n";
    QTest::newRow("value after key on next line")
        << "a\n  1" << "a integer 1 @t.conf:2:3\n";
    QTest::newRow("empty value at end") << "a:" << "a string \"\" @t.conf:1:3\n";
    QTest::newRow("last duplicate wins in place")
        << "a: 1\nb: 2\na: 3" << "a integer 3 @t.conf:3:4\nb integer 2 @t.conf:2:4\n";
    QTest::newRow("bare string stops at quote") << "a: b'c'" << "error: t.conf:1:6: Expected a "
        "top-level value to end with a new line, comment or EOF, but got 'c' instead.";
    QTest::newRow("hash inside bare value") << "a: b#c" << "a string \"b#c\" @t.conf:1:4\n";
    QTest::newRow("bool is case-insensitive") << "a: TRUE" << "a bool true @t.conf:1:4\n";
    QTest::newRow("quoted bool is a string") << "a: \"true\"" << "a string \"true\" @t.conf:1:4\n";
    QTest::newRow("escaped bool is a string") << "a: tru\\x65" << "a string \"true\" @t.conf:1:4\n";
    QTest::newRow("1e5 is 1 exa then junk") << "a: 1e5" << "error: t.conf:1:6: Expected a "
        "top-level value to end with a new line, comment or EOF, but got '5' instead.";
    QTest::newRow("unknown size suffix") << "a: 1kbb" << "error: t.conf:1:4: expected integer, "
        "but got '1kbb'";
    QTest::newRow("size suffix followed by letter is a string")
        << "a: 1kx" << "a string \"1kx\" @t.conf:1:4\n";
    QTest::newRow("variable from environment")
        << "a: $NWB_TEST_PORT" << "a integer 4444 @t.conf:1:4\n";
    // nats-server lexes "1]" as a string: a number cannot touch the closing bracket.
    QTest::newRow("number touching ]")
        << "X = [1]\na: $X" << "error: t.conf:2:4: Expected an array value terminator \",\" or an "
        "array terminator \"]\", but got '$' instead.";
    // A copied value sits at the reference; what is inside it still points at its definition.
    QTest::newRow("variable array") << "X = [1, 2 ]\na: $X"
        << "X array @t.conf:1:5\nX[0] integer 1 @t.conf:1:6\nX[1] integer 2 @t.conf:1:9\n"
           "a array @t.conf:2:4\na[0] integer 1 @t.conf:1:6\na[1] integer 2 @t.conf:1:9\n";
    QTest::newRow("bad environment value") << "a: $NWB_TEST_BAD"
        << "error: t.conf:1:4: variable reference for 'NWB_TEST_BAD' could not be parsed: "
           "Expected a top-level value to end with a new line, comment or EOF, but got 'b' "
           "instead.";
    QTest::newRow("bcrypt prefix is literal")
        << "p: $2a$10$xyz" << "p string \"$2a$10$xyz\" @t.conf:1:4\n";
    QTest::newRow("array of maps without commas")
        << "a: [\n{x: 1}\n{x: 2}\n]" << "a array @t.conf:1:4\na[0] map @t.conf:2:1\n"
           "a[0].x integer 1 @t.conf:2:5\na[1] map @t.conf:3:1\na[1].x integer 2 @t.conf:3:5\n";
    QTest::newRow("map with semicolons") << "m {a=1; b=2}"
        << "m map @t.conf:1:3\nm.a integer 1 @t.conf:1:6\nm.b integer 2 @t.conf:1:11\n";
    QTest::newRow("columns count characters")
        << "\xC3\xA9t\xC3\xA9: 1" << "\xC3\xA9t\xC3\xA9 integer 1 @t.conf:1:6\n";
    QTest::newRow("too deep") << "a: " + QString(200, QLatin1Char('[')) << "error: t.conf:1:132: maps "
        "and arrays are nested more than 128 deep";
    QTest::newRow("references that double at each step")
        << "a: [1 ,1 ,1 ,1 ,1 ,1 ,1 ,1 ,1 ,1 ]\nb: [$a,$a,$a,$a,$a,$a,$a,$a,$a,$a]\n"
           "c: [$b,$b,$b,$b,$b,$b,$b,$b,$b,$b]\nd: [$c,$c,$c,$c,$c,$c,$c,$c,$c,$c]\n"
           "e: [$d,$d,$d,$d,$d,$d,$d,$d,$d,$d]\nf: [$e,$e,$e,$e,$e,$e,$e,$e,$e,$e]\n"
        << "error: t.conf:6:26: variable references copy more than 1000000 values";
    QTest::newRow("unexpected map value terminator") << "m { a: , }" << "error: t.conf:1:8: "
        "Unexpected map value terminator \",\".";
    QTest::newRow("float must start with digit") << "a: .5" << "error: t.conf:1:4: Floats must "
        "start with a digit";
    QTest::newRow("negative needs digit") << "a: -x" << "error: t.conf:1:5: Expected a digit but "
        "got 'x'.";
}

void TstConfParser::strings() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(outcome([&] { return parseConfigString(text.toStdString(), "t.conf"); }), expected);
}

void TstConfParser::includeCanBeDisabled() {
    ParseOptions options;
    options.allow_include = false;
    QCOMPARE(outcome([&] { return parseConfigString("include x.conf", "t.conf", options); }),
             QStringLiteral("error: t.conf:1:9: include is not allowed here"));
}

void TstConfParser::keysAndValuesCarryTheirPositions() {
    const ConfValue root = parseConfigString("a {\n  Port: 4222\n}\n", "k.conf");
    const ConfMapEntry* a = root.asMap().find("a");
    QVERIFY(a != nullptr);
    QCOMPARE(a->key_position, (Position{"k.conf", 1, 1}));
    const ConfMapEntry* port = a->value.asMap().find("Port");
    QVERIFY(port != nullptr);
    QVERIFY(a->value.asMap().find("port") == nullptr);  // exact lookup; options fold case
    QCOMPARE(port->key_position, (Position{"k.conf", 2, 3}));
    QCOMPARE(port->value.position(), (Position{"k.conf", 2, 9}));
    QCOMPARE(port->value.asInteger(), std::int64_t{4222});
}

QTEST_APPLESS_MAIN(TstConfParser)
#include "tst_conf_parser.moc"
