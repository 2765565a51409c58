// `latentlab`'s command line: a .latentlab argument is a session (what a desktop's double-click passes) and
// anything else a dataset; --help, --version and every mistake are answered before a window exists; Qt's own
// options go to QApplication and ours never do. A session from the command line or dropped on the window opens.
#include "tests/ui/ui_fixtures.h"
#include "ui/shell/command_line.h"
#include "ui/shell/main_window.h"
#include "ui/shell/session_file.h"
#include "ui/shell/workspace.h"

#include <QDir>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QtTest>

using namespace latentlab::ui;
using latentlab::testing::TempDir;

namespace {

CommandLine parse(const QStringList& args)
{
    return parseCommandLine(QStringList { QStringLiteral("latentlab") } + args);
}

// A session naming a freshly written tiny dataset, with the Explorer in front.
QString writeTinySession(const TempDir& dir)
{
    fixtures::tinyImages(dir);
    Session session;
    session.dataset = QString::fromStdString(dir.path());
    session.view = viewName(View::Explorer);
    const QString path = QString::fromStdString(dir.path() + "/saved.latentlab");
    writeSession(path, session);
    return path;
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { fixtures::isolateSettings(); }

    void theFileIsADatasetOrASession()
    {
        CommandLine line = parse({ QStringLiteral("/data/fashion") });
        QVERIFY(line.action == CommandLine::Action::Open);
        QCOMPARE(line.dataset, QStringLiteral("/data/fashion"));
        QVERIFY(line.session.isEmpty());

        line = parse({ QStringLiteral("/home/me/run.latentlab") });
        QVERIFY(line.action == CommandLine::Action::Open);
        QCOMPARE(line.session, QStringLiteral("/home/me/run.latentlab"));
        QVERIFY(line.dataset.isEmpty());
        QCOMPARE(parse({ QStringLiteral("RUN.LATENTLAB") }).session, QStringLiteral("RUN.LATENTLAB"));

        // A folder of images that happens to be named so is still data.
        TempDir dir;
        const QString folder = QString::fromStdString(dir.path() + "/images.latentlab");
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(parse({ folder }).dataset, folder);
        QVERIFY(!isSessionPath(folder));

        QVERIFY(parse({}).action == CommandLine::Action::Open);
        QVERIFY(parse({}).dataset.isEmpty());
    }

    void optionsAreRead()
    {
        const CommandLine line = parse({ QStringLiteral("data"), QStringLiteral("--model"), QStringLiteral("m.ckpt"),
            QStringLiteral("--view"), QStringLiteral("explorer") });
        QVERIFY(line.action == CommandLine::Action::Open);
        QCOMPARE(line.dataset, QStringLiteral("data"));
        QCOMPARE(line.model, QStringLiteral("m.ckpt"));
        QVERIFY(line.view == View::Explorer);

        QCOMPARE(parse({ QStringLiteral("--session"), QStringLiteral("s.latentlab") }).session,
            QStringLiteral("s.latentlab"));
        // The samples are a view like the others, not a mistake.
        const CommandLine samples = parse({ QStringLiteral("--view=samples") });
        QVERIFY(samples.action == CommandLine::Action::Open);
        QVERIFY(samples.view == View::Samples);
    }

    void helpAndVersionAnswerAlone()
    {
        const CommandLine help = parse({ QStringLiteral("data"), QStringLiteral("--help") });
        QVERIFY(help.action == CommandLine::Action::Help);
        for (const char* expected :
            { "[FILE]", "--model <CHECKPOINT>", "--session <FILE>", "--view <VIEW>", "--version", ".latentlab" })
            QVERIFY2(help.message.contains(QLatin1String(expected)), qPrintable(help.message));

        for (const char* flag : { "--version", "-v" }) {
            const CommandLine version = parse({ QLatin1String(flag) });
            QVERIFY(version.action == CommandLine::Action::Version);
            QCOMPARE(version.message, versionLine());
        }
        QVERIFY(versionLine().startsWith(QStringLiteral("LatentLab " LATENTLAB_VERSION " (Qt ")));
        QVERIFY(versionLine().contains(QStringLiteral(", LibTorch ")));
    }

    void mistakesAreOneSentence_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") }
                                        << QStringLiteral("frobnicate");
        QTest::newRow("missing value") << QStringList { QStringLiteral("--model") } << QStringLiteral("--model");
        QTest::newRow("unknown view") << QStringList { QStringLiteral("--view"), QStringLiteral("gallery") }
                                      << QStringLiteral("\"gallery\"");
        QTest::newRow("two files") << QStringList { QStringLiteral("a"), QStringLiteral("b") }
                                   << QStringLiteral("also given: b");
        QTest::newRow("two sessions") << QStringList { QStringLiteral("a.latentlab"), QStringLiteral("--session"),
            QStringLiteral("b.latentlab") }
                                      << QStringLiteral("a.latentlab and --session b.latentlab");
    }

