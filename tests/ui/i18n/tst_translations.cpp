// The German translation is complete and keeps placeholders, mnemonics and markup; the compiled
// translations load from :/i18n and turn the real main window German, and English gets plurals.
#include "tests/ui/app/workbench_test_support.h"
#include "ui/app/main_window.h"
#include "ui/app/translations.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace nwb::ui;

namespace {

struct TsMessage {
    QString context;
    QString source;
    bool numerus = false;
    QString type;  ///< the translation's type attribute ("unfinished", ...), empty when done
    QStringList forms;
};

QList<TsMessage> readTs(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
    QList<TsMessage> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            TsMessage m{context,
                        {},
                        xml.attributes().value(QLatin1StringView("numerus")) == u"yes",
                        {},
                        {}};
            while (xml.readNextStartElement()) {
                if (xml.name() == u"source") {
                    m.source = xml.readElementText();
                } else if (xml.name() == u"translation") {
                    m.type = xml.attributes().value(QLatin1StringView("type")).toString();
                    if (m.numerus) {
                        while (xml.readNextStartElement()) m.forms << xml.readElementText();
                    } else {
                        m.forms << xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << m;
        }
    }
    if (xml.hasError()) qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return messages;
}

/// %1, %2, %n; a translation may write %L1 to format a number in the user's locale.
QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%L?(\\d+|n)"));
    QStringList found;
    for (const auto& match : re.globalMatch(text)) found << QLatin1Char('%') + match.captured(1);
    found.sort();
    return found;
}

/// The keyboard mnemonic: "&File" has one, "a && b" and "Tom & Jerry" do not.
bool hasMnemonic(const QString& text) {
    static const QRegularExpression re(QStringLiteral("(^|[^&])&[^&\\s]"));
    return re.match(text).hasMatch();
}

QStringList htmlTags(const QString& text) {
    static const QRegularExpression re(QStringLiteral("</?[a-zA-Z][a-zA-Z0-9]*>"));
    QStringList found;
    for (const auto& match : re.globalMatch(text)) found << match.captured(0);
    return found;
}

void removeTranslators() {
    for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

QStringList menuTitles(const QMainWindow& window) {
    QStringList titles;
    for (const QAction* action : window.menuBar()->actions()) titles << action->text();
    return titles;
}

/// The mnemonic letters of a menu's (or the menu bar's) entries, lower-cased, in order.
QString mnemonics(const QList<QAction*>& actions) {
    static const QRegularExpression re(QStringLiteral("(?:^|[^&])&([^&\\s])"));
    QString letters;
    for (const QAction* action : actions) {
        const auto match = re.match(action->text());
        if (match.hasMatch()) letters += match.captured(1).toLower();
    }
    return letters;
}

bool unique(const QString& letters) {
    for (qsizetype i = 0; i < letters.size(); ++i)
        if (letters.indexOf(letters[i], i + 1) >= 0) return false;
    return true;
}

QMenu* menuTitled(const QMainWindow& window, const QString& title) {
    for (QAction* action : window.menuBar()->actions())
        if (action->text() == title) return action->menu();
    return nullptr;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { removeTranslators(); }

    void germanMessageIsTranslated_data();
    void germanMessageIsTranslated();
    void germanLookups();
    void englishPlurals();
    void mainWindowInGerman();
};

void TestTranslations::germanMessageIsTranslated_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("numerus");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("forms");
    const QList<TsMessage> messages = readTs(QStringLiteral(NWB_TS_DE));
    QVERIFY2(messages.size() > 300, qPrintable(QString::number(messages.size())));
    for (const TsMessage& m : messages) {
        QString row = m.context + QLatin1Char('|') + m.source.left(60);
        row.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        QTest::newRow(qPrintable(row)) << m.source << m.numerus << m.type << m.forms;
    }
}

void TestTranslations::germanMessageIsTranslated() {
    QFETCH(QString, source);
    QFETCH(bool, numerus);
    QFETCH(QString, type);
    QFETCH(QStringList, forms);
    QCOMPARE(type, QString());
    // German has two plural forms: singular and plural.
    QCOMPARE(forms.size(), numerus ? 2 : 1);
    for (const QString& form : std::as_const(forms)) {
        QVERIFY(!form.trimmed().isEmpty());
        QCOMPARE(placeholders(form), placeholders(source));
        QCOMPARE(hasMnemonic(form), hasMnemonic(source));
        QCOMPARE(htmlTags(form), htmlTags(source));
        QCOMPARE(form.endsWith(u'…'), source.endsWith(u'…'));
    }
}

void TestTranslations::germanLookups() {
    QVERIFY(installTranslators(*qApp, QLocale(QLocale::German)));
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "&New connection…"),
             QStringLiteral("&Neue Verbindung…"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::View", "Publish"),
             QStringLiteral("Veröffentlichen"));
    // The same English word, another German one in another context.
    QCOMPARE(QCoreApplication::translate("nwb::ui::PublishHistoryModel", "Publish"),
             QStringLiteral("Veröffentlichung"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::SubjectBrowserPanel",
                                         "Subscribed to %1 in queue group %2")
                 .arg(QStringLiteral("orders.>"), QStringLiteral("workers")),
             QStringLiteral("orders.> in Queue-Gruppe workers abonniert"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::Node", "running"), QStringLiteral("läuft"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "%n connection(s) imported.",
                                         nullptr, 1),
             QStringLiteral("1 Verbindung importiert."));
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "%n connection(s) imported.",
                                         nullptr, 3),
             QStringLiteral("3 Verbindungen importiert."));
    QCOMPARE(QCoreApplication::translate("nwb::ui::PublishPanel", "Published %n byte(s) to %1",
                                         nullptr, 1)
                 .arg(QStringLiteral("orders.new")),
             QStringLiteral("1 Byte an orders.new veröffentlicht"));
    // %L1: the rate is written the German way.
    const auto restore_locale = qScopeGuard([saved = QLocale()] { QLocale::setDefault(saved); });
    QLocale::setDefault(QLocale(QLocale::German));
    QCOMPARE(QCoreApplication::translate("QObject", "%1 M msgs/s").arg(1.5, 0, 'f', 2),
             QStringLiteral("1,50 Mio. Nachr./s"));
}

