// The browser's subject tree: counts, windowed rates and coalesced change signals per batch.
#include "ui/browser/subject_tree_model.h"

#include "ui/browser/payload_text.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace nwb::ui {

namespace {

// Per-second buckets: the window's complete seconds plus the one being filled.
constexpr int kBuckets = SubjectTreeModel::kRateWindowSeconds + 1;

qint64 secondOf(qint64 ms) { return ms >= 0 ? ms / 1000 : (ms - 999) / 1000; }

int slotOf(qint64 second) { return int(((second % kBuckets) + kBuckets) % kBuckets); }

}  // namespace

struct SubjectTreeModel::Node {
    QString token;
    Node* parent = nullptr;
    int row = 0;                                  ///< position among the parent's children
    std::vector<std::unique_ptr<Node>> children;  ///< sorted by token
    quint64 count = 0;                            ///< here and below
    quint64 own_count = 0;                        ///< exactly here
    double rate = 0;
    QString preview;  ///< of the last message exactly here
    std::array<qint64, kBuckets> bucket_second;
    std::array<quint32, kBuckets> bucket_count{};
    quint64 touched = 0;                    ///< batch_serial_ of the last batch that counted here
    const ReceivedMessage* last = nullptr;  ///< within the current batch

    Node() { bucket_second.fill(std::numeric_limits<qint64>::min()); }

    void countAt(qint64 second) {
        const int slot = slotOf(second);
        if (bucket_second[slot] == second) {
            ++bucket_count[slot];
        } else if (bucket_second[slot] < second) {
            bucket_second[slot] = second;
            bucket_count[slot] = 1;
        }  // else: older than the window this slot already serves
    }

    double rateFor(qint64 now_second) const {
        quint64 sum = 0;
        for (int i = 0; i < kBuckets; ++i) {
            const qint64 s = bucket_second[i];
            if (s >= now_second - kRateWindowSeconds && s < now_second) sum += bucket_count[i];
        }
        return double(sum) / kRateWindowSeconds;
    }

    /// Position of the first child whose token is not less than `t`.
    std::vector<std::unique_ptr<Node>>::const_iterator lowerBound(QStringView t) const {
        return std::lower_bound(children.begin(), children.end(), t,
                                [](const std::unique_ptr<Node>& n, QStringView v) {
                                    return QStringView(n->token).compare(v) < 0;
                                });
    }
};

SubjectTreeModel::SubjectTreeModel(QObject* parent)
    : QAbstractItemModel(parent), root_(std::make_unique<Node>()) {}

SubjectTreeModel::~SubjectTreeModel() = default;

SubjectTreeModel::Node* SubjectTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : root_.get();
}

int SubjectTreeModel::rowOf(const Node* node) const { return node->row; }

QModelIndex SubjectTreeModel::indexOf(const Node* node, int column) const {
    if (node == root_.get() || node == nullptr) return {};
    return createIndex(rowOf(node), column, const_cast<Node*>(node));
}

