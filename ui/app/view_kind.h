// The views the workbench opens as tabs, and the keys that name a server and a tab.
#pragma once

#include <QString>

namespace nwb::ui {

enum class ViewKind { Cluster, Subjects, Publish, Monitoring, Connections, Streams, KeyValue };

/// The views each server has (all but Cluster), in the navigator's order.
inline constexpr ViewKind kServerViewKinds[] = {ViewKind::Subjects, ViewKind::Publish,
                                                ViewKind::Monitoring, ViewKind::Connections,
                                                ViewKind::Streams, ViewKind::KeyValue};

/// "cluster", "subjects", "publish", "monitoring", "connections", "streams", "kv".
QString viewKindKey(ViewKind kind);
/// Cluster for anything unknown.
ViewKind viewKindFromKey(const QString& key, bool* ok = nullptr);
/// The tab title part, translated.
QString viewKindTitle(ViewKind kind);

/// A server is "node:<name>" (embedded) or "profile:<id>" (a saved connection).
inline QString nodeTargetKey(const QString& node) { return QStringLiteral("node:") + node; }
inline QString profileTargetKey(qint64 id) { return QStringLiteral("profile:%1").arg(id); }
/// A tab is "<target>/<view>"; the cluster tab is "cluster".
inline QString tabKey(const QString& target, ViewKind kind) {
    return kind == ViewKind::Cluster ? QStringLiteral("cluster") : target + '/' + viewKindKey(kind);
}

}  // namespace nwb::ui