void TestTranslations::englishPlurals() {
    QVERIFY(installTranslators(*qApp, QLocale(QLocale::English)));
    QCOMPARE(QCoreApplication::translate("nwb::ui::LocalClusterPanel", "%n node(s)", nullptr, 1),
             QStringLiteral("1 node"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::LocalClusterPanel", "%n node(s)", nullptr, 3),
             QStringLiteral("3 nodes"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "Run %n local node(s)", nullptr, 1),
             QStringLiteral("Run 1 local node"));
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "Run %n local node(s)", nullptr, 5),
             QStringLiteral("Run 5 local nodes"));
    // English holds plurals only: everything else shows its source text.
    QCOMPARE(QCoreApplication::translate("nwb::ui::MainWindow", "&File"), QStringLiteral("&File"));
}

void TestTranslations::mainWindowInGerman() {
    QVERIFY(installTranslators(*qApp, QLocale(QLocale::German)));
    nwb::test::WorkbenchSandbox sandbox(QStringLiteral("i18n-de"));
    MainWindow window(sandbox.database, {.initial_nodes = 0, .restore_state = false});
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(menuTitles(window),
             (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Ansicht"),
                          QStringLiteral("&Cluster"), QStringLiteral("&Hilfe")}));
    // Alt+letter reaches every menu and every entry of a menu: no letter twice.
    QVERIFY2(unique(mnemonics(window.menuBar()->actions())),
             qPrintable(mnemonics(window.menuBar()->actions())));
    const QList<QMenu*> menus = window.menuBar()->findChildren<QMenu*>();
    QVERIFY(menus.size() >= 5);  // Datei, Ansicht, Farbschema, Cluster, Hilfe
    for (const QMenu* menu : menus)
        QVERIFY2(unique(mnemonics(menu->actions())),
                 qPrintable(menu->title() + QStringLiteral(": ") + mnemonics(menu->actions())));
    QMenu* cluster = menuTitled(window, QStringLiteral("&Cluster"));
    QVERIFY(cluster);
    QStringList cluster_items;
    for (const QAction* action : cluster->actions())
        if (!action->isSeparator()) cluster_items << action->text();
    QCOMPARE(cluster_items, (QStringList{QStringLiteral("Bereich „&Lokaler Cluster“ öffnen"),
                                         QStringLiteral("1 lokalen Knoten ausführen"),
                                         QStringLiteral("3 lokale Knoten ausführen"),
                                         QStringLiteral("5 lokale Knoten ausführen"),
                                         QStringLiteral("&Alle lokalen Knoten stoppen")}));

    QVERIFY(window.openView(QString(), ViewKind::Cluster));
    QCOMPARE(window.tabs()->count(), 1);
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Lokaler Cluster"));
    QLabel* status = window.connectionStatus();
    QCOMPARE(status->text(), QStringLiteral("Kein Server ausgewählt"));
    // The status bar lays the longer German text out on its next pass; the screenshot waits for it.
    QTRY_VERIFY(status->width() >= status->sizeHint().width());
    nwb::test::screenshot(&window, QStringLiteral("workbench_de"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
