// ConnectionsManagerDialog driven offscreen over an in-memory store: new, edit, delete, import
// of nats contexts, export without secrets, connect.
#include "ui/connections/connection_dialog.h"
#include "ui/connections/connections_manager_dialog.h"
#include "ui/storage/database.h"
#include "ui/storage/profile_list_model.h"
#include "ui/storage/profile_store.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace nwb::ui;

namespace {

ConnectionProfile profile(const QString& name, const QString& password = {}) {
    ConnectionProfile p;
    p.name = name;
    p.urls = {QStringLiteral("nats://%1:4222").arg(name.toLower())};
    if (!password.isEmpty()) {
        p.auth = AuthKind::UserPassword;
        p.user = QStringLiteral("u");
        p.password = password;
    }
    return p;
}

QPushButton* button(QWidget& w, const char* name) {
    auto* b = w.findChild<QPushButton*>(QLatin1String(name));
    if (!b) qFatal("no button %s", name);
    return b;
}

}  // namespace

class TstConnectionsManagerDialog : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsAndSelects();
    void newProfileIsSaved();
    void editRenames();
    void deleteAsksFirst();
    void importsContexts();
    void exportsWithoutSecrets();
    void connectEmitsTheProfile();

private:
    std::unique_ptr<Database> db_;
    std::unique_ptr<ProfileStore> store_;
    ConnectionProfile alpha_;
    ConnectionProfile beta_;
};

void TstConnectionsManagerDialog::init() {
    db_ = std::make_unique<Database>();
    QVERIFY(db_->open(QStringLiteral(":memory:")).has_value());
    store_ = std::make_unique<ProfileStore>(*db_);
    alpha_ = profile(QStringLiteral("Alpha"), QStringLiteral("alpha-pass-word"));
    beta_ = profile(QStringLiteral("Beta"));
    QVERIFY(store_->save(beta_).has_value());
    QVERIFY(store_->save(alpha_).has_value());
}

void TstConnectionsManagerDialog::cleanup() {
    store_.reset();
    db_.reset();
}

void TstConnectionsManagerDialog::listsAndSelects() {
    ConnectionsManagerDialog d(*store_);
    QCOMPARE(d.model()->rowCount(), 2);
    QCOMPARE(d.currentProfile().id, alpha_.id);
    d.setCurrentProfile(beta_.id);
    QCOMPARE(d.currentProfile().name, QStringLiteral("Beta"));
    QVERIFY(button(d, "editButton")->isEnabled());

    QVERIFY(store_->remove(alpha_.id).has_value());
    QVERIFY(store_->remove(beta_.id).has_value());
    ConnectionsManagerDialog empty(*store_);
    QCOMPARE(empty.currentProfile().id, 0);
    QVERIFY(!button(empty, "editButton")->isEnabled());
    QVERIFY(!button(empty, "deleteButton")->isEnabled());
    QVERIFY(!button(empty, "connectButton")->isEnabled());
    QVERIFY(!button(empty, "exportButton")->isEnabled());
}

void TstConnectionsManagerDialog::newProfileIsSaved() {
    ConnectionsManagerDialog d(*store_);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QTest::mouseClick(button(d, "newButton"), Qt::LeftButton);
    auto* editor = d.findChild<ConnectionDialog*>(QStringLiteral("connectionDialog"));
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("nameEdit")), QStringLiteral("Gamma"));
    QTest::keyClicks(editor->findChild<QPlainTextEdit*>(QStringLiteral("urlsEdit")),
                     QStringLiteral("nats://gamma:4222"));
    auto* ok = editor->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(d.model()->rowCount(), 3);
    QCOMPARE(d.currentProfile().name, QStringLiteral("Gamma"));
    QCOMPARE(d.currentProfile().urls, QStringList{"nats://gamma:4222"});
    QCOMPARE(d.statusText(), QStringLiteral("Saved “Gamma”."));
    QCOMPARE(store_->list()->size(), 3);
    QTRY_VERIFY(!d.findChild<ConnectionDialog*>(QStringLiteral("connectionDialog")));
}

