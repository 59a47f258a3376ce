// The live subject browser: subscribe to a subject on a NatsSession, watch the subject tree and
// the message list fill, filter them, and inspect one message.
#pragma once

#include "ui/client/received_message.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;
class QTreeView;

namespace nwb::ui {

class LiveSubscription;
class MessageDetailView;
class MessageFilterProxy;
class MessageListModel;
class NatsSession;
class SubjectTreeModel;
enum class SessionState;

class SubjectBrowserPanel : public QWidget {
    Q_OBJECT
public:
    /// GUI thread. `session` may be null (everything disabled); it is not owned.
    explicit SubjectBrowserPanel(NatsSession* session, QWidget* parent = nullptr);
    ~SubjectBrowserPanel() override;

    /// Subscribes to `subject` (wildcards allowed) in the optional queue group, replacing any
    /// current subscription, and fills the subscribe bar with them. False, with the reason in
    /// the status line, when the session is not connected or refuses. GUI thread.
    bool subscribeTo(const QString& subject, const QString& queue = {});
    /// Ends the current subscription; the collected messages stay. GUI thread.
    void unsubscribe();
    bool isSubscribed() const { return subscription_ != nullptr; }

    /// Holds arriving messages (the tree keeps counting) until resumed. GUI thread.
    void setPaused(bool paused);
    bool isPaused() const;
    /// Empties the tree, the list and the counters. GUI thread.
    void clear();
    /// Focuses and selects the quick filter (Ctrl+F inside the panel does the same).
    void focusFind();
    /// Shows or hides the built-in detail view (hide it when the main window docks its own).
    void setDetailVisible(bool visible);

    /// Feeds one batch into the tree and the list, as the subscription does. GUI thread.
    void addBatch(const QList<nwb::ui::ReceivedMessage>& batch, quint64 dropped_before);

    /// "received N · shown M · dropped D", as the status line shows it.
    QString statusText() const;
    /// Upstream drops plus messages dropped while paused.
    quint64 droppedCount() const;

    // The parts, for tests and the main window.
    SubjectTreeModel* subjectTree() const { return tree_model_; }
    MessageListModel* messageList() const { return list_model_; }
    MessageFilterProxy* filterProxy() const { return proxy_; }
    QTreeView* treeView() const { return tree_view_; }
    QTableView* listView() const { return list_view_; }
    MessageDetailView* detailView() const { return detail_; }
    QLineEdit* quickFilterEdit() const { return quick_filter_; }
    QLabel* droppedLabel() const { return dropped_label_; }
    QPushButton* subscribeButton() const { return subscribe_button_; }

signals:
    /// The user selected a message in the list.
    void messageSelected(const nwb::ui::ReceivedMessage& message);
    /// A subscription started (true) or ended (false).
    void subscriptionChanged(bool subscribed);

private:
    void onSessionState(SessionState state);
    void onTreeActivated(const QModelIndex& index);
    void onCurrentRowChanged(const QModelIndex& current);
    void endSubscription(const QString& why);
    void updateControls();
    void updateStatus();

    QPointer<NatsSession> session_;
    std::shared_ptr<LiveSubscription> subscription_;

    SubjectTreeModel* tree_model_ = nullptr;
    MessageListModel* list_model_ = nullptr;
    MessageFilterProxy* proxy_ = nullptr;

    QLineEdit* subject_edit_ = nullptr;
    QLineEdit* queue_edit_ = nullptr;
    QPushButton* subscribe_button_ = nullptr;
    QPushButton* pause_button_ = nullptr;
    QPushButton* clear_button_ = nullptr;
    QTreeView* tree_view_ = nullptr;
    QLineEdit* quick_filter_ = nullptr;
    QLabel* subject_filter_label_ = nullptr;
    QToolButton* clear_filter_button_ = nullptr;
    QTableView* list_view_ = nullptr;
    MessageDetailView* detail_ = nullptr;
    QSplitter* vertical_split_ = nullptr;
    QLabel* counts_label_ = nullptr;
    QLabel* dropped_label_ = nullptr;
    QLabel* info_label_ = nullptr;    ///< paused and tree-overflow notes
    QLabel* notice_label_ = nullptr;  ///< the last subscribe outcome
    QTimer* tick_timer_ = nullptr;
};

}  // namespace nwb::ui
