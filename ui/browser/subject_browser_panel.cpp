// The live subject browser panel: subscribe bar, subject tree, filtered message list, detail.
#include "ui/browser/subject_browser_panel.h"

#include "ui/browser/message_detail_view.h"
#include "ui/browser/message_filter_proxy.h"
#include "ui/browser/message_list_model.h"
#include "ui/browser/subject_tree_model.h"
#include "ui/client/live_subscription.h"
#include "ui/client/nats_session.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace nwb::ui {

SubjectBrowserPanel::SubjectBrowserPanel(NatsSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
    tree_model_ = new SubjectTreeModel(this);
    list_model_ = new MessageListModel(this);
    proxy_ = new MessageFilterProxy(this);
    proxy_->setSourceModel(list_model_);

    // Subscribe bar.
    subject_edit_ = new QLineEdit(QStringLiteral(">"), this);
    subject_edit_->setToolTip(tr("Subject to subscribe to; * matches one token, > the rest"));
    queue_edit_ = new QLineEdit(this);
    queue_edit_->setPlaceholderText(tr("optional"));
    queue_edit_->setToolTip(tr("Queue group: messages are shared with its other members"));
    subscribe_button_ = new QPushButton(tr("Subscribe"), this);
    pause_button_ = new QPushButton(tr("Pause"), this);
    pause_button_->setCheckable(true);
    pause_button_->setToolTip(tr("Hold new messages in the list; the subject tree keeps counting"));
    clear_button_ = new QPushButton(tr("Clear"), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Subject:"), this));
    bar->addWidget(subject_edit_, 2);
    bar->addWidget(new QLabel(tr("Queue group:"), this));
    bar->addWidget(queue_edit_, 1);
    bar->addWidget(subscribe_button_);
    bar->addWidget(pause_button_);
    bar->addWidget(clear_button_);

    // Subject tree.
    tree_view_ = new QTreeView(this);
    tree_view_->setModel(tree_model_);
    tree_view_->setUniformRowHeights(true);
    tree_view_->setAlternatingRowColors(true);
    tree_view_->header()->setStretchLastSection(true);
    tree_view_->setColumnWidth(SubjectTreeModel::TokenColumn, 180);
    tree_view_->setColumnWidth(SubjectTreeModel::MessagesColumn, 80);
    tree_view_->setColumnWidth(SubjectTreeModel::RateColumn, 70);

    // Message list with its filters.
    quick_filter_ = new QLineEdit(this);
    quick_filter_->setPlaceholderText(tr("Filter subject or payload (Ctrl+F)"));
    quick_filter_->setClearButtonEnabled(true);
    subject_filter_label_ = new QLabel(this);
    clear_filter_button_ = new QToolButton(this);
    clear_filter_button_->setText(tr("Show all subjects"));
    clear_filter_button_->setToolTip(tr("Clear the subject filter"));
    subject_filter_label_->setVisible(false);
    clear_filter_button_->setVisible(false);
    list_view_ = new QTableView(this);
    list_view_->setModel(proxy_);
    list_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_view_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_view_->setWordWrap(false);
    list_view_->verticalHeader()->setVisible(false);
    list_view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    list_view_->verticalHeader()->setDefaultSectionSize(list_view_->fontMetrics().height() + 6);
    list_view_->horizontalHeader()->setStretchLastSection(true);
    list_view_->setColumnWidth(MessageListModel::NumberColumn, 60);
    list_view_->setColumnWidth(MessageListModel::TimeColumn, 100);
    list_view_->setColumnWidth(MessageListModel::SubjectColumn, 200);
    list_view_->setColumnWidth(MessageListModel::SizeColumn, 60);
    auto* filter_row = new QHBoxLayout;
    filter_row->addWidget(quick_filter_, 1);
    filter_row->addWidget(subject_filter_label_);
    filter_row->addWidget(clear_filter_button_);
    auto* right = new QWidget(this);
    auto* right_layout = new QVBoxLayout(right);
    right_layout->setContentsMargins(0, 0, 0, 0);
    right_layout->addLayout(filter_row);
    right_layout->addWidget(list_view_, 1);

    auto* horizontal_split = new QSplitter(Qt::Horizontal, this);
    horizontal_split->addWidget(tree_view_);
    horizontal_split->addWidget(right);
    horizontal_split->setStretchFactor(0, 2);
    horizontal_split->setStretchFactor(1, 3);
    detail_ = new MessageDetailView(this);
    vertical_split_ = new QSplitter(Qt::Vertical, this);
    vertical_split_->addWidget(horizontal_split);
    vertical_split_->addWidget(detail_);
    vertical_split_->setStretchFactor(0, 3);
    vertical_split_->setStretchFactor(1, 2);

    // Status line.
    counts_label_ = new QLabel(this);
    dropped_label_ = new QLabel(this);
    notice_label_ = new QLabel(this);
    info_label_ = new QLabel(this);
    info_label_->setVisible(false);
    auto* status = new QHBoxLayout;
    status->addWidget(counts_label_);
    status->addWidget(dropped_label_);
    status->addSpacing(12);
    status->addWidget(info_label_);
    status->addSpacing(12);
    status->addWidget(notice_label_, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(vertical_split_, 1);
    layout->addLayout(status);

    tick_timer_ = new QTimer(this);
    tick_timer_->setInterval(1000);
    connect(tick_timer_, &QTimer::timeout, this, [this] {
        tree_model_->tick(QDateTime::currentMSecsSinceEpoch());
        updateStatus();
    });
    tick_timer_->start();

    connect(subscribe_button_, &QPushButton::clicked, this, [this] {
        if (isSubscribed())
            unsubscribe();
        else
            subscribeTo(subject_edit_->text().trimmed(), queue_edit_->text().trimmed());
    });
    connect(subject_edit_, &QLineEdit::returnPressed, subscribe_button_, &QPushButton::click);
    connect(pause_button_, &QPushButton::toggled, this, &SubjectBrowserPanel::setPaused);
    connect(clear_button_, &QPushButton::clicked, this, &SubjectBrowserPanel::clear);
    connect(quick_filter_, &QLineEdit::textChanged, proxy_, &MessageFilterProxy::setQuickFilter);
    connect(clear_filter_button_, &QToolButton::clicked, this, [this] {
        proxy_->setSubjectFilter({});
        tree_view_->clearSelection();
    });
    connect(proxy_, &MessageFilterProxy::filtersChanged, this, [this] {
        const QString filter = proxy_->subjectFilter();
        subject_filter_label_->setText(tr("Subject filter: %1").arg(filter));
        subject_filter_label_->setVisible(!filter.isEmpty());
        clear_filter_button_->setVisible(!filter.isEmpty());
        updateStatus();
    });
    connect(tree_view_, &QTreeView::clicked, this, &SubjectBrowserPanel::onTreeActivated);
    connect(tree_view_, &QTreeView::activated, this, &SubjectBrowserPanel::onTreeActivated);
    connect(list_view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentRowChanged(current); });
    connect(list_model_, &MessageListModel::countersChanged, this,
            &SubjectBrowserPanel::updateStatus);

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, &SubjectBrowserPanel::focusFind);

    if (session_) {
        connect(session_, &NatsSession::stateChanged, this, &SubjectBrowserPanel::onSessionState);
        connect(session_, &QObject::destroyed, this, [this] {
            session_ = nullptr;
            endSubscription(tr("The connection was removed."));
            updateControls();
        });
    }
    updateControls();
    updateStatus();
}

