// Light and dark themes: follow the system by default, or force one.
#pragma once

#include <QString>

namespace nwb::ui {

enum class ThemeChoice { System, Light, Dark };

/// Call once, after QApplication exists and before any theme is applied: remembers the
/// platform's own style and palette so that System can restore them. GUI thread.
void rememberSystemTheme();
/// Applies the theme to the whole application. GUI thread.
void applyTheme(ThemeChoice choice);
/// Whether the palette now in use is dark (for icons and chart colours). GUI thread.
bool darkPaletteInUse();

QString themeKey(ThemeChoice choice);
ThemeChoice themeFromKey(const QString& key);

}  // namespace nwb::ui
