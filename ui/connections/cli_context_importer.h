// Reads the `nats` CLI's saved contexts (~/.config/nats/context/*.json) as connection profiles.
#pragma once

#include "ui/client/connection_profile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>

namespace nwb::ui {

class CliContextImporter {
    Q_DECLARE_TR_FUNCTIONS(nwb::ui::CliContextImporter)
public:
    struct FileError {
        QString file;    ///< the context file's name, e.g. "prod.json"
        QString reason;
    };
    struct Result {
        QList<ConnectionProfile> profiles;  ///< one per readable context, sorted by name; ids 0
        QList<FileError> errors;            ///< one per context that could not be read
    };

    /// $XDG_CONFIG_HOME/nats/context, else ~/.config/nats/context (where the nats CLI keeps
    /// them on every platform). Any thread; does not block.
    static QString defaultDirectory();

    /// Every non-empty *.json file in `directory`, in name order; a bad file is reported in
    /// errors and the rest are still read. A missing directory gives an empty result. Any
    /// thread; blocks on disk (small local files).
    static Result importDirectory(const QString& directory = defaultDirectory());

    /// One context file; the profile is named after the file (without .json). Its "nkey" is
    /// the path of a seed file, which is read. Any thread; blocks on disk.
    static std::expected<ConnectionProfile, QString> importFile(const QString& path);
};

}  // namespace nwb::ui
