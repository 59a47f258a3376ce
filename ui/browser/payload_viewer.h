// Shows a message payload as text, as a JSON tree or as a hex dump; Auto picks the form that fits.
#pragma once

#include <QByteArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTreeView;

namespace nwb::ui {

enum class PayloadMode { Auto, Text, Json, Hex };

class PayloadViewer : public QWidget {
    Q_OBJECT
public:
    /// Payloads above this size are shown cut to it (with a note saying so).
    static constexpr qsizetype kMaxShownBytes = 256 * 1024;

    /// GUI thread.
    explicit PayloadViewer(QWidget* parent = nullptr);

    /// Shows `payload` in the chosen mode. GUI thread.
    void setPayload(const QByteArray& payload);
    const QByteArray& payload() const { return payload_; }

    /// The mode chosen in the combo (Auto by default). GUI thread.
    void setMode(PayloadMode mode);
    PayloadMode mode() const { return mode_; }
    /// What Auto picks for the current payload: Json, Text or Hex.
    PayloadMode detectedMode() const { return detected_; }
    /// The mode in effect: mode(), or detectedMode() under Auto.
    PayloadMode effectiveMode() const;

    /// Json for a JSON object or array, Text for UTF-8 without control characters (tab, CR
    /// and LF allowed), Hex otherwise. Any thread; pure.
    static PayloadMode detect(const QByteArray& payload);

    // For tests and the detail view.
    QPlainTextEdit* textView() const { return text_; }
    QPlainTextEdit* hexView() const { return hex_; }
    QTreeView* jsonView() const { return json_view_; }
    QStandardItemModel* jsonModel() const { return json_model_; }

private:
    void render();
    bool fillJson();

    QByteArray payload_;
    PayloadMode mode_ = PayloadMode::Auto;
    PayloadMode detected_ = PayloadMode::Text;

    QComboBox* mode_combo_ = nullptr;
    QPushButton* expand_button_ = nullptr;
    QLabel* note_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QPlainTextEdit* text_ = nullptr;
    QPlainTextEdit* hex_ = nullptr;
    QTreeView* json_view_ = nullptr;
    QStandardItemModel* json_model_ = nullptr;
    QLabel* json_error_ = nullptr;
};

}  // namespace nwb::ui
