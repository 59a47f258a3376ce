#include "ui/publish/publish_panel.h"

#include "ui/publish/headers_editor.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace nwb::ui {
namespace {

/// A NATS subject a client may publish to: non-empty tokens, no spaces, no wildcards.
bool validPublishSubject(const QString& subject) {
    if (subject.isEmpty()) return false;
    for (const QString& token : subject.split(QLatin1Char('.'))) {
        if (token.isEmpty() || token == QLatin1String("*") || token == QLatin1String(">"))
            return false;
        for (QChar c : token)
            if (c.isSpace()) return false;
    }
    return true;
}

}  // namespace

PublishPanel::PublishPanel(NatsSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
    qRegisterMetaType<SentDraft>();
    subject_ = new QLineEdit;
    subject_->setPlaceholderText(tr("e.g. orders.new"));
    reply_to_ = new QLineEdit;
    reply_to_->setPlaceholderText(tr("optional reply subject"));
    reply_to_label_ = new QLabel(tr("Reply to:"));
    headers_ = new HeadersEditor;
    headers_->setMaximumHeight(120);
    payload_ = new QPlainTextEdit;
    payload_->setPlaceholderText(tr("Payload (text or JSON)"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    payload_->setFont(mono);

    publish_mode_ = new QRadioButton(tr("Publish"));
    request_mode_ = new QRadioButton(tr("Request"));
    publish_mode_->setChecked(true);
    auto* modes = new QButtonGroup(this);
    modes->addButton(publish_mode_);
    modes->addButton(request_mode_);
    timeout_ = new QSpinBox;
    timeout_->setRange(10, 600000);
    timeout_->setValue(2000);
    timeout_->setSuffix(tr(" ms"));
    timeout_->setToolTip(tr("How long a request waits for its reply"));
    send_ = new QPushButton(tr("Send"));
    send_->setToolTip(tr("Send (Ctrl+Enter)"));
    send_->setDefault(true);
    status_ = new QLabel;
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* mode_row = new QHBoxLayout;
    mode_row->addWidget(publish_mode_);
    mode_row->addWidget(request_mode_);
    mode_row->addWidget(new QLabel(tr("Timeout:")));
    mode_row->addWidget(timeout_);
    mode_row->addStretch();
    mode_row->addWidget(send_);

    auto* form = new QFormLayout;
    form->addRow(tr("Subject:"), subject_);
    form->addRow(reply_to_label_, reply_to_);
    form->addRow(tr("Headers:"), headers_);

    auto* editor = new QWidget;
    auto* editor_layout = new QVBoxLayout(editor);
    editor_layout->setContentsMargins(0, 0, 0, 0);
    editor_layout->addLayout(form);
    editor_layout->addWidget(payload_, 1);
    editor_layout->addLayout(mode_row);
    editor_layout->addWidget(status_);

    reply_headers_ = new QTableWidget(0, 2);
    reply_headers_->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    reply_headers_->horizontalHeader()->setStretchLastSection(true);
    reply_headers_->verticalHeader()->hide();
    reply_headers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    reply_headers_->setMaximumHeight(110);
    reply_payload_ = new QPlainTextEdit;
    reply_payload_->setReadOnly(true);
    reply_payload_->setFont(mono);
    auto* reply_group = new QGroupBox(tr("Reply"));
    auto* reply_layout = new QVBoxLayout(reply_group);
    reply_layout->addWidget(reply_headers_);
    reply_layout->addWidget(reply_payload_, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(editor);
    splitter->addWidget(reply_group);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    for (auto keys : {Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter}) {
        auto* shortcut = new QShortcut(QKeySequence(keys), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &PublishPanel::send);
    }
    connect(send_, &QPushButton::clicked, this, &PublishPanel::send);
    connect(subject_, &QLineEdit::textChanged, this, &PublishPanel::updateEnabled);
    connect(request_mode_, &QRadioButton::toggled, this, &PublishPanel::updateEnabled);
    connect(session_, &NatsSession::stateChanged, this, &PublishPanel::updateEnabled);
    updateEnabled();
}

void PublishPanel::load(const SentDraft& draft) {
    subject_->setText(draft.subject);
    reply_to_->setText(draft.reply);
    headers_->setHeaders(draft.headers);
    payload_->setPlainText(QString::fromUtf8(draft.payload));
    setRequestMode(draft.request);
}

SentDraft PublishPanel::draft() const {
    SentDraft d;
    d.subject = subject_->text().trimmed();
    d.request = request_mode_->isChecked();
    d.reply = d.request ? QString() : reply_to_->text().trimmed();
    d.headers = headers_->headers();
    d.payload = payload_->toPlainText().toUtf8();
    return d;
}

void PublishPanel::setRequestMode(bool request) {
    (request ? request_mode_ : publish_mode_)->setChecked(true);
}

bool PublishPanel::requestMode() const { return request_mode_->isChecked(); }

void PublishPanel::setTimeoutMs(int timeout_ms) { timeout_->setValue(timeout_ms); }

void PublishPanel::send() {
    if (!send_->isEnabled()) return;
    const SentDraft d = draft();
    if (!d.request) {
        if (session_->publish(d.subject, d.reply, d.headers, d.payload)) {
            showStatus(tr("Published %n byte(s) to %1", nullptr, static_cast<int>(d.payload.size()))
                           .arg(d.subject),
                       false);
            Q_EMIT sent(d);
        } else {
            showStatus(tr("Not published: %1").arg(session_->lastError()), true);
        }
        return;
    }
    ++requests_in_flight_;
    showStatus(tr("Waiting for a reply on %1…").arg(d.subject), false);
    updateEnabled();
    session_->request(d.subject, d.headers, d.payload, timeout_->value(), this,
                      [this](const RequestResult& result) {
                          --requests_in_flight_;
                          showReply(result);
                          updateEnabled();
                          Q_EMIT requestFinished(result);
                      });
    Q_EMIT sent(d);
}

void PublishPanel::showReply(const RequestResult& result) {
    reply_headers_->setRowCount(0);
    if (!result.ok) {
        reply_payload_->clear();
        showStatus(tr("Request failed: %1").arg(result.error), true);
        return;
    }
    for (const auto& [key, value] : result.reply.headers) {
        const int row = reply_headers_->rowCount();
        reply_headers_->insertRow(row);
        reply_headers_->setItem(row, 0, new QTableWidgetItem(key));
        reply_headers_->setItem(row, 1, new QTableWidgetItem(value));
    }
    reply_payload_->setPlainText(QString::fromUtf8(result.reply.payload));
    showStatus(tr("Reply from %1 in %2 ms (%n byte(s))", nullptr,
                  static_cast<int>(result.reply.payload.size()))
                   .arg(result.reply.subject)
                   .arg(static_cast<double>(result.rtt_us) / 1000.0, 0, 'f', 2),
               false);
}

void PublishPanel::showStatus(const QString& text, bool error) {
    status_->setText(text);
    status_->setStyleSheet(error ? QStringLiteral("color: #d03b3b;") : QString());
}

void PublishPanel::updateEnabled() {
    const bool request = request_mode_->isChecked();
    reply_to_->setEnabled(!request);
    reply_to_label_->setEnabled(!request);
    timeout_->setEnabled(request);
    const bool connected = session_->state() == SessionState::Connected;
    const bool subject_ok = validPublishSubject(subject_->text().trimmed());
    send_->setEnabled(connected && subject_ok);
    if (!connected)
        send_->setToolTip(tr("Not connected"));
    else if (!subject_ok)
        send_->setToolTip(tr("Enter a subject without spaces or wildcards"));
    else
        send_->setToolTip(tr("Send (Ctrl+Enter)"));
}

}  // namespace nwb::ui
