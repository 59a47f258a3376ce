// nats-workbench: the desktop app. Opens with one embedded node running and connected.
#include "ui/app/main_window.h"
#include "ui/app/theme.h"
#include "ui/app/translations.h"
#include "ui/client/nats_support.h"
#include "ui/storage/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("nats-workbench"));
    QApplication::setApplicationName(QStringLiteral("nats-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("NATS Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(NWB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("nats-workbench"));
    nwb::ui::installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "NATS Workbench: a desktop home for NATS, with an embedded server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption nodes_option(
        QStringLiteral("nodes"),
        QApplication::translate("main", "Start <n> embedded nodes (default: as last time, or 1)."),
        QStringLiteral("n"));
    const QCommandLineOption fresh_option(
        QStringLiteral("fresh"),
        QApplication::translate("main", "Ignore the saved window layout and tabs."));
    parser.addOption(nodes_option);
    parser.addOption(fresh_option);
    parser.process(app);

    nwb::ui::rememberSystemTheme();
    nwb::ui::applyTheme(nwb::ui::themeFromKey(
        QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString()));

    nwb::ui::Database database;
    if (auto opened = database.open(); !opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "NATS Workbench"),
                              QApplication::translate("main", "The workbench database cannot be "
                                                              "opened:\n%1")
                                  .arg(opened.error()));
        return 1;
    }

    nwb::ui::MainWindow::Options options;
    options.restore_state = !parser.isSet(fresh_option);
    if (parser.isSet(nodes_option)) {
        options.initial_nodes = qBound(0, parser.value(nodes_option).toInt(), 9);
        if (options.restore_state) QSettings().setValue(QStringLiteral("cluster/size"), options.initial_nodes);
    }
    int status = 0;
    {
        nwb::ui::MainWindow window(database, options);
        window.show();
        status = QApplication::exec();
    }
    // After every session is gone: libnats' own threads stop last.
    nwb::ui::closeNatsLibrary();
    return status;
}
