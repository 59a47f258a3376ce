// Shared by the workbench UI tests: a fresh settings scope and database per test, and
// screenshots of the whole window into the build tree.
#pragma once

#include "ui/storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

namespace nwb::test {

/// Settings and database of their own, so tests neither see the user's nor each other's.
struct WorkbenchSandbox {
    QTemporaryDir dir;
    ui::Database database;

    explicit WorkbenchSandbox(const QString& test_name) {
        QCoreApplication::setOrganizationName(QStringLiteral("nwb-test"));
        QCoreApplication::setApplicationName(test_name);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        QSettings().clear();
        const auto opened = database.open(dir.filePath(QStringLiteral("workbench.sqlite")));
        if (!opened) qFatal("database: %s", qPrintable(opened.error()));
    }
};

/// Saves `widget` alone as <NWB_SCREENSHOT_DIR>/<name>.png.
inline void screenshotOf(QWidget* widget, const QString& name) {
    QDir().mkpath(QStringLiteral(NWB_SCREENSHOT_DIR));
    const QString path = QStringLiteral(NWB_SCREENSHOT_DIR "/%1.png").arg(name);
    QVERIFY2(widget->grab().save(path), qPrintable(path));
}

/// Saves `widget`'s window as <NWB_SCREENSHOT_DIR>/<name>.png.
inline void screenshot(QWidget* widget, const QString& name) {
    screenshotOf(widget->window(), name);
}

}  // namespace nwb::test
