// Parses one page of a $JS.API list reply.
#include "ui/jetstream/js_list_page.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace nwb::ui {

std::expected<JsListPage, JsError> parseJsListPage(const QByteArray& payload,
                                                   const QString& items_key) {
    QJsonParseError parse_error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parse_error);
    if (!document.isObject()) {
        return std::unexpected(
            jsError(JsFailure::BadReply,
                    parse_error.error != QJsonParseError::NoError
                        ? parse_error.errorString()
                        : QCoreApplication::translate("nwb::ui::JsError", "not a JSON object")));
    }
    const QJsonObject reply = document.object();
    if (std::optional<JsError> error = jsErrorFromReply(reply)) return std::unexpected(*error);
    const QJsonValue items = reply.value(items_key);
    if (!items.isArray()) {
        return std::unexpected(jsError(
            JsFailure::BadReply,
            QCoreApplication::translate("nwb::ui::JsError", "no \"%1\" array").arg(items_key)));
    }
    JsListPage page;
    page.total = reply.value(u"total").toInteger();
    page.offset = reply.value(u"offset").toInteger();
    page.limit = reply.value(u"limit").toInteger();
    page.items = items.toArray();
    return page;
}

}  // namespace nwb::ui
