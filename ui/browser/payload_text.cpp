// Text forms of a message payload: preview, UTF-8 check, hex dump.
#include "ui/browser/payload_text.h"

#include <QStringDecoder>

namespace nwb::ui {

namespace {

bool isControl(char32_t c) { return c < 0x20 || (c >= 0x7f && c < 0xa0); }

}  // namespace

QString payloadPreview(const QByteArray& payload, int max_chars) {
    // A UTF-8 character takes at most 4 bytes: decoding 4 × max_chars (+1 to see a cut) is enough.
    const qsizetype take = qMin<qsizetype>(payload.size(), qsizetype(max_chars) * 4 + 4);
    QString text = QString::fromUtf8(payload.constData(), take);
    const bool cut = text.size() > max_chars || take < payload.size();
    if (text.size() > max_chars) text.truncate(max_chars);
    for (QChar& ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\t' || c == u'\n' || c == u'\r')
            ch = u' ';
        else if (isControl(c))
            ch = QChar(0xb7);  // middle dot: every font has it
    }
    if (cut) text += QChar(0x2026);
    return text;
}

bool isPlainUtf8Text(const QByteArray& payload) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(payload);
    if (decoder.hasError()) return false;
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\t' || c == u'\n' || c == u'\r') continue;
        if (isControl(c)) return false;
    }
    return true;
}

QString hexDump(const QByteArray& payload) {
    static constexpr char kDigits[] = "0123456789abcdef";
    QString out;
    const qsizetype lines = (payload.size() + 15) / 16;
    out.reserve(lines * 79);
    for (qsizetype line = 0; line < lines; ++line) {
        const qsizetype offset = line * 16;
        if (line > 0) out += u'\n';
        out += QStringLiteral("%1").arg(offset, 8, 16, QChar(u'0'));
        out += u' ';
        for (int i = 0; i < 16; ++i) {
            if (i == 8) out += u' ';
            out += u' ';
            if (offset + i < payload.size()) {
                const auto byte = static_cast<unsigned char>(payload[offset + i]);
                out += QChar(kDigits[byte >> 4]);
                out += QChar(kDigits[byte & 0xf]);
            } else {
                out += QStringLiteral("  ");
            }
        }
        out += QStringLiteral("  |");
        for (qsizetype i = offset; i < qMin(offset + 16, payload.size()); ++i) {
            const auto byte = static_cast<unsigned char>(payload[i]);
            out += (byte >= 0x20 && byte < 0x7f) ? QChar(byte) : QChar(u'.');
        }
        out += u'|';
    }
    return out;
}

}  // namespace nwb::ui
