#include "ui/app/main_window.h"

#include "ui/app/command_palette.h"
#include "ui/app/event_log.h"
#include "ui/app/navigator.h"
#include "ui/app/session_registry.h"
#include "ui/app/theme.h"
#include "ui/browser/message_detail_view.h"
#include "ui/browser/subject_browser_panel.h"
#include "ui/cluster/cluster_controller.h"
#include "ui/cluster/local_cluster_panel.h"
#include "ui/connections/cli_context_importer.h"
#include "ui/connections/connection_dialog.h"
#include "ui/connections/connections_manager_dialog.h"
#include "ui/jetstream/kv_panel.h"
#include "ui/jetstream/streams_panel.h"
#include "ui/monitoring/connections_table_panel.h"
#include "ui/monitoring/monitoring_panel.h"
#include "ui/monitoring/varz_poller.h"
#include "ui/publish/publish_history_panel.h"
#include "ui/publish/publish_panel.h"
#include "ui/storage/database.h"
#include "ui/storage/profile_store.h"
#include "ui/storage/publish_history.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

namespace nwb::ui {
namespace {

QString sessionStateText(SessionState state) {
    switch (state) {
        case SessionState::Disconnected: return QObject::tr("disconnected");
        case SessionState::Connecting: return QObject::tr("connecting…");
        case SessionState::Connected: return QObject::tr("connected");
        case SessionState::Reconnecting: return QObject::tr("reconnecting…");
        case SessionState::Closed: return QObject::tr("closed");
    }
    return {};
}

QString sessionStateColour(SessionState state) {
    switch (state) {
        case SessionState::Connected: return QStringLiteral("#2e9d4f");
        case SessionState::Connecting:
        case SessionState::Reconnecting: return QStringLiteral("#d98a1c");
        case SessionState::Disconnected:
        case SessionState::Closed: break;
    }
    return QStringLiteral("#d03b3b");
}

QString targetOfTab(const QString& key) {
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : key.left(slash);
}

QString humanRate(double per_second) {
    if (per_second >= 1e6) return QObject::tr("%1 M msgs/s").arg(per_second / 1e6, 0, 'f', 2);
    if (per_second >= 1e4) return QObject::tr("%1 k msgs/s").arg(per_second / 1e3, 0, 'f', 1);
    return QObject::tr("%1 msgs/s").arg(per_second, 0, 'f', 0);
}

}  // namespace

MainWindow::MainWindow(Database& database, Options options, QWidget* parent)
    : QMainWindow(parent),
      database_(database),
      profiles_(std::make_unique<ProfileStore>(database)),
      history_(std::make_unique<PublishHistory>(database)),
      options_(options),
      cluster_(new ClusterController(
          QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
              QStringLiteral("/cluster"),
          this)),
      sessions_(new SessionRegistry(this)) {
    setWindowTitle(tr("NATS Workbench"));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1280, 800);

    navigator_ = new Navigator;
    navigator_->setObjectName(QStringLiteral("Navigator"));
    tabs_ = new QTabWidget;
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    tabs_->setDocumentMode(true);
    auto* splitter = new QSplitter;
    splitter->addWidget(navigator_);
    splitter->addWidget(tabs_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 1040});
    setCentralWidget(splitter);

    createDocks();
    createStatusBar();
    createActions();

    connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(navigator_, &Navigator::openRequested, this,
            [this](const QString& target, ViewKind kind) { openView(target, kind); });
    connect(navigator_, &Navigator::newProfileRequested, this, &MainWindow::newProfile);
    connect(navigator_, &Navigator::editProfileRequested, this, &MainWindow::editProfile);
    connect(navigator_, &Navigator::removeProfileRequested, this, &MainWindow::removeProfile);
    connect(cluster_, &ClusterController::nodeChanged, this, &MainWindow::onNodeChanged);
    connect(cluster_, &ClusterController::nodeRemoved, this, &MainWindow::onNodeRemoved);
    connect(cluster_, &ClusterController::operationFinished, this,
            [this](const QString& what, bool ok) {
                event_log_->add(ok ? tr("%1: done").arg(what) : tr("%1: failed").arg(what), !ok);
            });
    connect(sessions_, &SessionRegistry::stateChanged, this, &MainWindow::onSessionState);
    connect(sessions_, &SessionRegistry::errorReported, this,
            [this](const QString& target, const QString& text) {
                event_log_->add(tr("%1: %2").arg(targetTitle(target), text), true);
            });

    reloadProfiles();
    restoreSession();
}

