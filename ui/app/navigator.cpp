#include "ui/app/navigator.h"

#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QPixmap>

namespace nwb::ui {
namespace {

QIcon dot(const QColor& colour) {
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(1, 1, 10, 10);
    return QIcon(pixmap);
}

}  // namespace

Navigator::Navigator(QWidget* parent) : QTreeWidget(parent) {
    setHeaderHidden(true);
    setColumnCount(1);
    setContextMenuPolicy(Qt::CustomContextMenu);
    cluster_root_ = new QTreeWidgetItem(this, {tr("Local cluster")});
    cluster_root_->setData(0, kViewRole, static_cast<int>(ViewKind::Cluster));
    connections_root_ = new QTreeWidgetItem(this, {tr("Connections")});
    cluster_root_->setExpanded(true);
    connections_root_->setExpanded(true);

    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int) {
        if (item == connections_root_) return;
        const QVariant view = item->data(0, kViewRole);
        if (!view.isValid()) return;
        Q_EMIT openRequested(item->data(0, kTargetRole).toString(),
                             static_cast<ViewKind>(view.toInt()));
    });
    connect(this, &QWidget::customContextMenuRequested, this, &Navigator::showContextMenu);
}

QTreeWidgetItem* Navigator::addServer(QTreeWidgetItem* parent, const QString& target,
                                      const QString& title) {
    auto* server = new QTreeWidgetItem(parent, {title});
    server->setData(0, kTargetRole, target);
    server->setData(0, kViewRole, static_cast<int>(ViewKind::Subjects));
    for (ViewKind kind : kServerViewKinds) {
        auto* view = new QTreeWidgetItem(server, {viewKindTitle(kind)});
        view->setData(0, kTargetRole, target);
        view->setData(0, kViewRole, static_cast<int>(kind));
    }
    return server;
}

void Navigator::updateNode(const NodeInfo& node) {
    const QString target = nodeTargetKey(node.name);
    QTreeWidgetItem* item = itemFor(target, ViewKind::Subjects);
    item = item ? item->parent() : nullptr;
    if (!item) {
        item = addServer(cluster_root_, target, node.name);
        item->setExpanded(false);
    }
    item->setText(0, node.state == NodeRunState::Running
                         ? tr("%1 · :%2").arg(node.name).arg(node.port)
                         : tr("%1 · %2").arg(node.name, nodeRunStateText(node.state)));
    item->setIcon(0, dot(nodeRunStateColour(node.state)));
    item->setToolTip(0, node.error.isEmpty() ? node.clientUrl() : node.error);
}

void Navigator::removeNode(const QString& name) {
    QTreeWidgetItem* item = itemFor(nodeTargetKey(name), ViewKind::Subjects);
    if (item) delete item->parent();
}

void Navigator::setProfiles(const QList<ConnectionProfile>& profiles) {
    qDeleteAll(connections_root_->takeChildren());
    for (const ConnectionProfile& profile : profiles) {
        QTreeWidgetItem* server =
            addServer(connections_root_, profileTargetKey(profile.id), profile.name);
        server->setData(0, kProfileIdRole, profile.id);
        server->setIcon(0, dot(profile.colour.isValid() ? profile.colour : QColor(0x80, 0x80, 0x80)));
        server->setToolTip(0, profile.urls.join(QStringLiteral(", ")));
    }
}

QTreeWidgetItem* Navigator::itemFor(const QString& target, ViewKind kind) const {
    for (QTreeWidgetItem* root : {cluster_root_, connections_root_}) {
        for (int i = 0; i < root->childCount(); ++i) {
            QTreeWidgetItem* server = root->child(i);
            if (server->data(0, kTargetRole).toString() != target) continue;
            for (int j = 0; j < server->childCount(); ++j)
                if (server->child(j)->data(0, kViewRole).toInt() == static_cast<int>(kind))
                    return server->child(j);
            return server;
        }
    }
    return nullptr;
}

QStringList Navigator::targets() const {
    QStringList list;
    for (QTreeWidgetItem* root : {cluster_root_, connections_root_})
        for (int i = 0; i < root->childCount(); ++i)
            list.append(root->child(i)->data(0, kTargetRole).toString());
    return list;
}

QString Navigator::currentTarget() const {
    const QTreeWidgetItem* item = currentItem();
    return item ? item->data(0, kTargetRole).toString() : QString();
}

void Navigator::showContextMenu(const QPoint& pos) {
    QTreeWidgetItem* item = itemAt(pos);
    QMenu menu(this);
    if (item == connections_root_ || !item) {
        menu.addAction(tr("New connection…"), this, [this] { Q_EMIT newProfileRequested(); });
    } else if (item->parent() == connections_root_) {
        const qint64 id = item->data(0, kProfileIdRole).toLongLong();
        menu.addAction(tr("Edit…"), this, [this, id] { Q_EMIT editProfileRequested(id); });
        menu.addAction(tr("Remove"), this, [this, id] { Q_EMIT removeProfileRequested(id); });
    } else {
        return;
    }
    menu.exec(viewport()->mapToGlobal(pos));
}

}  // namespace nwb::ui
