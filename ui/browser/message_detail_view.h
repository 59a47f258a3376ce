// One message in detail: subject, reply, time, size, headers, the payload viewer, and buttons to
// copy the subject, the payload or an equivalent `nats pub` command.
#pragma once

#include "ui/client/received_message.h"

#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace nwb::ui {

class PayloadViewer;

class MessageDetailView : public QWidget {
    Q_OBJECT
public:
    /// GUI thread.
    explicit MessageDetailView(QWidget* parent = nullptr);

    /// Shows `message`. GUI thread.
    void setMessage(const nwb::ui::ReceivedMessage& message);
    /// Shows nothing (buttons disabled). GUI thread.
    void clearMessage();
    bool hasMessage() const { return has_message_; }
    const ReceivedMessage& message() const { return message_; }

    /// A `nats pub` command line that publishes `message` again: subject and payload as
    /// arguments, `--reply` and one `-H 'K:V'` per header, each shell-quoted. Any thread; pure.
    static QString natsPubCommand(const ReceivedMessage& message);
    /// `text` in single quotes for a POSIX shell ('\'' for each quote inside). Any thread; pure.
    static QString shellQuote(const QString& text);

    // For tests and the main window.
    PayloadViewer* payloadViewer() const { return viewer_; }
    QTableWidget* headersTable() const { return headers_; }
    QLabel* subjectLabel() const { return subject_; }

private:
    void copyToClipboard(const QString& text);

    ReceivedMessage message_;
    bool has_message_ = false;
    QLabel* subject_ = nullptr;
    QLabel* reply_ = nullptr;
    QLabel* time_ = nullptr;
    QLabel* size_ = nullptr;
    QTableWidget* headers_ = nullptr;
    PayloadViewer* viewer_ = nullptr;
    QPushButton* copy_subject_ = nullptr;
    QPushButton* copy_payload_ = nullptr;
    QPushButton* copy_command_ = nullptr;
};

}  // namespace nwb::ui
