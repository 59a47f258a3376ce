// The publish history as a table model over PublishHistory::recent().
#include "ui/storage/publish_history_model.h"

#include <QDateTime>
#include <QStringDecoder>

namespace nwb::ui {

PublishHistoryModel::PublishHistoryModel(PublishHistory& history, QObject* parent)
    : QAbstractTableModel(parent), history_(history) {}

bool PublishHistoryModel::refresh() {
    auto loaded = history_.recent(PublishHistory::kMaxRows);
    if (!loaded) {
        last_error_ = loaded.error();
        return false;
    }
    last_error_.clear();
    beginResetModel();
    messages_ = std::move(*loaded);
    endResetModel();
    return true;
}

SentMessage PublishHistoryModel::message(int row) const {
    if (row < 0 || row >= messages_.size()) return {};
    return messages_.at(row);
}

int PublishHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(messages_.size());
}

int PublishHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PublishHistoryModel::payloadPreview(const QByteArray& payload, int max_chars) {
    if (payload.isEmpty()) return {};
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decode(payload);
    if (decode.hasError()) return tr("<%n byte(s), binary>", nullptr, int(payload.size()));
    for (auto& c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t') c = u' ';
    }
    text = text.simplified();
    if (text.size() > max_chars) text = text.left(max_chars - 1) + QChar(0x2026);
    return text;
}

QVariant PublishHistoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& m = messages_.at(index.row());
    if (role == IdRole) return m.id;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(m.sent_ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case KindColumn: return m.request ? tr("Request") : tr("Publish");
        case SubjectColumn: return m.subject;
        case PayloadColumn: return payloadPreview(m.payload);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(m.sent_ms).toString(Qt::ISODateWithMs);
        case SubjectColumn:
            return m.reply.isEmpty() ? m.subject : tr("%1 (reply to %2)").arg(m.subject, m.reply);
        case PayloadColumn: return tr("%Ln byte(s)", nullptr, int(m.payload.size()));
        default: return {};
        }
    }
    return {};
}

QVariant PublishHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Kind");
    case SubjectColumn: return tr("Subject");
    case PayloadColumn: return tr("Payload");
    default: return {};
    }
}

}  // namespace nwb::ui
