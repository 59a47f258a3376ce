#include "ui/app/event_log.h"

#include <QDateTime>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

namespace nwb::ui {

EventLog::EventLog(QWidget* parent) : QWidget(parent), view_(new QPlainTextEdit) {
    view_->setReadOnly(true);
    view_->setMaximumBlockCount(kMaxLines);
    view_->setPlaceholderText(tr("Node and connection events appear here."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);
}

void EventLog::add(const QString& text, bool warning) {
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    const QString escaped = text.toHtmlEscaped();
    view_->appendHtml(warning ? QStringLiteral("%1&nbsp;&nbsp;<span style=\"color:#d03b3b\">%2</span>")
                                    .arg(time, escaped)
                              : QStringLiteral("%1&nbsp;&nbsp;%2").arg(time, escaped));
}

QStringList EventLog::lines() const {
    QStringList list;
    for (QTextBlock block = view_->document()->begin(); block.isValid(); block = block.next())
        if (!block.text().isEmpty()) list.append(block.text());
    return list;
}

}  // namespace nwb::ui