void TstConnectionsManagerDialog::editRenames() {
    ConnectionsManagerDialog d(*store_);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    d.setCurrentProfile(beta_.id);
    QTest::mouseClick(button(d, "editButton"), Qt::LeftButton);
    auto* editor = d.findChild<ConnectionDialog*>(QStringLiteral("connectionDialog"));
    QVERIFY(editor);
    auto* name = editor->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    QCOMPARE(name->text(), QStringLiteral("Beta"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("Aardvark"));
    editor->accept();
    QCOMPARE(store_->find(beta_.id)->name, QStringLiteral("Aardvark"));
    QCOMPARE(d.model()->profile(0).name, QStringLiteral("Aardvark"));
    QCOMPARE(d.currentProfile().id, beta_.id);
    QCOMPARE(store_->list()->size(), 2);
}

void TstConnectionsManagerDialog::deleteAsksFirst() {
    ConnectionsManagerDialog d(*store_);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    d.setCurrentProfile(alpha_.id);
    QTest::mouseClick(button(d, "deleteButton"), Qt::LeftButton);
    auto* box = d.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"));
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Delete the connection “Alpha”?"));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QCOMPARE(store_->list()->size(), 2);
    QTRY_VERIFY(!d.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation")));

    QTest::mouseClick(button(d, "deleteButton"), Qt::LeftButton);
    box = d.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QCOMPARE(store_->list()->size(), 1);
    QCOMPARE(d.model()->rowCount(), 1);
    QCOMPARE(d.currentProfile().id, beta_.id);
    QCOMPARE(d.statusText(), QStringLiteral("Deleted “Alpha”."));
}

void TstConnectionsManagerDialog::importsContexts() {
    QTemporaryDir dir;
    QFile good(dir.filePath(QStringLiteral("demo.json")));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write(R"({"description":"demo","url":"demo.nats.io","user":"","creds":""})");
    good.close();
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{");
    bad.close();

    ConnectionsManagerDialog d(*store_);
    d.setContextDirectory(dir.path());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QTest::mouseClick(button(d, "importContextsButton"), Qt::LeftButton);
    QCOMPARE(d.model()->rowCount(), 3);
    QCOMPARE(d.currentProfile().name, QStringLiteral("demo"));
    QCOMPARE(d.currentProfile().urls, QStringList{"nats://demo.nats.io:4222"});
    const QString status = d.statusText();
    QVERIFY2(status.startsWith(QStringLiteral("Imported 1 connection(s) from %1.\nSkipped: bad.json: not valid JSON")
                                   .arg(dir.path())),
             qPrintable(status));
    QVERIFY(QDir(NWB_SCREENSHOT_DIR).exists() || QDir().mkpath(NWB_SCREENSHOT_DIR));
    QVERIFY(d.grab().save(QStringLiteral(NWB_SCREENSHOT_DIR "/connections_manager.png")));

    ConnectionsManagerDialog none(*store_);
    none.setContextDirectory(dir.filePath(QStringLiteral("missing")));
    none.importContexts();
    QCOMPARE(none.statusText(), QStringLiteral("No nats contexts in %1.").arg(dir.filePath(QStringLiteral("missing"))));
}

void TstConnectionsManagerDialog::exportsWithoutSecrets() {
    QTemporaryDir dir;
    ConnectionsManagerDialog d(*store_);
    d.setCurrentProfile(alpha_.id);
    const QString path = dir.filePath(QStringLiteral("out.json"));
    QVERIFY(d.exportToFile(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray json = f.readAll();
    QVERIFY(!json.contains("alpha-pass-word"));
    QVERIFY(!json.contains("\"password\""));
    auto parsed = ProfileStore::fromJson(json);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->size(), 1);
    QCOMPARE(parsed->first().name, QStringLiteral("Alpha"));
    QCOMPARE(parsed->first().user, QStringLiteral("u"));
    QVERIFY(d.statusText().startsWith(QStringLiteral("Exported to ")));
    QVERIFY(!d.exportToFile(dir.filePath(QStringLiteral("no/such/dir/out.json"))));
    QVERIFY(d.statusText().startsWith(QStringLiteral("Cannot write ")));
}

void TstConnectionsManagerDialog::connectEmitsTheProfile() {
    ConnectionsManagerDialog d(*store_);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    d.setCurrentProfile(beta_.id);
    QSignalSpy requested(&d, &ConnectionsManagerDialog::connectRequested);
    QTest::mouseClick(button(d, "connectButton"), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().value<ConnectionProfile>().id, beta_.id);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QVERIFY(!d.isVisible());
}

QTEST_MAIN(TstConnectionsManagerDialog)
#include "tst_connections_manager_dialog.moc"
