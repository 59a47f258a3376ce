// Payload viewer: text, JSON tree (Boost.JSON keeps member order and exact numbers) or hex dump.
#include "ui/browser/payload_viewer.h"

#include "ui/browser/payload_text.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <charconv>
#include <optional>

namespace nwb::ui {

namespace {

enum Page { TextPage, JsonPage, HexPage };

std::optional<boost::json::value> parseJson(const QByteArray& payload) {
    boost::json::parse_options options;
    options.max_depth = 512;
    boost::json::error_code ec;
    boost::json::value value = boost::json::parse(
        boost::json::string_view(payload.constData(), std::size_t(payload.size())), ec, {},
        options);
    if (ec) return std::nullopt;
    return value;
}

QString fromJsonString(boost::json::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/// Appends one row (key, value, type) under `parent` and, for containers, its members.
int addJsonRow(QStandardItem* parent, const QString& key, const boost::json::value& value) {
    QString text;
    QString type;
    switch (value.kind()) {
        case boost::json::kind::object:
            type = PayloadViewer::tr("object");
            text = QStringLiteral("{%1}").arg(value.get_object().size());  // member count
            break;
        case boost::json::kind::array:
            type = PayloadViewer::tr("array");
            text = QStringLiteral("[%1]").arg(value.get_array().size());  // item count
            break;
        case boost::json::kind::string:
            type = PayloadViewer::tr("string");
            text = fromJsonString(value.get_string());
            break;
        case boost::json::kind::bool_:
            type = PayloadViewer::tr("boolean");
            text = value.get_bool() ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case boost::json::kind::null:
            type = PayloadViewer::tr("null");
            text = QStringLiteral("null");
            break;
        case boost::json::kind::double_: {
            // The shortest text that reads back as the same double: 47.5, not 4.75E1.
            type = PayloadViewer::tr("number");
            char buffer[32];
            const auto end = std::to_chars(buffer, buffer + sizeof buffer, value.get_double()).ptr;
            text = QString::fromLatin1(buffer, static_cast<qsizetype>(end - buffer));
            break;
        }
        default:
            type = PayloadViewer::tr("number");
            text = QString::fromStdString(boost::json::serialize(value));
            break;
    }
    auto* key_item = new QStandardItem(key);
    auto* value_item = new QStandardItem(text);
    auto* type_item = new QStandardItem(type);
    for (QStandardItem* item : {key_item, value_item, type_item}) item->setEditable(false);
    value_item->setToolTip(text.left(1000));
    int rows = 1;
    if (value.is_object()) {
        for (const auto& member : value.get_object())
            rows += addJsonRow(key_item, fromJsonString(member.key()), member.value());
    } else if (value.is_array()) {
        const auto& array = value.get_array();
        for (std::size_t i = 0; i < array.size(); ++i)
            rows += addJsonRow(key_item, QStringLiteral("[%1]").arg(i), array[i]);
    }
    parent->appendRow({key_item, value_item, type_item});
    return rows;
}

}  // namespace

PayloadViewer::PayloadViewer(QWidget* parent) : QWidget(parent) {
    mode_combo_ = new QComboBox(this);
    mode_combo_->addItem(tr("Auto"), int(PayloadMode::Auto));
    mode_combo_->addItem(tr("Text"), int(PayloadMode::Text));
    mode_combo_->addItem(tr("JSON"), int(PayloadMode::Json));
    mode_combo_->addItem(tr("Hex"), int(PayloadMode::Hex));
    mode_combo_->setToolTip(tr("How to show the payload"));
    expand_button_ = new QPushButton(tr("Expand all"), this);
    note_ = new QLabel(this);
    note_->setVisible(false);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    text_ = new QPlainTextEdit(this);
    text_->setReadOnly(true);
    hex_ = new QPlainTextEdit(this);
    hex_->setReadOnly(true);
    hex_->setFont(mono);
    hex_->setLineWrapMode(QPlainTextEdit::NoWrap);

    json_model_ = new QStandardItemModel(this);
    json_model_->setHorizontalHeaderLabels({tr("Key"), tr("Value"), tr("Type")});
    json_view_ = new QTreeView(this);
    json_view_->setModel(json_model_);
    json_view_->setUniformRowHeights(true);
    json_view_->setAlternatingRowColors(true);
    json_view_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    json_view_->header()->setStretchLastSection(false);
    json_view_->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    json_error_ = new QLabel(this);
    json_error_->setWordWrap(true);
    auto* json_page = new QWidget(this);
    auto* json_layout = new QVBoxLayout(json_page);
    json_layout->setContentsMargins(0, 0, 0, 0);
    json_layout->addWidget(json_error_);
    json_layout->addWidget(json_view_);

    stack_ = new QStackedWidget(this);
    stack_->insertWidget(TextPage, text_);
    stack_->insertWidget(JsonPage, json_page);
    stack_->insertWidget(HexPage, hex_);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("View as:"), this));
    bar->addWidget(mode_combo_);
    bar->addWidget(expand_button_);
    bar->addWidget(note_);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(stack_, 1);

