// Widgets the JetStream views (Streams, Key-Value) build alike: sortable tables, message labels.
#pragma once

class QAbstractItemModel;
class QLabel;
class QObject;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace nwb::ui {

/// The page a JetStream view's stack shows: its table, or a message saying why not.
enum JsPanelPage { kJsTablePage, kJsMessagePage };

/// A sortable single-row-selection table over `model`. GUI thread.
QTableView* makeJsTable(QAbstractItemModel* model, QWidget* parent);
/// A centred, wrapped, selectable label for error and hint texts. GUI thread.
QLabel* makeJsMessageLabel(QWidget* parent);
/// A proxy that sorts `source` by `sort_role`. GUI thread.
QSortFilterProxyModel* makeJsSortProxy(QAbstractItemModel* source, int sort_role, QObject* parent);

}  // namespace nwb::ui