SubjectTreeModel::Node* SubjectTreeModel::childFor(Node* parent, QStringView token) {
    auto it = parent->lowerBound(token);
    if (it != parent->children.end() && (*it)->token == token) return it->get();
    if (node_count_ >= max_nodes_) return nullptr;
    const int row = int(it - parent->children.begin());
    beginInsertRows(indexOf(parent), row, row);
    auto node = std::make_unique<Node>();
    node->token = token.toString();
    node->parent = parent;
    Node* raw = node.get();
    parent->children.insert(parent->children.begin() + row, std::move(node));
    for (std::size_t i = std::size_t(row); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
    ++node_count_;
    endInsertRows();
    return raw;
}

void SubjectTreeModel::addBatch(const QList<ReceivedMessage>& batch) {
    if (batch.isEmpty()) return;
    ++batch_serial_;
    std::vector<Node*> touched;
    for (const ReceivedMessage& m : batch) {
        ++total_messages_;
        const qint64 second = secondOf(m.received_ms);
        auto countUp = [&](Node* node) {
            ++node->count;
            node->countAt(second);
            if (node->touched != batch_serial_) {
                node->touched = batch_serial_;
                touched.push_back(node);
            }
        };
        Node* node = root_.get();
        bool placed = true;
        if (Node* known = leaves_.value(m.subject)) {
            node = known;
            for (Node* n = known; n != root_.get(); n = n->parent) countUp(n);
        } else {
            const QStringView subject(m.subject);
            qsizetype from = 0;
            while (true) {
                qsizetype dot = subject.indexOf(u'.', from);
                if (dot < 0) dot = subject.size();
                Node* child = childFor(node, subject.sliced(from, dot - from));
                if (child == nullptr) {
                    placed = false;
                    break;
                }
                node = child;
                countUp(node);
                if (dot >= subject.size()) break;
                from = dot + 1;
            }
            if (placed) leaves_.insert(m.subject, node);
        }
        if (placed) {
            ++node->own_count;
            node->last = &m;
        } else {
            ++overflow_messages_;
        }
    }

    // One dataChanged per parent, spanning its changed children.
    QHash<Node*, std::pair<int, int>> ranges;
    for (Node* node : touched) {
        if (node->last != nullptr) {
            node->preview = payloadPreview(node->last->payload);
            node->last = nullptr;
        }
        const int row = rowOf(node);
        auto it = ranges.find(node->parent);
        if (it == ranges.end())
            ranges.insert(node->parent, {row, row});
        else
            *it = {qMin(it->first, row), qMax(it->second, row)};
    }
    for (auto it = ranges.cbegin(); it != ranges.cend(); ++it) {
        const QModelIndex parent = indexOf(it.key());
        emit dataChanged(index(it->first, MessagesColumn, parent),
                         index(it->second, PayloadColumn, parent));
    }
}

void SubjectTreeModel::tick(qint64 now_ms) {
    const qint64 now_second = secondOf(now_ms);
    // Depth-first over the tree; one dataChanged per parent whose children's rates moved.
    std::vector<Node*> stack{root_.get()};
    while (!stack.empty()) {
        Node* parent = stack.back();
        stack.pop_back();
        int first = -1;
        int last = -1;
        for (int row = 0; row < int(parent->children.size()); ++row) {
            Node* child = parent->children[std::size_t(row)].get();
            const double rate = child->rateFor(now_second);
            if (rate != child->rate) {
                child->rate = rate;
                if (first < 0) first = row;
                last = row;
            }
            if (!child->children.empty()) stack.push_back(child);
        }
        if (first >= 0) {
            const QModelIndex p = indexOf(parent);
            emit dataChanged(index(first, RateColumn, p), index(last, RateColumn, p));
        }
    }
}

void SubjectTreeModel::clear() {
    beginResetModel();
    root_ = std::make_unique<Node>();
    leaves_.clear();
    node_count_ = 0;
    total_messages_ = 0;
    overflow_messages_ = 0;
    endResetModel();
}

QString SubjectTreeModel::subjectFor(const QModelIndex& index) const {
    if (!index.isValid()) return {};
    QStringList tokens;
    for (const Node* n = nodeOf(index); n != root_.get(); n = n->parent) tokens.prepend(n->token);
    return tokens.join(u'.');
}

QModelIndex SubjectTreeModel::indexForSubject(const QString& subject) const {
    if (subject.isEmpty()) return {};
    const Node* node = root_.get();
    for (const QStringView token : QStringView(subject).split(u'.')) {
        auto it = node->lowerBound(token);
        if (it == node->children.end() || (*it)->token != token) return {};
        node = it->get();
    }
    return indexOf(node);
}

quint64 SubjectTreeModel::ownCount(const QModelIndex& index) const {
    return index.isValid() ? nodeOf(index)->own_count : 0;
}

QModelIndex SubjectTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    Node* p = nodeOf(parent);
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex SubjectTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    return indexOf(nodeOf(child)->parent);
}

int SubjectTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return int(nodeOf(parent)->children.size());
}

int SubjectTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool SubjectTreeModel::hasChildren(const QModelIndex& parent) const { return rowCount(parent) > 0; }

QVariant SubjectTreeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Node* node = nodeOf(index);
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case TokenColumn:
                    return node->token;
                case MessagesColumn:
                    return node->count;
                case RateColumn:
                    return QLocale().toString(node->rate, 'f', 1);
                case PayloadColumn:
                    return node->preview;
            }
            break;
        case Qt::ToolTipRole:
            if (index.column() == TokenColumn) return subjectFor(index);
            if (index.column() == PayloadColumn) return node->preview;
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == MessagesColumn || index.column() == RateColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case SubjectRole:
            return subjectFor(index);
        case CountRole:
            return node->count;
        case RateRole:
            return node->rate;
    }
    return {};
}

QVariant SubjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case TokenColumn:
            return tr("Subject");
        case MessagesColumn:
            return tr("Messages");
        case RateColumn:
            return tr("msgs/s");
        case PayloadColumn:
            return tr("Last payload");
    }
    return {};
}

}  // namespace nwb::ui
