// The publish history as a table: time, kind (Publish/Request), subject, payload preview.
#pragma once

#include "ui/storage/publish_history.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace nwb::ui {

class PublishHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, SubjectColumn, PayloadColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    /// `history` must outlive the model. Empty until refresh(). GUI thread.
    explicit PublishHistoryModel(PublishHistory& history, QObject* parent = nullptr);

    /// Reloads the newest PublishHistory::kMaxRows messages (a model reset). Returns false and
    /// keeps the rows it had when the database fails; lastError() says why. GUI thread; blocks on disk.
    bool refresh();
    QString lastError() const { return last_error_; }
    /// The message on `row`; a default SentMessage when out of range. GUI thread.
    SentMessage message(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// One line of a payload: text with line breaks shown as spaces, at most `max_chars`
    /// characters ("…" when cut); non-UTF-8 payloads as "<n bytes, binary>". Any thread.
    static QString payloadPreview(const QByteArray& payload, int max_chars = 80);

private:
    PublishHistory& history_;
    QList<SentMessage> messages_;
    QString last_error_;
};

}  // namespace nwb::ui
