// The "Publish" tab: subject, reply, headers and payload; publish, or send a request and show
// the reply with its round-trip time. Ctrl+Enter sends.
#pragma once

#include "ui/client/nats_session.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace nwb::ui {

class HeadersEditor;

/// What the user sent, as the history keeps it.
struct SentDraft {
    QString subject;
    QString reply;
    HeaderList headers;
    QByteArray payload;
    bool request = false;
};

class PublishPanel : public QWidget {
    Q_OBJECT
public:
    explicit PublishPanel(NatsSession* session, QWidget* parent = nullptr);

    /// Fills the form (from the history, or for tests).
    void load(const SentDraft& draft);
    SentDraft draft() const;
    void setRequestMode(bool request);
    bool requestMode() const;
    /// How long a request waits for its reply.
    void setTimeoutMs(int timeout_ms);

    /// Sends what the form holds, in the current mode. GUI thread; never blocks.
    void send();

    QLabel* statusLabel() const { return status_; }
    QPlainTextEdit* replyView() const { return reply_payload_; }
    QTableWidget* replyHeaders() const { return reply_headers_; }

signals:
    void sent(const nwb::ui::SentDraft& draft);
    /// A request finished: the reply, or the error.
    void requestFinished(const nwb::ui::RequestResult& result);

private:
    void updateEnabled();
    void showReply(const RequestResult& result);
    void showStatus(const QString& text, bool error);

    NatsSession* session_;
    QLineEdit* subject_;
    QLineEdit* reply_to_;
    QLabel* reply_to_label_;
    HeadersEditor* headers_;
    QPlainTextEdit* payload_;
    QRadioButton* publish_mode_;
    QRadioButton* request_mode_;
    QSpinBox* timeout_;
    QPushButton* send_;
    QLabel* status_;
    QTableWidget* reply_headers_;
    QPlainTextEdit* reply_payload_;
    int requests_in_flight_ = 0;
};

}  // namespace nwb::ui

Q_DECLARE_METATYPE(nwb::ui::SentDraft)
