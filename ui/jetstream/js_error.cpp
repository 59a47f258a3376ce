// Turns $JS.API error objects and failed requests into JsError and readable text.
#include "ui/jetstream/js_error.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace nwb::ui {

std::optional<JsError> jsErrorFromReply(const QJsonObject& reply) {
    const QJsonValue value = reply.value(u"error");
    if (!value.isObject()) return std::nullopt;
    const QJsonObject error = value.toObject();
    JsError result;
    result.code = error.value(u"code").toInt();
    result.err_code = error.value(u"err_code").toInt();
    result.detail = error.value(u"description").toString();
    const bool not_enabled =
        result.err_code == kJsNotEnabledForAccount || result.err_code == kJsNotEnabled;
    result.kind = not_enabled ? JsFailure::NotEnabled : JsFailure::ApiError;
    return result;
}

JsError jsErrorFromRequest(const RequestResult& result) {
    JsError error;
    error.detail = result.error;
    if (result.error == NatsSession::tr("not connected")) {
        error.kind = JsFailure::NotConnected;
    } else if (result.error == NatsSession::tr("no responders available for request")) {
        error.kind = JsFailure::NotEnabled;  // nobody serves $JS.API: a server without -js
    } else if (result.error == NatsSession::tr("timeout")) {
        error.kind = JsFailure::Timeout;
    } else {
        error.kind = JsFailure::RequestFailed;
    }
    return error;
}

QString jsErrorText(const JsError& error) {
    const auto api_error = [&error](const char* text) {
        return QCoreApplication::translate("nwb::ui::JsError", text)
            .arg(error.detail)
            .arg(error.code)
            .arg(error.err_code);
    };
    switch (error.kind) {
        case JsFailure::NotConnected:
            return QCoreApplication::translate("nwb::ui::JsError", "Not connected to the server.");
        case JsFailure::NotEnabled:
            if (error.code != 0) {
                return api_error(QT_TRANSLATE_NOOP(
                    "nwb::ui::JsError",
                    "JetStream is not enabled for this account: %1 (error %2, code %3)."));
            }
            return QCoreApplication::translate(
                "nwb::ui::JsError",
                "JetStream is not enabled on this server: nobody answers on $JS.API.");
        case JsFailure::Timeout:
            return QCoreApplication::translate("nwb::ui::JsError",
                                               "The JetStream API did not answer in time.");
        case JsFailure::ApiError:
            return api_error(
                QT_TRANSLATE_NOOP("nwb::ui::JsError",
                                  "The JetStream API reported an error: %1 (error %2, code %3)."));
        case JsFailure::BadReply:
            return QCoreApplication::translate(
                       "nwb::ui::JsError",
                       "The JetStream API sent a reply that cannot be read: %1.")
                .arg(error.detail);
        case JsFailure::RequestFailed:
            break;
    }
    return QCoreApplication::translate("nwb::ui::JsError", "The JetStream request failed: %1.")
        .arg(error.detail);
}

std::expected<QJsonObject, JsError> parseJsReply(const QByteArray& payload) {
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
    return reply;
}

}  // namespace nwb::ui
