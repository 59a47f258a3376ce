#include "ui/app/view_kind.h"

#include <QCoreApplication>

namespace nwb::ui {

QString viewKindKey(ViewKind kind) {
    switch (kind) {
        case ViewKind::Cluster: return QStringLiteral("cluster");
        case ViewKind::Subjects: return QStringLiteral("subjects");
        case ViewKind::Publish: return QStringLiteral("publish");
        case ViewKind::Monitoring: return QStringLiteral("monitoring");
        case ViewKind::Connections: return QStringLiteral("connections");
        case ViewKind::Streams: return QStringLiteral("streams");
        case ViewKind::KeyValue: return QStringLiteral("kv");
    }
    return {};
}

ViewKind viewKindFromKey(const QString& key, bool* ok) {
    for (ViewKind kind : {ViewKind::Cluster, ViewKind::Subjects, ViewKind::Publish,
                          ViewKind::Monitoring, ViewKind::Connections, ViewKind::Streams,
                          ViewKind::KeyValue}) {
        if (viewKindKey(kind) == key) {
            if (ok) *ok = true;
            return kind;
        }
    }
    if (ok) *ok = false;
    return ViewKind::Cluster;
}

QString viewKindTitle(ViewKind kind) {
    switch (kind) {
        case ViewKind::Cluster: return QCoreApplication::translate("nwb::ui::View", "Local cluster");
        case ViewKind::Subjects: return QCoreApplication::translate("nwb::ui::View", "Subjects");
        case ViewKind::Publish: return QCoreApplication::translate("nwb::ui::View", "Publish");
        case ViewKind::Monitoring: return QCoreApplication::translate("nwb::ui::View", "Monitoring");
        case ViewKind::Connections: return QCoreApplication::translate("nwb::ui::View", "Connections");
        case ViewKind::Streams: return QCoreApplication::translate("nwb::ui::View", "Streams");
        case ViewKind::KeyValue: return QCoreApplication::translate("nwb::ui::View", "Key-Value");
    }
    return {};
}

}  // namespace nwb::ui
