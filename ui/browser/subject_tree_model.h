// The browser's subject tree: one node per subject token (a.b.c → a › b › c) with message counts,
// rates over a sliding window and the last payload preview, fed in batches.
#pragma once

#include "ui/client/received_message.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <memory>
#include <vector>

namespace nwb::ui {

class SubjectTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { TokenColumn, MessagesColumn, RateColumn, PayloadColumn, ColumnCount };
    enum Role {
        SubjectRole = Qt::UserRole + 1,  ///< QString: the node's full subject ("a.b")
        CountRole,                       ///< quint64: messages at the node and below
        RateRole,                        ///< double: messages per second at the node and below
    };
    static constexpr int kDefaultMaxNodes = 20000;
    /// Rates average the last this many complete seconds.
    static constexpr int kRateWindowSeconds = 5;

    /// GUI thread.
    explicit SubjectTreeModel(QObject* parent = nullptr);
    ~SubjectTreeModel() override;

    /// Counts `batch` into the tree, inserting new nodes (children sorted by token) and
    /// signalling changed counts once per changed range of siblings. GUI thread.
    void addBatch(const QList<nwb::ui::ReceivedMessage>& batch);
    /// Recomputes the rates for the window of complete seconds before `now_ms` (ms since the
    /// epoch, the clock of ReceivedMessage::received_ms). Call about once a second. GUI thread.
    void tick(qint64 now_ms);
    /// Removes every node and resets the counters. GUI thread.
    void clear();

    /// Nodes beyond this many are not created; see overflowMessages(). Applies to new nodes.
    void setMaxNodes(int max_nodes) { max_nodes_ = qMax(max_nodes, 1); }
    int maxNodes() const { return max_nodes_; }
    int nodeCount() const { return node_count_; }
    /// Messages whose subject needed a node beyond maxNodes(); they are counted on the part of
    /// their path that exists.
    quint64 overflowMessages() const { return overflow_messages_; }
    /// Messages counted since the last clear().
    quint64 totalMessages() const { return total_messages_; }

    /// The full subject of `index`'s node ("a.b"); empty for an invalid index.
    QString subjectFor(const QModelIndex& index) const;
    /// The index (column 0) of the node for `subject`, or invalid if there is none.
    QModelIndex indexForSubject(const QString& subject) const;
    /// Messages published to exactly this node's subject (not below it).
    quint64 ownCount(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node;

    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column = 0) const;
    int rowOf(const Node* node) const;
    /// The child of `parent` named `token`, created if there is room; null if the tree is full.
    Node* childFor(Node* parent, QStringView token);

    std::unique_ptr<Node> root_;
    QHash<QString, Node*> leaves_;  ///< subject → its node, to skip the walk for known subjects
    int max_nodes_ = kDefaultMaxNodes;
    int node_count_ = 0;
    quint64 total_messages_ = 0;
    quint64 overflow_messages_ = 0;
    quint64 batch_serial_ = 0;  ///< marks the nodes touched by the current batch
};

}  // namespace nwb::ui
