#include "ui/publish/publish_history_panel.h"

#include "ui/storage/publish_history.h"
#include "ui/storage/publish_history_model.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace nwb::ui {

PublishHistoryPanel::PublishHistoryPanel(PublishHistory& history, QWidget* parent)
    : QWidget(parent), history_(history), model_(new PublishHistoryModel(history, this)) {
    table_ = new QTableView;
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setColumnHidden(PublishHistoryModel::PayloadColumn, true);

    auto* resend = new QPushButton(tr("Send again"));
    auto* edit = new QPushButton(tr("Edit"));
    auto* clear = new QPushButton(tr("Clear"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(resend);
    buttons->addWidget(edit);
    buttons->addStretch();
    buttons->addWidget(clear);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>History</b>")));
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    connect(resend, &QPushButton::clicked, this, [this] {
        if (const int row = selectedRow(); row >= 0) Q_EMIT resendRequested(draftAt(row));
    });
    connect(edit, &QPushButton::clicked, this, [this] {
        if (const int row = selectedRow(); row >= 0) Q_EMIT editRequested(draftAt(row));
    });
    connect(table_, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { Q_EMIT editRequested(draftAt(index.row())); });
    connect(clear, &QPushButton::clicked, this, [this] {
        (void)history_.clear();
        model_->refresh();
    });
    model_->refresh();
}

void PublishHistoryPanel::record(const SentDraft& draft, qint64 profile_id) {
    SentMessage message;
    message.sent_ms = QDateTime::currentMSecsSinceEpoch();
    message.profile_id = profile_id;
    message.subject = draft.subject;
    message.reply = draft.reply;
    message.headers = draft.headers;
    message.payload = draft.payload;
    message.request = draft.request;
    (void)history_.add(message);
    model_->refresh();
}

SentDraft PublishHistoryPanel::draftAt(int row) const {
    const SentMessage message = model_->message(row);
    return SentDraft{message.subject, message.reply, message.headers, message.payload,
                     message.request};
}

int PublishHistoryPanel::selectedRow() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

}  // namespace nwb::ui
