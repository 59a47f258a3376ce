// Go duration texts as nats-server's monitoring JSON writes them ("1y2d3h4m5s", "1.5ms", "812µs").
#pragma once

#include <QStringView>

#include <optional>

namespace nwb::ui {

/// Microseconds in `text`: a sequence of <number><unit> with units y (365 d), d, h, m, s, ms,
/// us/µs, ns, optionally signed; "0" alone is zero. nullopt if malformed. Any thread.
std::optional<double> goDurationMicros(QStringView text);

}  // namespace nwb::ui