    connect(mode_combo_, &QComboBox::currentIndexChanged, this, [this](int i) {
        mode_ = PayloadMode(mode_combo_->itemData(i).toInt());
        render();
    });
    connect(expand_button_, &QPushButton::clicked, json_view_, &QTreeView::expandAll);
    render();
}

PayloadMode PayloadViewer::detect(const QByteArray& payload) {
    qsizetype i = 0;
    while (i < payload.size() && QChar::isSpace(uchar(payload[i]))) ++i;
    if (i < payload.size() && (payload[i] == '{' || payload[i] == '[')) {
        if (auto value = parseJson(payload); value && (value->is_object() || value->is_array()))
            return PayloadMode::Json;
    }
    return isPlainUtf8Text(payload) ? PayloadMode::Text : PayloadMode::Hex;
}

void PayloadViewer::setPayload(const QByteArray& payload) {
    payload_ = payload;
    detected_ = detect(payload_);
    render();
}

void PayloadViewer::setMode(PayloadMode mode) {
    mode_combo_->setCurrentIndex(mode_combo_->findData(int(mode)));
}

PayloadMode PayloadViewer::effectiveMode() const {
    return mode_ == PayloadMode::Auto ? detected_ : mode_;
}

bool PayloadViewer::fillJson() {
    json_model_->removeRows(0, json_model_->rowCount());
    const auto value = parseJson(payload_);
    if (!value) {
        json_error_->setText(tr("The payload is not valid JSON."));
        json_error_->setVisible(true);
        return false;
    }
    json_error_->setVisible(false);
    const int rows = addJsonRow(json_model_->invisibleRootItem(), tr("(root)"), *value);
    if (rows <= 500)
        json_view_->expandAll();
    else
        json_view_->expandToDepth(0);
    json_view_->resizeColumnToContents(0);
    return true;
}

void PayloadViewer::render() {
    const PayloadMode mode = effectiveMode();
    const bool cut = payload_.size() > kMaxShownBytes && mode != PayloadMode::Json;
    const QByteArray shown = cut ? payload_.left(kMaxShownBytes) : payload_;
    note_->setVisible(cut);
    if (cut) {
        const QLocale locale;
        note_->setText(tr("First %1 of %2 bytes shown")
                           .arg(locale.toString(kMaxShownBytes), locale.toString(payload_.size())));
    }
    expand_button_->setVisible(mode == PayloadMode::Json);
    switch (mode) {
        case PayloadMode::Json:
            fillJson();
            stack_->setCurrentIndex(JsonPage);
            break;
        case PayloadMode::Hex:
            hex_->setPlainText(hexDump(shown));
            stack_->setCurrentIndex(HexPage);
            break;
        default:
            text_->setPlainText(QString::fromUtf8(shown));
            stack_->setCurrentIndex(TextPage);
            break;
    }
}

}  // namespace nwb::ui
