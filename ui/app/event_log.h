// The "Event log" dock: what happened to nodes and connections, newest last, bounded.
#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace nwb::ui {

class EventLog : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxLines = 2000;

    explicit EventLog(QWidget* parent = nullptr);
    /// Appends "hh:mm:ss  text"; warnings in red. GUI thread.
    void add(const QString& text, bool warning = false);
    /// Every line, oldest first (for tests).
    QStringList lines() const;

private:
    QPlainTextEdit* view_;
};

}  // namespace nwb::ui
