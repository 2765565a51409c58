#include "ui/shell/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace latentlab::ui {
namespace {

const QString kLanguageKey = QStringLiteral("language");

} // namespace

QString languageSetting()
{
    return QSettings().value(kLanguageKey).toString();
}

void setLanguageSetting(const QString& language)
{
    QSettings().setValue(kLanguageKey, language);
}

QStringList availableLanguages()
{
    return {QString(), QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString languageName(const QString& language)
{
    if (language.isEmpty())
        return QCoreApplication::translate("latentlab::ui::Language", "System (%1)")
            .arg(QLocale::system().nativeLanguageName());
    // Each language in its own words, so a person who cannot read the current one still finds theirs.
    if (language == QStringLiteral("zh_CN"))
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString installTranslations(QCoreApplication& app)
{
    const QString setting = languageSetting();
    const QLocale locale = setting.isEmpty() ? QLocale::system() : QLocale(setting);
    // Owned by the application, which keeps them installed for its whole life.
    auto* ours = new QTranslator(&app);
    if (!ours->load(locale, QStringLiteral("latentlab"), QStringLiteral("_"), QStringLiteral(":/translations"))) {
        delete ours;
        return QStringLiteral("en");
    }
    app.installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs) where Debian's qt6-translations-l10n is installed.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return locale.name();
}

} // namespace latentlab::ui
