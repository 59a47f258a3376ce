// The connection profile form, built in code; the connection test runs on ConnectionTester's worker.
#include "ui/connections/connection_dialog.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace nwb::ui {

namespace {

constexpr int kMonitorPort = 8222;

QIcon swatch(const QColor& colour) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(QColor(0, 0, 0, 90));
    painter.setBrush(colour.isValid() ? QBrush(colour) : QBrush(Qt::NoBrush));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3, 3);
    if (!colour.isValid()) painter.drawLine(QPointF(3, 13), QPointF(13, 3));
    return QIcon(pixmap);
}

/// A line edit with a "Browse…" button; returns the row widget.
QWidget* fileRow(QLineEdit* edit, QToolButton* button, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

}  // namespace

ConnectionDialog::ConnectionDialog(QWidget* parent)
    : QDialog(parent), tester_(new ConnectionTester(this)) {
    setWindowTitle(tr("New connection"));
    setMinimumWidth(480);
    buildUi();
    connect(tester_, &ConnectionTester::finished, this, &ConnectionDialog::showTestResult);
    updateAuthFields();
    validate();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::buildUi() {
    auto* main = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    name_edit_ = new QLineEdit(this);
    name_edit_->setObjectName(QStringLiteral("nameEdit"));
    name_edit_->setPlaceholderText(tr("e.g. Production"));
    colour_button_ = new QPushButton(tr("Colour…"), this);
    colour_button_->setObjectName(QStringLiteral("colourButton"));
    colour_button_->setToolTip(tr("Marks this connection's tabs and status bar"));
    auto* name_row = new QHBoxLayout;
    name_row->addWidget(name_edit_, 1);
    name_row->addWidget(colour_button_);
    auto* name_label = new QLabel(tr("&Name:"), this);
    name_label->setBuddy(name_edit_);
    form->addRow(name_label, name_row);

    urls_edit_ = new QPlainTextEdit(this);
    urls_edit_->setObjectName(QStringLiteral("urlsEdit"));
    urls_edit_->setTabChangesFocus(true);
    urls_edit_->setPlaceholderText(tr("nats://localhost:4222\n(one per line or comma-separated)"));
    urls_edit_->setFixedHeight(urls_edit_->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("&Servers:"), urls_edit_);

    validation_label_ = new QLabel(this);
    validation_label_->setObjectName(QStringLiteral("validationLabel"));
    validation_label_->setWordWrap(true);
    QPalette warn = validation_label_->palette();
    warn.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    validation_label_->setPalette(warn);
    form->addRow(QString(), validation_label_);

    monitor_url_edit_ = new QLineEdit(this);
    monitor_url_edit_->setObjectName(QStringLiteral("monitorUrlEdit"));
    monitor_url_edit_->setPlaceholderText(tr("http://host:8222 (empty: use $SYS requests)"));
    form->addRow(tr("&Monitoring URL:"), monitor_url_edit_);
    main->addLayout(form);

    auto* auth_group = new QGroupBox(tr("Authentication"), this);
    auth_form_ = new QFormLayout(auth_group);
    auth_combo_ = new QComboBox(auth_group);
    auth_combo_->setObjectName(QStringLiteral("authCombo"));
    auth_combo_->addItem(tr("None"), int(AuthKind::None));
    auth_combo_->addItem(tr("User and password"), int(AuthKind::UserPassword));
    auth_combo_->addItem(tr("Token"), int(AuthKind::Token));
    auth_combo_->addItem(tr("NKey seed"), int(AuthKind::NkeySeed));
    auth_combo_->addItem(tr("Credentials file (.creds)"), int(AuthKind::CredsFile));
    auth_form_->addRow(tr("&Method:"), auth_combo_);
    user_edit_ = new QLineEdit(auth_group);
    user_edit_->setObjectName(QStringLiteral("userEdit"));
    auth_form_->addRow(tr("&User:"), user_edit_);
    password_edit_ = new QLineEdit(auth_group);
    password_edit_->setObjectName(QStringLiteral("passwordEdit"));
    password_edit_->setEchoMode(QLineEdit::Password);
    auth_form_->addRow(tr("&Password:"), password_edit_);
    token_edit_ = new QLineEdit(auth_group);
    token_edit_->setObjectName(QStringLiteral("tokenEdit"));
    token_edit_->setEchoMode(QLineEdit::Password);
    auth_form_->addRow(tr("&Token:"), token_edit_);
    nkey_seed_edit_ = new QLineEdit(auth_group);
    nkey_seed_edit_->setObjectName(QStringLiteral("nkeySeedEdit"));
    nkey_seed_edit_->setEchoMode(QLineEdit::Password);
    nkey_seed_edit_->setPlaceholderText(tr("SU…"));
    auth_form_->addRow(tr("NKey &seed:"), nkey_seed_edit_);
    creds_file_edit_ = new QLineEdit(auth_group);
    creds_file_edit_->setObjectName(QStringLiteral("credsFileEdit"));
    auto* creds_browse = new QToolButton(auth_group);
    creds_browse->setObjectName(QStringLiteral("credsBrowseButton"));
    creds_browse->setText(tr("Browse…"));
    creds_row_ = fileRow(creds_file_edit_, creds_browse, auth_group);
    auth_form_->addRow(tr("&Credentials file:"), creds_row_);
    main->addWidget(auth_group);

    auto* tls_group = new QGroupBox(tr("TLS"), this);
    tls_group->setObjectName(QStringLiteral("tlsGroup"));
    auto* tls_form = new QFormLayout(tls_group);
    tls_required_check_ = new QCheckBox(tr("Require TLS"), tls_group);
    tls_required_check_->setObjectName(QStringLiteral("tlsRequiredCheck"));
    tls_form->addRow(tls_required_check_);
    struct FileField {
        QLineEdit** edit;
        const char* name;
        QString label;
        QString title;
        QString filter;
    };
    const QString pem_filter = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    const FileField files[] = {
        {&ca_file_edit_, "caFileEdit", tr("CA &file:"), tr("CA certificates"), pem_filter},
        {&cert_file_edit_, "certFileEdit", tr("Client &certificate:"), tr("Client certificate"), pem_filter},
        {&key_file_edit_, "keyFileEdit", tr("Client &key:"), tr("Client key"), pem_filter},
    };
    for (const auto& f : files) {
        *f.edit = new QLineEdit(tls_group);
        (*f.edit)->setObjectName(QLatin1String(f.name));
        auto* browse = new QToolButton(tls_group);
        browse->setText(tr("Browse…"));
        QLineEdit* edit = *f.edit;
        connect(browse, &QToolButton::clicked, this,
                [this, edit, title = f.title, filter = f.filter] { chooseFile(edit, title, filter); });
        tls_form->addRow(f.label, fileRow(edit, browse, tls_group));
    }
    ca_file_edit_->setPlaceholderText(tr("empty: the system's roots"));
    skip_verify_check_ = new QCheckBox(tr("Skip server certificate verification (insecure)"), tls_group);
    skip_verify_check_->setObjectName(QStringLiteral("skipVerifyCheck"));
    tls_form->addRow(skip_verify_check_);
    main->addWidget(tls_group);

    test_button_ = new QPushButton(tr("&Test connection"), this);
    test_button_->setObjectName(QStringLiteral("testButton"));
    test_button_->setAutoDefault(false);
    test_result_label_ = new QLabel(this);
    test_result_label_->setObjectName(QStringLiteral("testResultLabel"));
    test_result_label_->setWordWrap(true);
    test_result_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    test_result_label_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Room for a two-line result, so the dialog does not jump when one arrives.
    test_result_label_->setMinimumHeight(test_result_label_->fontMetrics().lineSpacing() * 2 + 4);
    auto* test_row = new QHBoxLayout;
    test_row->addWidget(test_button_);
    test_row->addStretch(1);
    main->addLayout(test_row);
    main->addWidget(test_result_label_);

    button_box_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    button_box_->setObjectName(QStringLiteral("buttonBox"));
    main->addWidget(button_box_);

    setColour(QColor());
    connect(button_box_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(button_box_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(colour_button_, &QPushButton::clicked, this, &ConnectionDialog::chooseColour);
    connect(creds_browse, &QToolButton::clicked, this, [this] {
        chooseFile(creds_file_edit_, tr("Credentials file"),
                   tr("Credentials (*.creds);;All files (*)"));
    });
    connect(name_edit_, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    connect(urls_edit_, &QPlainTextEdit::textChanged, this, &ConnectionDialog::urlsChanged);
    connect(auth_combo_, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateAuthFields);
    connect(test_button_, &QPushButton::clicked, this, &ConnectionDialog::startTest);
}

void ConnectionDialog::setColour(const QColor& colour) {
    colour_ = colour;
    colour_button_->setIcon(swatch(colour));
}

void ConnectionDialog::chooseColour() {
    auto* dialog = new QColorDialog(colour_.isValid() ? colour_ : QColor(Qt::white), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QColorDialog::colorSelected, this, &ConnectionDialog::setColour);
    dialog->open();
}

void ConnectionDialog::chooseFile(QLineEdit* edit, const QString& title, const QString& filter) {
    auto* dialog = new QFileDialog(this, title, edit->text(), filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
    dialog->open();
}

void ConnectionDialog::updateAuthFields() {
    const auto kind = AuthKind(auth_combo_->currentData().toInt());
    auth_form_->setRowVisible(user_edit_, kind == AuthKind::UserPassword);
    auth_form_->setRowVisible(password_edit_, kind == AuthKind::UserPassword);
    auth_form_->setRowVisible(token_edit_, kind == AuthKind::Token);
    auth_form_->setRowVisible(nkey_seed_edit_, kind == AuthKind::NkeySeed);
    auth_form_->setRowVisible(creds_row_, kind == AuthKind::CredsFile);
}

void ConnectionDialog::urlsChanged() {
    if (!loading_) {
        // Prefill the monitoring URL from the first server's host while the user has not set one.
        QString host;
        for (const auto& url : splitUrls(urls_edit_->toPlainText())) {
            if (urlProblem(url).isEmpty()) {
                host = QUrl(url).host(QUrl::FullyEncoded);
                break;
            }
        }
        const QString current = monitor_url_edit_->text().trimmed();
        if (!host.isEmpty() && (current.isEmpty() || current == auto_monitor_url_)) {
            QUrl monitor;
            monitor.setScheme(QStringLiteral("http"));
            monitor.setHost(host);
            monitor.setPort(kMonitorPort);
            auto_monitor_url_ = monitor.toString();
            monitor_url_edit_->setText(auto_monitor_url_);
        }
    }
    validate();
}

QStringList ConnectionDialog::splitUrls(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString ConnectionDialog::urlProblem(const QString& text) {
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) return tr("“%1” is not a valid URL.").arg(text);
    const QString scheme = url.scheme().toLower();
    if (scheme != QStringLiteral("nats") && scheme != QStringLiteral("tls")) {
        return tr("“%1” must start with nats:// or tls://.").arg(text);
    }
    if (url.host().isEmpty()) return tr("“%1” has no host.").arg(text);
    if (!url.path().isEmpty() && url.path() != QStringLiteral("/")) {
        return tr("“%1” has a path; a server URL is nats://host:port.").arg(text);
    }
    if (url.hasQuery() || url.hasFragment()) {
        return tr("“%1” has a query or fragment; a server URL is nats://host:port.").arg(text);
    }
    return {};
}

QString ConnectionDialog::validationMessage() const {
    QString urls_problem;
    const QStringList urls = splitUrls(urls_edit_->toPlainText());
    if (urls.isEmpty()) urls_problem = tr("Enter at least one server URL, e.g. nats://localhost:4222.");
    for (const auto& url : urls) {
        urls_problem = urlProblem(url);
        if (!urls_problem.isEmpty()) break;
    }
    if (name_edit_->text().trimmed().isEmpty()) {
        return urls_problem.isEmpty() ? tr("Give the connection a name.")
                                      : tr("Give the connection a name. %1").arg(urls_problem);
    }
    return urls_problem;
}

void ConnectionDialog::validate() {
    const QString message = validationMessage();
    validation_label_->setText(message);
    validation_label_->setVisible(!message.isEmpty());
    button_box_->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    bool urls_ok = !splitUrls(urls_edit_->toPlainText()).isEmpty();
    for (const auto& url : splitUrls(urls_edit_->toPlainText())) urls_ok = urls_ok && urlProblem(url).isEmpty();
    test_button_->setEnabled(urls_ok && !tester_->running());
}

void ConnectionDialog::setProfile(const ConnectionProfile& profile) {
    loading_ = true;
    id_ = profile.id;
    setWindowTitle(profile.id == 0 ? tr("New connection") : tr("Edit connection – %1").arg(profile.name));
    name_edit_->setText(profile.name);
    setColour(profile.colour);
    urls_edit_->setPlainText(profile.urls.join(QLatin1Char('\n')));
    auth_combo_->setCurrentIndex(std::max(0, auth_combo_->findData(int(profile.auth))));
    user_edit_->setText(profile.user);
    password_edit_->setText(profile.password);
    token_edit_->setText(profile.token);
    nkey_seed_edit_->setText(profile.nkey_seed);
    creds_file_edit_->setText(profile.creds_file);
    tls_required_check_->setChecked(profile.tls_required);
    ca_file_edit_->setText(profile.tls_ca_file);
    cert_file_edit_->setText(profile.tls_cert_file);
    key_file_edit_->setText(profile.tls_key_file);
    skip_verify_check_->setChecked(profile.tls_skip_verify);
    monitor_url_edit_->setText(profile.monitor_url);
    auto_monitor_url_.clear();
    test_result_label_->clear();
    loading_ = false;
    updateAuthFields();
    validate();
}

ConnectionProfile ConnectionDialog::profile() const {
    ConnectionProfile p;
    p.id = id_;
    p.name = name_edit_->text().trimmed();
    p.colour = colour_;
    p.urls = splitUrls(urls_edit_->toPlainText());
    p.auth = AuthKind(auth_combo_->currentData().toInt());
    switch (p.auth) {
    case AuthKind::None: break;
    case AuthKind::UserPassword:
        p.user = user_edit_->text().trimmed();
        p.password = password_edit_->text();
        break;
    case AuthKind::Token: p.token = token_edit_->text().trimmed(); break;
    case AuthKind::NkeySeed: p.nkey_seed = nkey_seed_edit_->text().trimmed(); break;
    case AuthKind::CredsFile: p.creds_file = creds_file_edit_->text().trimmed(); break;
    }
    p.tls_required = tls_required_check_->isChecked();
    p.tls_ca_file = ca_file_edit_->text().trimmed();
    p.tls_cert_file = cert_file_edit_->text().trimmed();
    p.tls_key_file = key_file_edit_->text().trimmed();
    p.tls_skip_verify = skip_verify_check_->isChecked();
    p.monitor_url = monitor_url_edit_->text().trimmed();
    return p;
}

QString ConnectionDialog::testResultText() const { return test_result_label_->text(); }

bool ConnectionDialog::testRunning() const { return tester_->running(); }

void ConnectionDialog::startTest() {
    const ConnectionProfile p = profile();
    if (p.urls.isEmpty() || tester_->running()) return;
    test_button_->setEnabled(false);
    test_result_label_->setText(tr("Connecting to %1…").arg(p.urls.first()));
    tester_->start(p);
}

QString ConnectionDialog::describeTestResult(const ConnectionTestResult& result) {
    if (!result.ok) return tr("Failed: %1").arg(result.error);
    const QString rtt = result.rtt_us < 0 ? tr("unknown")
                                          : tr("%1 ms").arg(QLocale().toString(result.rtt_us / 1000.0, 'f', 2));
    return tr("Connected to %1 (nats-server %2), RTT %3, JetStream %4")
        .arg(result.server_name.isEmpty() ? result.server_id : result.server_name, result.version, rtt,
             result.jetstream ? tr("on") : tr("off"));
}

void ConnectionDialog::showTestResult(const ConnectionTestResult& result) {
    test_result_label_->setText(describeTestResult(result));
    validate();
    emit testFinished(result);
}

}  // namespace nwb::ui
