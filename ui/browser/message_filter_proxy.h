// Filters the browser's message list by a quick text (subject or payload preview) and by a
// subject pattern with NATS wildcards.
#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringView>

namespace nwb::ui {

class MessageFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    /// GUI thread. The source model must provide MessageListModel::SubjectRole and PreviewRole.
    explicit MessageFilterProxy(QObject* parent = nullptr);

    /// Rows whose subject or payload preview contains `text` (case-insensitive); empty: all.
    void setQuickFilter(const QString& text);
    const QString& quickFilter() const { return quick_; }
    /// Rows whose subject matches `pattern` (`*` one token, `>` one or more trailing tokens);
    /// empty: all. GUI thread.
    void setSubjectFilter(const QString& pattern);
    const QString& subjectFilter() const { return subject_; }

    /// NATS subject matching: does `pattern` match the literal `subject`? Any thread; pure.
    static bool subjectMatches(QStringView pattern, QStringView subject);

signals:
    void filtersChanged();

protected:
    bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

private:
    QString quick_;
    QString subject_;
};

}  // namespace nwb::ui