MainWindow::~MainWindow() {
    // Views hold sessions; close them before the sessions go.
    while (tabs_->count() > 0) {
        QWidget* w = tabs_->widget(0);
        tabs_->removeTab(0);
        delete w;
    }
}

void MainWindow::createDocks() {
    detail_ = new MessageDetailView;
    auto* detail_dock = new QDockWidget(tr("Message detail"), this);
    detail_dock->setObjectName(QStringLiteral("MessageDetailDock"));
    detail_dock->setWidget(detail_);
    addDockWidget(Qt::RightDockWidgetArea, detail_dock);

    event_log_ = new EventLog;
    auto* log_dock = new QDockWidget(tr("Event log"), this);
    log_dock->setObjectName(QStringLiteral("EventLogDock"));
    log_dock->setWidget(event_log_);
    addDockWidget(Qt::BottomDockWidgetArea, log_dock);
    resizeDocks({log_dock}, {140}, Qt::Vertical);
    resizeDocks({detail_dock}, {380}, Qt::Horizontal);
}

void MainWindow::createStatusBar() {
    state_label_ = new QLabel;
    state_label_->setObjectName(QStringLiteral("ConnectionStatus"));
    rate_label_ = new QLabel;
    rate_label_->setObjectName(QStringLiteral("RateStatus"));
    cluster_label_ = new QLabel;
    statusBar()->addWidget(state_label_);
    statusBar()->addWidget(rate_label_);
    statusBar()->addPermanentWidget(cluster_label_);
}

