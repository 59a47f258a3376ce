// Go duration texts as nats-server's monitoring JSON writes them.
#include "ui/monitoring/go_duration.h"

namespace nwb::ui {

namespace {

/// Microseconds per unit, or 0 when `unit` is not one.
double unitMicros(QStringView unit) {
    constexpr double kSecond = 1e6;
    if (unit == u"ns") return 1e-3;
    if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs") return 1;
    if (unit == u"ms") return 1e3;
    if (unit == u"s") return kSecond;
    if (unit == u"m") return 60 * kSecond;
    if (unit == u"h") return 3600 * kSecond;
    if (unit == u"d") return 86400 * kSecond;
    if (unit == u"y") return 365 * 86400 * kSecond;
    return 0;
}

bool isUnitChar(QChar c) {
    return c.isLetter() || c == QChar(0x00b5) || c == QChar(0x03bc);
}

}  // namespace

std::optional<double> goDurationMicros(QStringView text) {
    text = text.trimmed();
    if (text.isEmpty()) return std::nullopt;
    double sign = 1;
    if (text.front() == u'-' || text.front() == u'+') {
        if (text.front() == u'-') sign = -1;
        text = text.mid(1);
    }
    if (text == u"0") return 0.0;
    if (text.isEmpty()) return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype number_start = i;
        while (i < text.size() && (text[i].isDigit() || text[i] == u'.')) ++i;
        if (i == number_start) return std::nullopt;
        bool ok = false;
        const double number = text.mid(number_start, i - number_start).toDouble(&ok);
        if (!ok) return std::nullopt;
        const qsizetype unit_start = i;
        while (i < text.size() && isUnitChar(text[i])) ++i;
        const double per_unit = unitMicros(text.mid(unit_start, i - unit_start));
        if (per_unit == 0) return std::nullopt;
        total += number * per_unit;
    }
    return sign * total;
}

}  // namespace nwb::ui
