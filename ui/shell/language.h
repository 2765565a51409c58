#pragma once
// Which language the window speaks: the system's by default, or the one chosen in View > Language (kept in
// QSettings, applied at the next start: every widget is built with its strings then). English is the
// source language; Simplified Chinese ships as a compiled-in translation.
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace latentlab::ui {

// "" (follow the system), "en" or "zh_CN".
QString languageSetting();
void setLanguageSetting(const QString& language);
// The languages offered, as codes ("" first: the system's).
QStringList availableLanguages();
// The language's own name: "English", "简体中文"; "System (…)" for "".
QString languageName(const QString& language);
// Installs the translator for the setting (or the system locale); returns the language in use ("en" when no
// translation matched).
QString installTranslations(QCoreApplication& app);

} // namespace latentlab::ui
