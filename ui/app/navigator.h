// The navigator tree: Local cluster → nodes, Connections → saved servers, and under each
// server its views (Subjects, Publish, Monitoring, Connections, Streams, Key-Value).
#pragma once

#include "ui/app/view_kind.h"
#include "ui/client/connection_profile.h"
#include "ui/cluster/node_info.h"

#include <QTreeWidget>

namespace nwb::ui {

class Navigator : public QTreeWidget {
    Q_OBJECT
public:
    static constexpr int kTargetRole = Qt::UserRole + 1;  ///< QString: "node:n1", "profile:3"
    static constexpr int kViewRole = Qt::UserRole + 2;    ///< int: ViewKind
    static constexpr int kProfileIdRole = Qt::UserRole + 3;

    explicit Navigator(QWidget* parent = nullptr);

    void updateNode(const NodeInfo& node);
    void removeNode(const QString& name);
    void setProfiles(const QList<ConnectionProfile>& profiles);
    /// The item of a server ("node:n1") or of one of its views; null if none.
    QTreeWidgetItem* itemFor(const QString& target, ViewKind kind) const;
    /// Every server ("node:n1", "profile:3"), in the tree's order.
    QStringList targets() const;
    /// The server item under the cursor's selection, or empty.
    QString currentTarget() const;

signals:
    void openRequested(const QString& target, nwb::ui::ViewKind kind);
    void editProfileRequested(qint64 id);
    void removeProfileRequested(qint64 id);
    void newProfileRequested();

private:
    QTreeWidgetItem* addServer(QTreeWidgetItem* parent, const QString& target,
                               const QString& title);
    void showContextMenu(const QPoint& pos);

    QTreeWidgetItem* cluster_root_;
    QTreeWidgetItem* connections_root_;
};

}  // namespace nwb::ui
