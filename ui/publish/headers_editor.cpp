#include "ui/publish/headers_editor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace nwb::ui {

HeadersEditor::HeadersEditor(QWidget* parent) : QWidget(parent), table_(new QTableWidget(0, 2)) {
    table_->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* add = new QToolButton;
    add->setText(tr("+"));
    add->setToolTip(tr("Add a header"));
    auto* remove = new QToolButton;
    remove->setText(tr("−"));
    remove->setToolTip(tr("Remove the selected headers"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    connect(add, &QToolButton::clicked, this, &HeadersEditor::addRow);
    connect(remove, &QToolButton::clicked, this, [this] {
        const QModelIndexList rows = table_->selectionModel()->selectedRows();
        QList<int> numbers;
        for (const QModelIndex& index : rows) numbers.append(index.row());
        std::sort(numbers.begin(), numbers.end(), std::greater<>());
        for (int row : numbers) table_->removeRow(row);
    });
}

HeaderList HeadersEditor::headers() const {
    HeaderList list;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QTableWidgetItem* name = table_->item(row, 0);
        const QTableWidgetItem* value = table_->item(row, 1);
        const QString key = name ? name->text().trimmed() : QString();
        if (key.isEmpty()) continue;
        list.append({key, value ? value->text().trimmed() : QString()});
    }
    return list;
}

void HeadersEditor::setHeaders(const HeaderList& headers) {
    table_->setRowCount(0);
    for (const auto& [key, value] : headers) {
        const int row = table_->rowCount();
        table_->insertRow(row);
        table_->setItem(row, 0, new QTableWidgetItem(key));
        table_->setItem(row, 1, new QTableWidgetItem(value));
    }
}

void HeadersEditor::addRow() {
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem);
    table_->setItem(row, 1, new QTableWidgetItem);
    table_->setCurrentCell(row, 0);
    table_->editItem(table_->item(row, 0));
}

}  // namespace nwb::ui
