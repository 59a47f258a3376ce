// The saved connections: a list with New, Edit, Delete, Import nats contexts, Export and Connect.
#pragma once

#include "ui/client/connection_profile.h"

#include <QDialog>
#include <QString>

class QLabel;
class QListView;
class QPushButton;

namespace nwb::ui {

class ProfileListModel;
class ProfileStore;

/// Child widgets carry object names for tests: profileList, newButton, editButton,
/// deleteButton, importContextsButton, exportButton, connectButton, statusLabel; the open
/// ConnectionDialog is "connectionDialog" and the delete confirmation "deleteConfirmation".
class ConnectionsManagerDialog : public QDialog {
    Q_OBJECT
public:
    /// `store` must outlive the dialog. GUI thread; reads the store (blocks on disk briefly).
    explicit ConnectionsManagerDialog(ProfileStore& store, QWidget* parent = nullptr);
    ~ConnectionsManagerDialog() override;

    /// Where "Import nats contexts" reads; CliContextImporter::defaultDirectory() until set. GUI thread.
    void setContextDirectory(const QString& directory);
    ProfileListModel* model() const { return model_; }
    /// The selected profile; id 0 when none. GUI thread.
    ConnectionProfile currentProfile() const;
    /// Selects the profile with `id` (nothing when unknown). GUI thread.
    void setCurrentProfile(qint64 id);
    /// The text under the list: the outcome of the last import, export or save. GUI thread.
    QString statusText() const;

    /// Imports every context in the context directory as new profiles. GUI thread; blocks on disk.
    void importContexts();
    /// Writes the selected profile (all when none is selected) without secrets to `path`.
    /// GUI thread; blocks on disk.
    bool exportToFile(const QString& path);

signals:
    /// The user chose Connect (or double-clicked) on a profile; the dialog then accepts.
    void connectRequested(const nwb::ui::ConnectionProfile& profile);

private:
    void openEditor(const ConnectionProfile& profile);
    void confirmDelete();
    void chooseExportFile();
    void connectCurrent();
    void reload(qint64 select_id);
    void updateButtons();
    void setStatus(const QString& text, bool error);

    ProfileStore& store_;
    ProfileListModel* model_ = nullptr;
    QString context_directory_;
    QListView* list_ = nullptr;
    QPushButton* edit_button_ = nullptr;
    QPushButton* delete_button_ = nullptr;
    QPushButton* export_button_ = nullptr;
    QPushButton* connect_button_ = nullptr;
    QLabel* status_label_ = nullptr;
};

}  // namespace nwb::ui