SubjectBrowserPanel::~SubjectBrowserPanel() = default;

bool SubjectBrowserPanel::subscribeTo(const QString& subject, const QString& queue) {
    subject_edit_->setText(subject);
    queue_edit_->setText(queue);
    if (subscription_) endSubscription({});
    if (!session_ || session_->state() != SessionState::Connected) {
        notice_label_->setText(tr("Not connected."));
        updateControls();
        return false;
    }
    if (subject.isEmpty()) {
        notice_label_->setText(tr("Enter a subject to subscribe to."));
        return false;
    }
    subscription_ = session_->subscribe(subject, queue);
    if (!subscription_) {
        notice_label_->setText(tr("Could not subscribe: %1").arg(session_->lastError()));
        updateControls();
        return false;
    }
    connect(subscription_.get(), &LiveSubscription::messagesArrived, this,
            &SubjectBrowserPanel::addBatch);
    notice_label_->setText(queue.isEmpty()
                               ? tr("Subscribed to %1").arg(subject)
                               : tr("Subscribed to %1 in queue group %2").arg(subject, queue));
    updateControls();
    emit subscriptionChanged(true);
    return true;
}

void SubjectBrowserPanel::unsubscribe() {
    if (!subscription_) return;
    endSubscription(tr("Unsubscribed."));
}

void SubjectBrowserPanel::endSubscription(const QString& why) {
    if (!subscription_) return;
    disconnect(subscription_.get(), nullptr, this, nullptr);
    subscription_.reset();
    if (!why.isEmpty()) notice_label_->setText(why);
    updateControls();
    emit subscriptionChanged(false);
}