void MainWindow::createActions() {
    auto add = [this](QMenu* menu, const QString& text, QKeySequence keys, auto slot) {
        QAction* action = menu->addAction(text);
        if (!keys.isEmpty()) action->setShortcut(keys);
        action->setShortcutContext(Qt::ApplicationShortcut);
        connect(action, &QAction::triggered, this, slot);
        commands_.append(action);
        return action;
    };

    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&New connection…"), QKeySequence::New, &MainWindow::newProfile);
    add(file, tr("&Manage connections…"), {}, &MainWindow::manageProfiles);
    add(file, tr("&Import nats CLI contexts…"), {}, &MainWindow::importCliContexts);
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    add(view, tr("Command &palette…"), QKeySequence(Qt::CTRL | Qt::Key_K),
        &MainWindow::showCommandPalette);
    add(view, tr("&Find"), QKeySequence::Find, &MainWindow::findInCurrent);
    add(view, tr("&Refresh"), QKeySequence::Refresh, &MainWindow::refreshCurrent);
    add(view, tr("&Close tab"), QKeySequence(Qt::CTRL | Qt::Key_W),
        [this] { closeTab(tabs_->currentIndex()); });
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    theme_group_ = new QActionGroup(this);
    const QList<QPair<QString, QString>> themes = {
        {QStringLiteral("system"), tr("Follow the system")},
        {QStringLiteral("light"), tr("Light")},
        {QStringLiteral("dark"), tr("Dark")}};
    for (const auto& [key, text] : themes) {
        QAction* action = theme->addAction(text);
        action->setCheckable(true);
        action->setData(key);
        theme_group_->addAction(action);
        connect(action, &QAction::triggered, this, [this, key] { setTheme(key); });
        QAction* command = new QAction(tr("Theme: %1").arg(text), this);
        connect(command, &QAction::triggered, action, &QAction::trigger);
        commands_.append(command);
    }
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

    QMenu* cluster = menuBar()->addMenu(tr("&Cluster"));
    add(cluster, tr("Open the &local cluster panel"), {},
        [this] { openView(QString(), ViewKind::Cluster); });
    for (int n : {1, 3, 5}) {
        add(cluster, tr("Run %n local node(s)", nullptr, n), {},
            [this, n] { cluster_->resize(n); });
    }
    add(cluster, tr("&Stop all local nodes"), {}, [this] { cluster_->stopAll(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&About NATS Workbench"), {}, &MainWindow::showAbout);
}

QList<QAction*> MainWindow::commands() const {
    QList<QAction*> list = commands_;
    // Views of every server in the navigator, so "n1 streams" opens that view.
    for (const QString& target : navigator_->targets()) {
        for (ViewKind kind : kServerViewKinds) {
            QAction* action = view_commands_.value(tabKey(target, kind));
            if (action && action->isEnabled()) list.append(action);
        }
    }
    return list;
}

void MainWindow::restoreSession() {
    QSettings settings;
    const QString theme = settings.value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString();
    for (QAction* action : theme_group_->actions())
        action->setChecked(action->data().toString() == theme);

    int nodes = options_.initial_nodes;
    if (options_.restore_state) {
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
        nodes = settings.value(QStringLiteral("cluster/size"), nodes).toInt();
        tabs_to_restore_ = settings.value(QStringLiteral("window/tabs")).toStringList();
    }
    if (tabs_to_restore_.isEmpty() && nodes > 0) {
        // First launch: the cluster, then n1's subjects and publish views once n1 runs.
        tabs_to_restore_ = {QStringLiteral("cluster"), QStringLiteral("node:n1/subjects"),
                            QStringLiteral("node:n1/publish")};
    }
    // Tabs of saved connections and the cluster tab can open now; node tabs when the node runs.
    for (const QString& key : std::as_const(tabs_to_restore_)) {
        if (key == QLatin1String("cluster")) {
            openView(QString(), ViewKind::Cluster);
        } else if (key.startsWith(QLatin1String("profile:"))) {
            bool ok = false;
            const ViewKind kind = viewKindFromKey(key.mid(key.lastIndexOf('/') + 1), &ok);
            if (ok && profileFor(targetOfTab(key))) openView(targetOfTab(key), kind);
        }
    }
    if (nodes > 0) cluster_->resize(nodes);
}

void MainWindow::saveSession() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QStringList keys;
    for (int i = 0; i < tabs_->count(); ++i) keys.append(tabs_->widget(i)->property("nwbTabKey").toString());
    settings.setValue(QStringLiteral("window/tabs"), keys);
    settings.setValue(QStringLiteral("cluster/size"), static_cast<int>(cluster_->nodes().size()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSession();
    QMainWindow::closeEvent(event);
}

std::optional<ConnectionProfile> MainWindow::profileFor(const QString& target) const {
    if (target.startsWith(QLatin1String("node:"))) {
        const NodeInfo* node = cluster_->find(target.mid(5));
        if (!node || node->port <= 0) return std::nullopt;
        ConnectionProfile profile;
        profile.name = node->name;
        profile.urls = {node->clientUrl()};
        profile.monitor_url = node->monitorUrl();
        return profile;
    }
    if (target.startsWith(QLatin1String("profile:"))) {
        auto found = profiles_->find(target.mid(8).toLongLong());
        if (found) return *found;
    }
    return std::nullopt;
}

NatsSession* MainWindow::sessionFor(const QString& target) {
    if (NatsSession* existing = sessions_->find(target)) return existing;
    const std::optional<ConnectionProfile> profile = profileFor(target);
    return profile ? sessions_->session(target, *profile) : nullptr;
}

QString MainWindow::targetTitle(const QString& target) const {
    if (target.startsWith(QLatin1String("node:"))) return target.mid(5);
    const std::optional<ConnectionProfile> profile = profileFor(target);
    return profile ? profile->name : target;
}

QString MainWindow::tabTitle(const QString& target, ViewKind kind) const {
    if (kind == ViewKind::Cluster) return viewKindTitle(kind);
    return tr("%1 · %2").arg(targetTitle(target), viewKindTitle(kind));
}

QWidget* MainWindow::view(const QString& target, ViewKind kind) const {
    return views_.value(tabKey(target, kind)).data();
}

QWidget* MainWindow::openView(const QString& target, ViewKind kind) {
    const QString key = tabKey(target, kind);
    if (QWidget* existing = views_.value(key)) {
        tabs_->setCurrentWidget(existing);
        return existing;
    }
    NatsSession* session = nullptr;
    if (kind != ViewKind::Cluster) {
        session = sessionFor(target);
        if (!session) {
            event_log_->add(tr("%1 is not available").arg(targetTitle(target)), true);
            return nullptr;
        }
    }
    QWidget* widget = createView(target, kind, session);
    widget->setProperty("nwbTabKey", key);
    views_.insert(key, widget);
    const int index = tabs_->addTab(widget, tabTitle(target, kind));
    if (target.startsWith(QLatin1String("profile:"))) {
        const std::optional<ConnectionProfile> profile = profileFor(target);
        if (profile && profile->colour.isValid())
            tabs_->tabBar()->setTabTextColor(index, profile->colour);
    }
    tabs_->setCurrentIndex(index);
    return widget;
}

QWidget* MainWindow::createView(const QString& target, ViewKind kind, NatsSession* session) {
    switch (kind) {
        case ViewKind::Cluster: {
            auto* panel = new LocalClusterPanel(cluster_);
            connect(panel, &LocalClusterPanel::openNodeRequested, this, [this](const QString& name) {
                openView(nodeTargetKey(name), ViewKind::Subjects);
            });
            return panel;
        }
        case ViewKind::Subjects: {
            auto* panel = new SubjectBrowserPanel(session);
            panel->setDetailVisible(false);
            connect(panel, &SubjectBrowserPanel::messageSelected, detail_,
                    &MessageDetailView::setMessage);
            // A new view listens to everything at once, as soon as the connection is up.
            if (session->state() == SessionState::Connected) {
                panel->subscribeTo(QStringLiteral(">"));
            } else {
                auto once = std::make_shared<QMetaObject::Connection>();
                *once = connect(session, &NatsSession::stateChanged, panel,
                                [panel, once](SessionState state) {
                                    if (state != SessionState::Connected) return;
                                    QObject::disconnect(*once);
                                    if (!panel->isSubscribed()) panel->subscribeTo(QStringLiteral(">"));
                                });
            }
            return panel;
        }
        case ViewKind::Publish: {
            auto* panel = new PublishPanel(session);
            auto* history = new PublishHistoryPanel(*history_, panel);
            const qint64 profile_id =
                target.startsWith(QLatin1String("profile:")) ? target.mid(8).toLongLong() : 0;
            connect(panel, &PublishPanel::sent, history, [history, profile_id](const SentDraft& d) {
                history->record(d, profile_id);
            });
            connect(history, &PublishHistoryPanel::resendRequested, panel,
                    [panel](const SentDraft& d) {
                        panel->load(d);
                        panel->send();
                    });
            connect(history, &PublishHistoryPanel::editRequested, panel, &PublishPanel::load);
            auto* splitter = new QSplitter;
            splitter->addWidget(panel);
            splitter->addWidget(history);
            splitter->setStretchFactor(0, 3);
            splitter->setStretchFactor(1, 1);
            splitter->setProperty("nwbPublishPanel", QVariant::fromValue<QObject*>(panel));
            return splitter;
        }
        case ViewKind::Monitoring: {
            auto* panel = new MonitoringPanel(session);
            return panel;
        }
        case ViewKind::Connections: {
            auto* panel = new ConnectionsTablePanel(session);
            return panel;
        }
        case ViewKind::Streams: return new StreamsPanel(session);
        case ViewKind::KeyValue: return new KvPanel(session);
    }
    return new QWidget;
}

void MainWindow::closeTab(int index) {
    if (index < 0 || index >= tabs_->count()) return;
    QWidget* widget = tabs_->widget(index);
    views_.remove(widget->property("nwbTabKey").toString());
    tabs_->removeTab(index);
    widget->deleteLater();
}

void MainWindow::onNodeChanged(const NodeInfo& node) {
    navigator_->updateNode(node);
    updateViewCommands();
    const QString target = nodeTargetKey(node.name);
    event_log_->add(node.error.isEmpty()
                        ? tr("Node %1 is %2").arg(node.name, nodeRunStateText(node.state))
                        : tr("Node %1 is %2: %3").arg(node.name, nodeRunStateText(node.state), node.error),
                    node.state == NodeRunState::Killed || node.state == NodeRunState::Failed);
    int running = 0;
    for (const NodeInfo& n : cluster_->nodes()) running += n.state == NodeRunState::Running;
    cluster_label_->setText(tr("Local cluster: %1 of %n node(s) running", nullptr,
                               static_cast<int>(cluster_->nodes().size()))
                                .arg(running));
    if (node.state != NodeRunState::Running) return;
    // The node runs: its session (libnats reconnects by itself after a restart on the same
    // port) and any tab of it waiting to be restored.
    sessionFor(target);
    const QString prefix = target + QLatin1Char('/');
    const QStringList pending = tabs_to_restore_;
    for (const QString& key : pending) {
        if (!key.startsWith(prefix)) continue;
        bool ok = false;
        const ViewKind kind = viewKindFromKey(key.mid(prefix.size()), &ok);
        tabs_to_restore_.removeAll(key);
        if (ok) openView(target, kind);
    }
}

void MainWindow::onNodeRemoved(const QString& name) {
    const QString target = nodeTargetKey(name);
    for (int i = tabs_->count() - 1; i >= 0; --i)
        if (targetOfTab(tabs_->widget(i)->property("nwbTabKey").toString()) == target) closeTab(i);
    navigator_->removeNode(name);
    updateViewCommands();
    sessions_->remove(target);
    event_log_->add(tr("Node %1 removed").arg(name));
}

void MainWindow::onSessionState(const QString& target, SessionState state) {
    const SessionState previous = session_states_.value(target, SessionState::Disconnected);
    session_states_.insert(target, state);
    if (previous != state)
        event_log_->add(tr("Connection to %1: %2").arg(targetTitle(target), sessionStateText(state)),
                        state == SessionState::Reconnecting || state == SessionState::Closed);
    if (target == status_target_) onCurrentTabChanged();
}

void MainWindow::onCurrentTabChanged() {
    QWidget* widget = tabs_->currentWidget();
    const QString target = widget ? targetOfTab(widget->property("nwbTabKey").toString()) : QString();
    NatsSession* session = target.isEmpty() ? nullptr : sessions_->find(target);
    if (!session) {
        state_label_->setText(tr("No server selected"));
        rate_label_->clear();
        if (status_poller_) status_poller_->deleteLater();
        status_target_.clear();
        return;
    }
    const SessionState state = session->state();
    state_label_->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2 — %3")
                              .arg(sessionStateColour(state), targetTitle(target).toHtmlEscaped(),
                                   sessionStateText(state)));
    if (target == status_target_ && status_poller_) return;
    status_target_ = target;
    last_status_sample_.reset();
    rate_label_->clear();
    if (status_poller_) status_poller_->deleteLater();
    status_poller_ = new VarzPoller(session, this);
    connect(status_poller_, &VarzPoller::sampleReady, this, &MainWindow::onStatusSample);
    status_poller_->start();
}

void MainWindow::onStatusSample(const VarzSample& sample) {
    if (last_status_sample_ && sample.taken_ms > last_status_sample_->taken_ms &&
        sample.server_id == last_status_sample_->server_id) {
        const double seconds = (sample.taken_ms - last_status_sample_->taken_ms) / 1000.0;
        const double in = std::max<qint64>(0, sample.in_msgs - last_status_sample_->in_msgs) / seconds;
        const double out = std::max<qint64>(0, sample.out_msgs - last_status_sample_->out_msgs) / seconds;
        rate_label_->setText(tr("in %1 · out %2").arg(humanRate(in), humanRate(out)));
    }
    last_status_sample_ = sample;
}

void MainWindow::reloadProfiles() {
    auto list = profiles_->list();
    if (!list) {
        event_log_->add(tr("Saved connections cannot be read: %1").arg(list.error()), true);
        return;
    }
    navigator_->setProfiles(*list);
    updateViewCommands();
}

void MainWindow::updateViewCommands() {
    // Actions of servers gone are disabled, not deleted: an open palette may still hold them.
    for (QAction* action : std::as_const(view_commands_)) action->setEnabled(false);
    for (const QString& target : navigator_->targets()) {
        const QString server = targetTitle(target);
        for (ViewKind kind : kServerViewKinds) {
            QAction*& action = view_commands_[tabKey(target, kind)];
            if (!action) {
                action = new QAction(this);
                connect(action, &QAction::triggered, this,
                        [this, target, kind] { openView(target, kind); });
            }
            action->setText(tr("Open %1").arg(tr("%1 · %2").arg(server, viewKindTitle(kind))));
            action->setEnabled(true);
        }
    }
}

void MainWindow::newProfile() {
    ConnectionDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    ConnectionProfile profile = dialog.profile();
    auto saved = profiles_->save(profile);
    if (!saved) {
        QMessageBox::warning(this, tr("Connection not saved"), saved.error());
        return;
    }
    reloadProfiles();
    openView(profileTargetKey(*saved), ViewKind::Subjects);
}

void MainWindow::editProfile(qint64 id) {
    auto found = profiles_->find(id);
    if (!found) return;
    ConnectionDialog dialog(this);
    dialog.setProfile(*found);
    if (dialog.exec() != QDialog::Accepted) return;
    ConnectionProfile profile = dialog.profile();
    profile.id = id;
    auto saved = profiles_->save(profile);
    if (!saved) {
        QMessageBox::warning(this, tr("Connection not saved"), saved.error());
        return;
    }
    // Reconnect with the new settings; open views keep their session.
    if (NatsSession* session = sessions_->find(profileTargetKey(id))) session->open(profile);
    reloadProfiles();
}

void MainWindow::removeProfile(qint64 id) {
    const QString target = profileTargetKey(id);
    for (int i = tabs_->count() - 1; i >= 0; --i)
        if (targetOfTab(tabs_->widget(i)->property("nwbTabKey").toString()) == target) closeTab(i);
    sessions_->remove(target);
    if (auto removed = profiles_->remove(id); !removed)
        event_log_->add(tr("Connection not removed: %1").arg(removed.error()), true);
    reloadProfiles();
}

void MainWindow::manageProfiles() {
    auto* dialog = new ConnectionsManagerDialog(*profiles_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionsManagerDialog::connectRequested, this,
            [this](const ConnectionProfile& profile) {
                reloadProfiles();
                openView(profileTargetKey(profile.id), ViewKind::Subjects);
            });
    connect(dialog, &QDialog::finished, this, &MainWindow::reloadProfiles);
    dialog->open();
}

void MainWindow::importCliContexts() {
    const CliContextImporter::Result result = CliContextImporter::importDirectory();
    int saved = 0;
    for (ConnectionProfile profile : result.profiles) {
        if (profiles_->save(profile)) ++saved;
    }
    for (const CliContextImporter::FileError& error : result.errors)
        event_log_->add(tr("%1: %2").arg(error.file, error.reason), true);
    reloadProfiles();
    QMessageBox::information(this, tr("Import nats CLI contexts"),
                             tr("%n connection(s) imported.", nullptr, saved) +
                                 (result.errors.isEmpty()
                                      ? QString()
                                      : QStringLiteral("\n") +
                                            tr("%n file(s) could not be read; see the event log.",
                                               nullptr, static_cast<int>(result.errors.size()))));
}

void MainWindow::showCommandPalette() {
    auto* palette = new CommandPalette(commands(), this);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    const QPoint centre = mapToGlobal(rect().center());
    palette->move(centre.x() - palette->width() / 2, mapToGlobal(QPoint(0, 80)).y());
    palette->show();
    palette->input()->setFocus();
}

void MainWindow::findInCurrent() {
    if (auto* browser = qobject_cast<SubjectBrowserPanel*>(tabs_->currentWidget()))
        browser->focusFind();
}

void MainWindow::refreshCurrent() {
    QWidget* widget = tabs_->currentWidget();
    if (auto* table = qobject_cast<ConnectionsTablePanel*>(widget)) table->refresh();
    if (auto* streams = qobject_cast<StreamsPanel*>(widget)) streams->refresh();
    if (auto* kv = qobject_cast<KvPanel*>(widget)) kv->refresh();
    if (status_poller_) status_poller_->pollNow();
}

void MainWindow::setTheme(const QString& key) {
    applyTheme(themeFromKey(key));
    QSettings().setValue(QStringLiteral("ui/theme"), key);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About NATS Workbench"),
        tr("<h3>NATS Workbench %1</h3><p>A desktop home for NATS: an embedded NATS-compatible "
           "server, a subject browser, publish and request, and live monitoring of any NATS "
           "server.</p>")
            .arg(QApplication::applicationVersion()));
}

}  // namespace nwb::ui
