// Why a $JS.API request gave no answer the panel can use, and the sentence it shows for it.
#pragma once

#include "ui/client/nats_session.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <expected>
#include <optional>

namespace nwb::ui {

enum class JsFailure {
    NotConnected,   ///< the session is not connected
    NotEnabled,     ///< no responders on $JS.API, or the API's "JetStream not enabled" errors
    Timeout,        ///< no reply within the request timeout
    ApiError,       ///< any other "error" object in the reply
    BadReply,       ///< a reply that is not the JSON the API promises
    RequestFailed,  ///< any other request failure (libnats' text in detail)
};

struct JsError {
    JsFailure kind = JsFailure::RequestFailed;
    int code = 0;      ///< the API error's "code" (404, 503, ...); 0 when the API did not answer
    int err_code = 0;  ///< the API error's "err_code" (10039, 10059, ...)
    QString detail;    ///< the server's description, or the request's own error text

    bool operator==(const JsError&) const = default;
};

/// An error that is not the API's own (no code or err_code).
inline JsError jsError(JsFailure kind, QString detail = {}) {
    JsError error;
    error.kind = kind;
    error.detail = std::move(detail);
    return error;
}

/// nats-server's err_codes for "JetStream not enabled for account" and "JetStream not enabled".
inline constexpr int kJsNotEnabledForAccount = 10039;
inline constexpr int kJsNotEnabled = 10076;

/// The "error" member of a $JS.API reply, if it has one. Any thread; pure.
std::optional<JsError> jsErrorFromReply(const QJsonObject& reply);
/// A JetStream API reply as a JSON object: BadReply when it is not one, the API's own error
/// when it carries one.
std::expected<QJsonObject, JsError> parseJsReply(const QByteArray& payload);
/// Classifies a request that did not succeed (result.ok false). GUI thread (compares with
/// NatsSession's translated texts).
JsError jsErrorFromRequest(const RequestResult& result);
/// The sentence shown in the panel, translated. GUI thread.
QString jsErrorText(const JsError& error);

}  // namespace nwb::ui