    void mistakesAreOneSentence()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const CommandLine line = parse(args);
        QVERIFY(line.action == CommandLine::Action::Error);
        QVERIFY2(line.message.contains(says), qPrintable(line.message));
        QVERIFY(!line.message.contains(QLatin1Char('\n')));
        QVERIFY(line.message.endsWith(QLatin1Char('.')));
    }

    // QApplication reads Qt's options and would take our --session for the session manager's -session:
    // it gets the program and Qt's options only.
    void qtOptionsGoToQtAlone()
    {
        const CommandLine line = parse({ QStringLiteral("-style"), QStringLiteral("fusion"),
            QStringLiteral("--session"), QStringLiteral("s.latentlab"), QStringLiteral("-platform=offscreen"),
            QStringLiteral("-reverse"), QStringLiteral("-session"), QStringLiteral("1234_5"), QStringLiteral("data") });
        QVERIFY2(line.action == CommandLine::Action::Open, qPrintable(line.message));
        QCOMPARE(line.qtArguments,
            (QStringList { QStringLiteral("latentlab"), QStringLiteral("-style"), QStringLiteral("fusion"),
                QStringLiteral("-platform=offscreen"), QStringLiteral("-reverse"), QStringLiteral("-session"),
                QStringLiteral("1234_5") }));
        QCOMPARE(line.session, QStringLiteral("s.latentlab"));
        QCOMPARE(line.dataset, QStringLiteral("data"));
        // After "--" a file may look like an option.
        QCOMPARE(parse({ QStringLiteral("--"), QStringLiteral("-style") }).dataset, QStringLiteral("-style"));
        QCOMPARE(parse({ QStringLiteral("--"), QStringLiteral("-style") }).qtArguments,
            QStringList { QStringLiteral("latentlab") });
    }

    // No display and no platform chosen: one sentence before QApplication would abort in its plugin.
    void withoutADisplayTheWindowSaysSo()
    {
        const CommandLine plain = parse({ QStringLiteral("data") });
        const QString why = missingDisplayMessage(plain, { QStringLiteral("HOME=/root"), QStringLiteral("DISPLAY=") });
        QVERIFY(why.contains(QStringLiteral("no display")));
        QVERIFY(why.contains(QStringLiteral("latentlab-cli")));
        QVERIFY(missingDisplayMessage(plain, { QStringLiteral("DISPLAY=:0") }).isEmpty());
        QVERIFY(missingDisplayMessage(plain, { QStringLiteral("WAYLAND_DISPLAY=wayland-0") }).isEmpty());
        QVERIFY(missingDisplayMessage(plain, { QStringLiteral("QT_QPA_PLATFORM=offscreen") }).isEmpty());
        QVERIFY(missingDisplayMessage(parse({ QStringLiteral("-platform"), QStringLiteral("offscreen") }), {}).isEmpty());
        QVERIFY(missingDisplayMessage(parse({ QStringLiteral("-platform=offscreen") }), {}).isEmpty());
    }

    void aSessionArgumentOpensTheSession()
    {
        TempDir dir;
        const QString path = writeTinySession(dir);
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        openCommandLine(window, parse({ path }));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.datasetPath(), QString::fromStdString(dir.path()));
        QTRY_COMPARE(window.workspace()->currentView(), View::Explorer);
    }

    void aDroppedSessionOpensTheSession()
    {
        TempDir dir;
        const QString path = writeTinySession(dir);
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetChanged);
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        // As a drag does: entered first (the drop goes where the drag was accepted).
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.datasetPath(), QString::fromStdString(dir.path()));
        QTRY_COMPARE(window.workspace()->currentView(), View::Explorer);
    }
};

QTEST_MAIN(TestCommandLine)
#include "test_command_line.moc"
