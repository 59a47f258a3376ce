// Ctrl+K: type a few letters of any command and press Enter to run it.
#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QLineEdit;
class QListWidget;

namespace nwb::ui {

class CommandPalette : public QDialog {
    Q_OBJECT
public:
    /// `actions` are offered by their text (mnemonics removed); disabled ones are hidden.
    CommandPalette(QList<QAction*> actions, QWidget* parent = nullptr);

    /// Shows only commands whose text contains every word of `filter` (case-insensitive).
    void setFilter(const QString& filter);
    /// The commands now listed, in order.
    QStringList visibleCommands() const;
    QLineEdit* input() const { return input_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void runCurrent();

    QList<QAction*> actions_;
    QLineEdit* input_;
    QListWidget* list_;
};

}  // namespace nwb::ui
