// The connections a server reports in /connz (or $SYS.REQ.SERVER.PING.CONNZ), one row each,
// updated in place by connection id so selections survive a refresh.
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace nwb::ui {

struct ConnzRow {
    qint64 cid = 0;
    QString name;
    QString ip;
    qint64 port = 0;
    QString lang;
    QString version;
    QString uptime;     ///< as the server wrote it ("1h2m3s")
    double uptime_s = 0;
    qint64 pending_bytes = 0;
    qint64 in_msgs = 0;
    qint64 out_msgs = 0;
    qint64 in_bytes = 0;
    qint64 out_bytes = 0;
    qint64 subscriptions = 0;
    QString rtt;        ///< as the server wrote it ("1.2ms")
    double rtt_us = -1; ///< -1 when absent or unreadable
};

class ConnzModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Cid, Name, Address, Client, Uptime, Pending, InMsgs, OutMsgs, InBytes, OutBytes,
        Subscriptions, Rtt, ColumnCount
    };
    /// Numbers for numeric columns (so a proxy sorts 10 after 9), text for the others.
    static constexpr int kSortRole = Qt::UserRole;

    /// GUI thread.
    explicit ConnzModel(QObject* parent = nullptr);

    /// Replaces the rows with the "connections" of a /connz object: rows of connections still
    /// present are updated in place, gone ones removed, new ones appended. GUI thread.
    void setConnz(const QJsonObject& connz);
    /// Removes every row. GUI thread.
    void clear();

    /// "total" of the last /connz (may exceed rowCount() when the server paged).
    qint64 total() const { return total_; }
    const ConnzRow& row(int r) const { return rows_.at(r); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Reads one entry of "connections". Any thread.
    static ConnzRow rowFromJson(const QJsonObject& conn);

private:
    QList<ConnzRow> rows_;
    qint64 total_ = 0;
};

}  // namespace nwb::ui
