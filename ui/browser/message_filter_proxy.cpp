// Quick text and NATS-wildcard subject filtering of the message list.
#include "ui/browser/message_filter_proxy.h"

#include "ui/browser/message_list_model.h"

namespace nwb::ui {

MessageFilterProxy::MessageFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

void MessageFilterProxy::setQuickFilter(const QString& text) {
    if (text == quick_) return;
    quick_ = text;
    invalidateFilter();
    emit filtersChanged();
}

void MessageFilterProxy::setSubjectFilter(const QString& pattern) {
    if (pattern == subject_) return;
    subject_ = pattern;
    invalidateFilter();
    emit filtersChanged();
}

bool MessageFilterProxy::subjectMatches(QStringView pattern, QStringView subject) {
    qsizetype p = 0;
    qsizetype s = 0;
    while (true) {
        if (p >= pattern.size() || s >= subject.size())
            return p >= pattern.size() && s >= subject.size();
        qsizetype p_end = pattern.indexOf(u'.', p);
        if (p_end < 0) p_end = pattern.size();
        qsizetype s_end = subject.indexOf(u'.', s);
        if (s_end < 0) s_end = subject.size();
        const QStringView p_token = pattern.sliced(p, p_end - p);
        const QStringView s_token = subject.sliced(s, s_end - s);
        if (p_token == u">" && p_end == pattern.size()) return !s_token.isEmpty();
        if (p_token != u"*" && p_token != s_token) return false;
        if (s_token.isEmpty()) return false;
        // Both at their ends, or both past a '.': a trailing '.' leaves an empty token behind.
        const bool p_done = p_end == pattern.size();
        const bool s_done = s_end == subject.size();
        if (p_done || s_done) return p_done && s_done;
        p = p_end + 1;
        s = s_end + 1;
    }
}

bool MessageFilterProxy::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
    if (subject_.isEmpty() && quick_.isEmpty()) return true;
    const QModelIndex index = sourceModel()->index(source_row, 0, source_parent);
    const QString subject = index.data(MessageListModel::SubjectRole).toString();
    if (!subject_.isEmpty() && !subjectMatches(subject_, subject)) return false;
    if (quick_.isEmpty()) return true;
    return subject.contains(quick_, Qt::CaseInsensitive) ||
           index.data(MessageListModel::PreviewRole)
               .toString()
               .contains(quick_, Qt::CaseInsensitive);
}

}  // namespace nwb::ui
