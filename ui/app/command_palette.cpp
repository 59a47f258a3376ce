#include "ui/app/command_palette.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace nwb::ui {
namespace {

QString plainText(const QAction* action) {
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")) || text.endsWith(QStringLiteral("...")))
        text = text.left(text.size() - (text.endsWith(QStringLiteral("...")) ? 3 : 1));
    return text;
}

constexpr int kActionRole = Qt::UserRole + 1;

}  // namespace

CommandPalette::CommandPalette(QList<QAction*> actions, QWidget* parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint), actions_(std::move(actions)) {
    setWindowTitle(tr("Command palette"));
    input_ = new QLineEdit;
    input_->setPlaceholderText(tr("Type a command…"));
    input_->installEventFilter(this);
    list_ = new QListWidget;
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(input_);
    layout->addWidget(list_);
    resize(480, 320);

    connect(input_, &QLineEdit::textChanged, this, &CommandPalette::setFilter);
    connect(input_, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
    connect(list_, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    setFilter({});
}

void CommandPalette::setFilter(const QString& filter) {
    const QStringList words = filter.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    list_->clear();
    for (int i = 0; i < actions_.size(); ++i) {
        QAction* action = actions_[i];
        if (!action->isEnabled() || action->text().isEmpty()) continue;
        const QString text = plainText(action);
        const bool match = std::all_of(words.begin(), words.end(), [&](const QString& w) {
            return text.contains(w, Qt::CaseInsensitive);
        });
        if (!match) continue;
        auto* item = new QListWidgetItem(text, list_);
        if (!action->shortcut().isEmpty())
            item->setToolTip(action->shortcut().toString(QKeySequence::NativeText));
        item->setData(kActionRole, i);
    }
    if (list_->count() > 0) list_->setCurrentRow(0);
}

QStringList CommandPalette::visibleCommands() const {
    QStringList list;
    for (int row = 0; row < list_->count(); ++row) list.append(list_->item(row)->text());
    return list;
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == input_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = list_->currentRow() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < list_->count()) list_->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::runCurrent() {
    QListWidgetItem* item = list_->currentItem();
    if (!item) return;
    QAction* action = actions_.value(item->data(kActionRole).toInt());
    accept();
    if (action) action->trigger();
}

}  // namespace nwb::ui
