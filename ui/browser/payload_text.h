// Text forms of a message payload shared by the browser's models and viewers: a one-line preview,
// a UTF-8 check, and a hexdump -C style dump.
#pragma once

#include <QByteArray>
#include <QString>

namespace nwb::ui {

/// The first `max_chars` characters of `payload` decoded as UTF-8 on one line: tab, CR and LF
/// become spaces, other control characters '·'; a trailing "…" marks a cut.
/// Any thread; pure.
QString payloadPreview(const QByteArray& payload, int max_chars = 80);

/// True when `payload` is valid UTF-8 with no control characters except tab, CR and LF.
/// Any thread; pure.
bool isPlainUtf8Text(const QByteArray& payload);

/// Offset, 16 hex bytes (two groups of 8) and the ASCII column ('.' for the unprintable), one
/// line per 16 bytes joined by '\n', as `hexdump -C` prints them. Any thread; pure.
QString hexDump(const QByteArray& payload);

}  // namespace nwb::ui
