// Loads Qt's own and the workbench's translations (compiled in as :/i18n/nwb_<lang>.qm).
#pragma once

#include <QLocale>

class QCoreApplication;

namespace nwb::ui {

/// Installs the translators for `locale` on `app`; English gets its plural forms from nwb_en.
/// Returns whether the workbench's own translation was found. GUI thread, once.
bool installTranslators(QCoreApplication& app, const QLocale& locale = QLocale());

}  // namespace nwb::ui
