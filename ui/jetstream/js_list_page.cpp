// Parses one page of a $JS.API list reply.
#include "ui/jetstream/js_list_page.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace nwb::ui {

std::expected<JsListPage, JsError> parseJsListPage(const QByteArray& payload,
                                                   const QString& items_key) {
    auto parsed = parseJsReply(payload);
    if (!parsed) return std::unexpected(parsed.error());
    const QJsonObject& reply = *parsed;
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
