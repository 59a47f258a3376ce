// The publish tab's history: what was sent (kept in SQLite), to send again or edit.
#pragma once

#include "ui/publish/publish_panel.h"

#include <QWidget>

class QTableView;

namespace nwb::ui {

class PublishHistory;
class PublishHistoryModel;

class PublishHistoryPanel : public QWidget {
    Q_OBJECT
public:
    PublishHistoryPanel(PublishHistory& history, QWidget* parent = nullptr);

    /// Stores a sent message and shows it at the top. GUI thread (a small local write).
    void record(const SentDraft& draft, qint64 profile_id);
    PublishHistoryModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    /// The history row as a draft.
    SentDraft draftAt(int row) const;

signals:
    void resendRequested(const nwb::ui::SentDraft& draft);
    void editRequested(const nwb::ui::SentDraft& draft);

private:
    int selectedRow() const;

    PublishHistory& history_;
    PublishHistoryModel* model_;
    QTableView* table_;
};

}  // namespace nwb::ui