void SubjectBrowserPanel::onSessionState(SessionState state) {
    switch (state) {
        case SessionState::Connected:
        case SessionState::Reconnecting:
            break;  // libnats keeps (and after a reconnect restores) the subscription
        case SessionState::Connecting:
        case SessionState::Disconnected:
        case SessionState::Closed:
            endSubscription(tr("The connection closed; subscribe again once connected."));
            break;
    }
    updateControls();
}

void SubjectBrowserPanel::setPaused(bool paused) {
    list_model_->setPaused(paused);
    if (pause_button_->isChecked() != paused) pause_button_->setChecked(paused);
    pause_button_->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused) list_view_->scrollToBottom();
    updateStatus();
}

bool SubjectBrowserPanel::isPaused() const { return list_model_->isPaused(); }

void SubjectBrowserPanel::clear() {
    tree_model_->clear();
    list_model_->clear();
    detail_->clearMessage();
    updateStatus();
}

void SubjectBrowserPanel::focusFind() {
    quick_filter_->setFocus(Qt::ShortcutFocusReason);
    quick_filter_->selectAll();
}

void SubjectBrowserPanel::setDetailVisible(bool visible) { detail_->setVisible(visible); }

void SubjectBrowserPanel::addBatch(const QList<ReceivedMessage>& batch, quint64 dropped_before) {
    const QScrollBar* scroll = list_view_->verticalScrollBar();
    const bool follow = scroll->value() >= scroll->maximum() - 1;
    tree_model_->addBatch(batch);
    list_model_->addBatch(batch, dropped_before);
    if (follow && !list_model_->isPaused()) list_view_->scrollToBottom();
}

void SubjectBrowserPanel::onTreeActivated(const QModelIndex& index) {
    if (!index.isValid()) return;
    const QModelIndex token = index.siblingAtColumn(SubjectTreeModel::TokenColumn);
    const QString subject = tree_model_->subjectFor(token);
    proxy_->setSubjectFilter(tree_model_->hasChildren(token) ? subject + QStringLiteral(".>")
                                                             : subject);
}

void SubjectBrowserPanel::onCurrentRowChanged(const QModelIndex& current) {
    const QModelIndex source = proxy_->mapToSource(current);
    if (!source.isValid()) return;
    const ReceivedMessage& message = list_model_->message(source.row());
    detail_->setMessage(message);
    emit messageSelected(message);
}

quint64 SubjectBrowserPanel::droppedCount() const {
    return list_model_->droppedUpstream() + list_model_->droppedWhilePaused();
}

QString SubjectBrowserPanel::statusText() const {
    return counts_label_->text() + u' ' + dropped_label_->text();
}

void SubjectBrowserPanel::updateStatus() {
    const QLocale locale;
    counts_label_->setText(
        tr("received %1 · shown %2 ·")
            .arg(locale.toString(list_model_->received()), locale.toString(proxy_->rowCount())));
    const quint64 dropped = droppedCount();
    dropped_label_->setText(tr("dropped %1").arg(locale.toString(dropped)));
    dropped_label_->setStyleSheet(dropped > 0 ? QStringLiteral("color: #d32f2f; font-weight: bold;")
                                              : QString());
    dropped_label_->setToolTip(
        tr("Lost before reaching the list: %1 because the view could not keep up, %2 while "
           "paused (the hold keeps the newest %3)")
            .arg(locale.toString(list_model_->droppedUpstream()),
                 locale.toString(list_model_->droppedWhilePaused()),
                 locale.toString(list_model_->capacity())));
    QStringList notes;
    if (list_model_->isPaused())
        notes << tr("paused, held: %1").arg(locale.toString(list_model_->heldCount()));
    if (tree_model_->overflowMessages() > 0)
        notes << tr("subject tree full (%1 subjects): %2 messages not placed in it")
                     .arg(locale.toString(tree_model_->maxNodes()),
                          locale.toString(tree_model_->overflowMessages()));
    info_label_->setText(notes.join(QStringLiteral(" · ")));
    info_label_->setVisible(!notes.isEmpty());
}

void SubjectBrowserPanel::updateControls() {
    const bool connected = session_ && session_->state() == SessionState::Connected;
    const bool subscribed = isSubscribed();
    subscribe_button_->setText(subscribed ? tr("Unsubscribe") : tr("Subscribe"));
    subscribe_button_->setEnabled(subscribed || connected);
    subscribe_button_->setToolTip(connected || subscribed ? QString()
                                                          : tr("Connect to a server first"));
    subject_edit_->setEnabled(!subscribed);
    queue_edit_->setEnabled(!subscribed);
}

}  // namespace nwb::ui
