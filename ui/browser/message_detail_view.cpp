// Message detail: labels, headers table, payload viewer and copy buttons.
#include "ui/browser/message_detail_view.h"

#include "ui/browser/payload_viewer.h"

#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace nwb::ui {

MessageDetailView::MessageDetailView(QWidget* parent) : QWidget(parent) {
    auto makeLabel = [this] {
        auto* label = new QLabel(this);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
        return label;
    };
    subject_ = makeLabel();
    reply_ = makeLabel();
    time_ = makeLabel();
    size_ = makeLabel();
    auto* form = new QFormLayout;
    form->addRow(tr("Subject:"), subject_);
    form->addRow(tr("Reply:"), reply_);
    form->addRow(tr("Received:"), time_);
    form->addRow(tr("Size:"), size_);

    headers_ = new QTableWidget(0, 2, this);
    headers_->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    headers_->horizontalHeader()->setStretchLastSection(true);
    headers_->verticalHeader()->setVisible(false);
    headers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    headers_->setSelectionBehavior(QAbstractItemView::SelectRows);
    viewer_ = new PayloadViewer(this);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(headers_);
    split->addWidget(viewer_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    copy_subject_ = new QPushButton(tr("Copy subject"), this);
    copy_payload_ = new QPushButton(tr("Copy payload"), this);
    copy_command_ = new QPushButton(tr("Copy as nats pub"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(copy_subject_);
    buttons->addWidget(copy_payload_);
    buttons->addWidget(copy_command_);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(copy_subject_, &QPushButton::clicked, this,
            [this] { copyToClipboard(message_.subject); });
    connect(copy_payload_, &QPushButton::clicked, this,
            [this] { copyToClipboard(QString::fromUtf8(message_.payload)); });
    connect(copy_command_, &QPushButton::clicked, this,
            [this] { copyToClipboard(natsPubCommand(message_)); });
    clearMessage();
}

void MessageDetailView::setMessage(const ReceivedMessage& message) {
    message_ = message;
    has_message_ = true;
    subject_->setText(message.subject);
    reply_->setText(message.reply.isEmpty() ? tr("(none)") : message.reply);
    time_->setText(QDateTime::fromMSecsSinceEpoch(message.received_ms)
                       .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz")));
    size_->setText(tr("%Ln byte(s)", nullptr, int(message.payload.size())));
    headers_->setRowCount(int(message.headers.size()));
    for (int row = 0; row < int(message.headers.size()); ++row) {
        headers_->setItem(row, 0, new QTableWidgetItem(message.headers[row].first));
        headers_->setItem(row, 1, new QTableWidgetItem(message.headers[row].second));
    }
    viewer_->setPayload(message.payload);
    const bool binary = viewer_->detectedMode() == PayloadMode::Hex;
    const QString binary_note =
        tr("The payload is binary: it is copied as UTF-8 text and may not be reproduced exactly.");
    copy_payload_->setToolTip(binary ? binary_note : tr("Copy the payload as text"));
    copy_command_->setToolTip(binary ? binary_note
                                     : tr("Copy a nats CLI command that publishes this message"));
    for (QPushButton* b : {copy_subject_, copy_payload_, copy_command_}) b->setEnabled(true);
}

void MessageDetailView::clearMessage() {
    message_ = {};
    has_message_ = false;
    for (QLabel* label : {subject_, reply_, time_, size_}) label->clear();
    headers_->setRowCount(0);
    viewer_->setPayload({});
    for (QPushButton* b : {copy_subject_, copy_payload_, copy_command_}) b->setEnabled(false);
}

QString MessageDetailView::shellQuote(const QString& text) {
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString MessageDetailView::natsPubCommand(const ReceivedMessage& message) {
    QString command = QStringLiteral("nats pub ") + shellQuote(message.subject) + u' ' +
                      shellQuote(QString::fromUtf8(message.payload));
    if (!message.reply.isEmpty())
        command += QStringLiteral(" --reply ") + shellQuote(message.reply);
    for (const auto& [name, value] : message.headers)
        command += QStringLiteral(" -H ") + shellQuote(name + u':' + value);
    return command;
}

void MessageDetailView::copyToClipboard(const QString& text) {
    if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

}  // namespace nwb::ui
