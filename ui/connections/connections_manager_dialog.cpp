// The saved connections list and its actions; editors, confirmations and file pickers open
// window-modal (open(), never exec()), so nothing here runs a nested event loop.
#include "ui/connections/connections_manager_dialog.h"

#include "ui/connections/cli_context_importer.h"
#include "ui/connections/connection_dialog.h"
#include "ui/storage/profile_list_model.h"
#include "ui/storage/profile_store.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace nwb::ui {

ConnectionsManagerDialog::ConnectionsManagerDialog(ProfileStore& store, QWidget* parent)
    : QDialog(parent),
      store_(store),
      model_(new ProfileListModel(store, this)),
      context_directory_(CliContextImporter::defaultDirectory()) {
    setWindowTitle(tr("Connections"));
    setMinimumSize(520, 360);
    auto* main = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    list_ = new QListView(this);
    list_->setObjectName(QStringLiteral("profileList"));
    list_->setModel(model_);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    row->addWidget(list_, 1);

    auto* buttons = new QVBoxLayout;
    auto button = [&](const QString& text, const char* name) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    auto* new_button = button(tr("&New…"), "newButton");
    edit_button_ = button(tr("&Edit…"), "editButton");
    delete_button_ = button(tr("&Delete"), "deleteButton");
    buttons->addSpacing(12);
    auto* import_button = button(tr("&Import nats contexts"), "importContextsButton");
    import_button->setToolTip(tr("Adds the nats CLI's saved contexts as connections"));
    export_button_ = button(tr("E&xport…"), "exportButton");
    export_button_->setToolTip(tr("Saves connections as JSON; passwords, tokens and seeds are left out"));
    buttons->addStretch(1);
    row->addLayout(buttons);
    main->addLayout(row);

    status_label_ = new QLabel(this);
    status_label_->setObjectName(QStringLiteral("statusLabel"));
    status_label_->setWordWrap(true);
    status_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_label_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    status_label_->setMinimumHeight(status_label_->fontMetrics().lineSpacing() * 3 + 4);
    main->addWidget(status_label_);

    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect_button_ = box->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connect_button_->setObjectName(QStringLiteral("connectButton"));
    main->addWidget(box);

    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(connect_button_, &QPushButton::clicked, this, &ConnectionsManagerDialog::connectCurrent);
    connect(new_button, &QPushButton::clicked, this, [this] { openEditor(ConnectionProfile{}); });
    connect(edit_button_, &QPushButton::clicked, this, [this] { openEditor(currentProfile()); });
    connect(delete_button_, &QPushButton::clicked, this, &ConnectionsManagerDialog::confirmDelete);
    connect(import_button, &QPushButton::clicked, this, &ConnectionsManagerDialog::importContexts);
    connect(export_button_, &QPushButton::clicked, this, &ConnectionsManagerDialog::chooseExportFile);
    connect(list_, &QListView::doubleClicked, this, &ConnectionsManagerDialog::connectCurrent);
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConnectionsManagerDialog::updateButtons);
    connect(model_, &QAbstractItemModel::modelReset, this, &ConnectionsManagerDialog::updateButtons);
    reload(0);
}

ConnectionsManagerDialog::~ConnectionsManagerDialog() = default;

void ConnectionsManagerDialog::setContextDirectory(const QString& directory) {
    context_directory_ = directory;
}

ConnectionProfile ConnectionsManagerDialog::currentProfile() const {
    return model_->profile(list_->currentIndex().row());
}

void ConnectionsManagerDialog::setCurrentProfile(qint64 id) {
    const int row = model_->rowOf(id);
    if (row >= 0) list_->setCurrentIndex(model_->index(row));
}

QString ConnectionsManagerDialog::statusText() const { return status_label_->text(); }

void ConnectionsManagerDialog::setStatus(const QString& text, bool error) {
    QPalette palette = status_label_->palette();
    palette.setColor(QPalette::WindowText, error ? QColor(0xc0, 0x39, 0x2b)
                                                 : this->palette().color(QPalette::WindowText));
    status_label_->setPalette(palette);
    status_label_->setText(text);
}

