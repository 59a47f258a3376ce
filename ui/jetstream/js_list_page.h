// One page of a $JS.API list reply (STREAM.LIST, CONSUMER.LIST): paging figures and items.
#pragma once

#include "ui/jetstream/js_error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <expected>

namespace nwb::ui {

struct JsListPage {
    qint64 total = 0;   ///< items in the whole list
    qint64 offset = 0;  ///< index of this page's first item
    qint64 limit = 0;   ///< the most items the server puts in one page
    QJsonArray items;   ///< this page's "streams" or "consumers"
};

/// Reads a list reply whose items are under `items_key`. An "error" member, or a reply that
/// is not a JSON object with that array, comes back as the error. Any thread; pure.
std::expected<JsListPage, JsError> parseJsListPage(const QByteArray& payload,
                                                   const QString& items_key);

}  // namespace nwb::ui
