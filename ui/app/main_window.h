// The workbench window: navigator, tabs of views per server, message detail and event log
// docks, and a status bar with the current server's connection state and live msgs/s.
#pragma once

#include "ui/app/view_kind.h"
#include "ui/client/connection_profile.h"
#include "ui/client/nats_session.h"
#include "ui/monitoring/varz_sample.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QActionGroup;
class QLabel;
class QTabWidget;

namespace nwb::ui {

class ClusterController;
class Database;
class EventLog;
class MessageDetailView;
class Navigator;
class ProfileStore;
class PublishHistory;
class SessionRegistry;
class VarzPoller;
struct NodeInfo;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        int initial_nodes = 1;     ///< nodes started on first launch (0: none)
        bool restore_state = true; ///< read layout, tabs and cluster size from QSettings
    };

    /// `database` (opened) keeps profiles and history; it must outlive the window.
    MainWindow(Database& database, Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens (or focuses) a view of a server. GUI thread.
    QWidget* openView(const QString& target, ViewKind kind);
    /// The tab widget of a view, if open.
    QWidget* view(const QString& target, ViewKind kind) const;
    void closeTab(int index);

    ClusterController* cluster() const { return cluster_; }
    SessionRegistry* sessions() const { return sessions_; }
    Navigator* navigator() const { return navigator_; }
    QTabWidget* tabs() const { return tabs_; }
    EventLog* eventLog() const { return event_log_; }
    MessageDetailView* messageDetail() const { return detail_; }
    QLabel* connectionStatus() const { return state_label_; }
    QLabel* rateStatus() const { return rate_label_; }
    QList<QAction*> commands() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void createStatusBar();
    void restoreSession();
    void saveSession() const;

    std::optional<ConnectionProfile> profileFor(const QString& target) const;
    NatsSession* sessionFor(const QString& target);
    QWidget* createView(const QString& target, ViewKind kind, NatsSession* session);
    QString tabTitle(const QString& target, ViewKind kind) const;
    QString targetTitle(const QString& target) const;

    void onNodeChanged(const NodeInfo& node);
    void onNodeRemoved(const QString& name);
    void onSessionState(const QString& target, SessionState state);
    void onCurrentTabChanged();
    void onStatusSample(const VarzSample& sample);
    void reloadProfiles();
    void updateViewCommands();
    void newProfile();
    void editProfile(qint64 id);
    void removeProfile(qint64 id);
    void manageProfiles();
    void importCliContexts();
    void showCommandPalette();
    void findInCurrent();
    void refreshCurrent();
    void setTheme(const QString& key);
    void showAbout();

    Database& database_;
    std::unique_ptr<ProfileStore> profiles_;
    std::unique_ptr<PublishHistory> history_;
    Options options_;
    ClusterController* cluster_;
    SessionRegistry* sessions_;
    Navigator* navigator_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    EventLog* event_log_ = nullptr;
    MessageDetailView* detail_ = nullptr;
    QLabel* state_label_ = nullptr;
    QLabel* rate_label_ = nullptr;
    QLabel* cluster_label_ = nullptr;
    QPointer<VarzPoller> status_poller_;
    QString status_target_;
    std::optional<VarzSample> last_status_sample_;
    QHash<QString, QPointer<QWidget>> views_;  ///< tab key → view
    QHash<QString, SessionState> session_states_;
    QActionGroup* theme_group_ = nullptr;
    QList<QAction*> commands_;
    QHash<QString, QAction*> view_commands_;  ///< tab key → "Open <server> · <view>"
    QStringList tabs_to_restore_;
    bool first_node_seen_ = false;
};

}  // namespace nwb::ui