void ConnectionsManagerDialog::reload(qint64 select_id) {
    if (!model_->refresh()) {
        setStatus(tr("Cannot read the saved connections: %1").arg(model_->lastError()), true);
    }
    if (select_id != 0) setCurrentProfile(select_id);
    if (!list_->currentIndex().isValid() && model_->rowCount() > 0) {
        list_->setCurrentIndex(model_->index(0));
    }
    updateButtons();
}

void ConnectionsManagerDialog::updateButtons() {
    const bool has_current = list_->currentIndex().isValid();
    edit_button_->setEnabled(has_current);
    delete_button_->setEnabled(has_current);
    connect_button_->setEnabled(has_current);
    export_button_->setEnabled(model_->rowCount() > 0);
}

void ConnectionsManagerDialog::openEditor(const ConnectionProfile& profile) {
    auto* editor = new ConnectionDialog(this);
    editor->setObjectName(QStringLiteral("connectionDialog"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setProfile(profile);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        ConnectionProfile edited = editor->profile();
        if (auto saved = store_.save(edited); !saved) {
            setStatus(tr("Cannot save “%1”: %2").arg(edited.name, saved.error()), true);
            return;
        }
        setStatus(tr("Saved “%1”.").arg(edited.name), false);
        reload(edited.id);
    });
    editor->open();
}

void ConnectionsManagerDialog::confirmDelete() {
    const ConnectionProfile p = currentProfile();
    if (p.id == 0) return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete connection"),
                                tr("Delete the connection “%1”?").arg(p.name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, p] {
        if (box->result() != QMessageBox::Yes) return;
        if (auto removed = store_.remove(p.id); !removed) {
            setStatus(tr("Cannot delete “%1”: %2").arg(p.name, removed.error()), true);
            return;
        }
        setStatus(tr("Deleted “%1”.").arg(p.name), false);
        reload(0);
    });
    box->open();
}

void ConnectionsManagerDialog::importContexts() {
    const auto result = CliContextImporter::importDirectory(context_directory_);
    int imported = 0;
    qint64 last_id = 0;
    QStringList problems;
    for (ConnectionProfile p : result.profiles) {
        if (auto saved = store_.save(p); saved) {
            ++imported;
            last_id = p.id;
        } else {
            problems << tr("%1: %2").arg(p.name, saved.error());
        }
    }
    for (const auto& e : result.errors) problems << tr("%1: %2").arg(e.file, e.reason);
    reload(last_id);
    if (imported == 0 && problems.isEmpty()) {
        setStatus(tr("No nats contexts in %1.").arg(context_directory_), false);
        return;
    }
    QString text = tr("Imported %n connection(s) from %1.", nullptr, imported).arg(context_directory_);
    if (!problems.isEmpty()) text += QLatin1Char('\n') + tr("Skipped: %1").arg(problems.join(QStringLiteral("; ")));
    setStatus(text, !problems.isEmpty());
}

void ConnectionsManagerDialog::chooseExportFile() {
    auto* picker = new QFileDialog(this, tr("Export connections"), QString(),
                                   tr("JSON files (*.json);;All files (*)"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setAcceptMode(QFileDialog::AcceptSave);
    picker->setDefaultSuffix(QStringLiteral("json"));
    picker->selectFile(QStringLiteral("nats-connections.json"));
    connect(picker, &QFileDialog::fileSelected, this, &ConnectionsManagerDialog::exportToFile);
    picker->open();
}

bool ConnectionsManagerDialog::exportToFile(const QString& path) {
    const ConnectionProfile current = currentProfile();
    QList<qint64> ids;
    if (current.id != 0) ids << current.id;
    auto json = store_.exportJson(ids);
    if (!json) {
        setStatus(tr("Cannot export: %1").arg(json.error()), true);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(*json) != json->size()) {
        setStatus(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    setStatus(tr("Exported to %1 (passwords, tokens and seeds are left out).").arg(path), false);
    return true;
}

void ConnectionsManagerDialog::connectCurrent() {
    const ConnectionProfile p = currentProfile();
    if (p.id == 0) return;
    emit connectRequested(p);
    accept();
}

}  // namespace nwb::ui
