// Test helper: the JSON permission and case files in data/, read as nats-server's config parser
// reads them.
#pragma once

#include "engine/auth/auth_config.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nwb::auth::test {

inline QJsonObject loadJsonFile(const QString& name) {
    QFile file(QStringLiteral(NWB_AUTH_TEST_DATA) + QLatin1Char('/') + name);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + name.toStdString());
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline std::vector<std::string> toStrings(const QJsonValue& value) {
    std::vector<std::string> out;
    if (value.isString()) out.push_back(value.toString().toStdString());
    for (const QJsonValue& v : value.toArray()) out.push_back(v.toString().toStdString());
    return out;
}

/// "1s", "500ms", "2m": the Go durations the case files use.
inline std::chrono::milliseconds toDuration(const QString& text) {
    if (text.endsWith(QLatin1String("ms")))
        return std::chrono::milliseconds(text.chopped(2).toLongLong());
    if (text.endsWith(QLatin1Char('s'))) return std::chrono::seconds(text.chopped(1).toLongLong());
    if (text.endsWith(QLatin1Char('m'))) return std::chrono::minutes(text.chopped(1).toLongLong());
    throw std::runtime_error("bad duration " + text.toStdString());
}

/// An empty list reads as absent (allow_set false), as nats-server 2.9.10's parser does.
inline SubjectPermission toSubjectPermission(const QJsonValue& value) {
    SubjectPermission p;
    if (!value.isObject()) {
        p.allow = toStrings(value);  // old style: a subject or a list of subjects to allow
        return p;
    }
    const QJsonObject o = value.toObject();
    p.allow = toStrings(o.value(QLatin1String("allow")));
    p.deny = toStrings(o.value(QLatin1String("deny")));
    return p;
}

inline std::optional<Permissions> toPermissions(const QJsonValue& value) {
    if (!value.isObject()) return std::nullopt;
    const QJsonObject o = value.toObject();
    Permissions p;
    if (o.contains(QLatin1String("publish")))
        p.publish = toSubjectPermission(o.value(QLatin1String("publish")));
    if (o.contains(QLatin1String("subscribe"))) {
        p.subscribe = toSubjectPermission(o.value(QLatin1String("subscribe")));
    }
    const QJsonValue responses = o.value(QLatin1String("allow_responses"));
    if (responses.isBool() && responses.toBool()) p.response = ResponsePermission{};
    if (responses.isObject()) {
        ResponsePermission r;
        const QJsonObject ro = responses.toObject();
        if (ro.contains(QLatin1String("max")) && ro.value(QLatin1String("max")).toInt() != 0) {
            r.max_msgs = ro.value(QLatin1String("max")).toInt();
        }
        if (ro.contains(QLatin1String("expires")))
            r.expires = toDuration(ro.value(QLatin1String("expires")).toString());
        p.response = r;
    }
    return p;
}

}  // namespace nwb::auth::test
