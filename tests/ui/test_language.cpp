// The Simplified Chinese translation ships complete and is what the window speaks when chosen; English
// stays the source language.
#include "core/analysis/projection.h"
#include "ui/explorer/projection_text.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"

#include "tests/ui/ui_fixtures.h"

#include <QtTest>

#include <QFile>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QTranslator>

using namespace latentlab::ui;

class TestLanguage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        latentlab::ui::fixtures::isolateSettings();
    }

    // Every string of the .ts is translated and keeps its placeholders (%1, %2 ...).
    void translationIsComplete()
    {
        QFile ts(QStringLiteral(LATENTLAB_SOURCE_DIR "/resources/translations/latentlab_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        QVERIFY(text.count(QStringLiteral("<message>")) > 150);
        QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
        const QRegularExpression pair(QStringLiteral("<source>(.*?)</source>\\s*<translation>(.*?)</translation>"),
                                      QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpression placeholder(QStringLiteral("%\\d"));
        for (auto it = pair.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            QStringList a, b;
            for (auto p = placeholder.globalMatch(m.captured(1)); p.hasNext();)
                a << p.next().captured();
            for (auto p = placeholder.globalMatch(m.captured(2)); p.hasNext();)
                b << p.next().captured();
            a.sort();
            b.sort();
            QVERIFY2(a == b, qPrintable(m.captured(1)));
        }
    }

    void chosenLanguageIsSpokenAfterRestart()
    {
        setLanguageSetting(QStringLiteral("zh_CN"));
        QCOMPARE(installTranslations(*QCoreApplication::instance()), QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate("latentlab::ui::TrainingView", "Train"), QStringLiteral("训练"));
        MainWindow window;
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        QCOMPARE(languageName(QStringLiteral("zh_CN")), QStringLiteral("简体中文"));
        // The explorer's line about its layout is the window's own, not core's English.
        latentlab::Projection layout;
        layout.method = latentlab::ProjectionMethod::Latent;
        layout.latentDims = 2;
        layout.inputRows = 5;
        layout.xy = torch::zeros({5, 2});
        QCOMPARE(projectionText(layout), QStringLiteral("二维潜变量本身，全部 5 个点"));
        // Qt's own buttons and dialogs speak it too, from Debian's qt6-translations-l10n (scripts/setup.sh).
        const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_CN.qm");
        if (QFile::exists(qtbase))
            QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        else
            qWarning("%s is not installed: Qt's own dialogs stay in English", qPrintable(qtbase));

        // English has no translation file: nothing is installed and the source strings show.
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>();
        for (QTranslator* t : translators)
            QCoreApplication::removeTranslator(t);
        setLanguageSetting(QStringLiteral("en"));
        QCOMPARE(installTranslations(*QCoreApplication::instance()), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("latentlab::ui::TrainingView", "Train"), QStringLiteral("Train"));
        QCOMPARE(projectionText(layout), QString::fromStdString(layout.describe()));
    }
};

QTEST_MAIN(TestLanguage)
#include "test_language.moc"
