// Edits one connection profile: name, colour, servers, authentication, TLS, monitoring URL,
// and a "Test connection" that runs in the background and reports what the server is.
#pragma once

#include "ui/client/connection_profile.h"
#include "ui/client/connection_tester.h"

#include <QColor>
#include <QDialog>
#include <QString>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QWidget;

namespace nwb::ui {

/// Child widgets carry object names for tests and style sheets: nameEdit, colourButton,
/// urlsEdit, validationLabel, authCombo, userEdit, passwordEdit, tokenEdit, nkeySeedEdit,
/// credsFileEdit, credsBrowseButton, tlsRequiredCheck, caFileEdit, certFileEdit, keyFileEdit,
/// skipVerifyCheck, monitorUrlEdit, testButton, testResultLabel, buttonBox.
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    /// An empty "New connection" form. GUI thread.
    explicit ConnectionDialog(QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    /// Loads `profile` into the form (keeps its id for profile()). GUI thread.
    void setProfile(const ConnectionProfile& profile);
    /// The edited profile: URLs split and trimmed, and only the secret of the chosen
    /// authentication kind kept. GUI thread.
    ConnectionProfile profile() const;

    /// Why OK is disabled (shown under the URLs); empty when the form can be accepted. GUI thread.
    QString validationMessage() const;
    /// The text under the "Test connection" button. GUI thread.
    QString testResultText() const;
    /// True while a connection test runs. GUI thread.
    bool testRunning() const;

    /// URLs as typed: one per line or comma-separated, trimmed, blanks dropped. Any thread.
    static QStringList splitUrls(const QString& text);
    /// Why `url` cannot be used as a server URL, or empty when it is a valid nats:// or tls://
    /// URL with a host. Any thread.
    static QString urlProblem(const QString& url);
    /// "Connected to <server_name> (nats-server <version>), RTT <x> ms, JetStream on" or the
    /// error. Any thread.
    static QString describeTestResult(const ConnectionTestResult& result);

signals:
    /// A connection test finished; its text is already shown in the dialog.
    void testFinished(const nwb::ui::ConnectionTestResult& result);

private:
    void buildUi();
    void setColour(const QColor& colour);
    void chooseColour();
    void chooseFile(QLineEdit* edit, const QString& title, const QString& filter);
    void updateAuthFields();
    void urlsChanged();
    void validate();
    void startTest();
    void showTestResult(const ConnectionTestResult& result);

    qint64 id_ = 0;
    QColor colour_;
    QString auto_monitor_url_;  ///< the monitoring URL last filled in from the servers
    bool loading_ = false;

    QFormLayout* auth_form_ = nullptr;
    QLineEdit* name_edit_ = nullptr;
    QPushButton* colour_button_ = nullptr;
    QPlainTextEdit* urls_edit_ = nullptr;
    QLabel* validation_label_ = nullptr;
    QComboBox* auth_combo_ = nullptr;
    QLineEdit* user_edit_ = nullptr;
    QLineEdit* password_edit_ = nullptr;
    QLineEdit* token_edit_ = nullptr;
    QLineEdit* nkey_seed_edit_ = nullptr;
    QLineEdit* creds_file_edit_ = nullptr;
    QWidget* creds_row_ = nullptr;
    QCheckBox* tls_required_check_ = nullptr;
    QLineEdit* ca_file_edit_ = nullptr;
    QLineEdit* cert_file_edit_ = nullptr;
    QLineEdit* key_file_edit_ = nullptr;
    QCheckBox* skip_verify_check_ = nullptr;
    QLineEdit* monitor_url_edit_ = nullptr;
    QPushButton* test_button_ = nullptr;
    QLabel* test_result_label_ = nullptr;
    QDialogButtonBox* button_box_ = nullptr;
    ConnectionTester* tester_ = nullptr;
};

}  // namespace nwb::ui
