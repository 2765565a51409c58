// `latentlab [FILE]`: the desktop application. Thin on purpose: it reads the command line and hands everything
// else to latentlab_ui's MainWindow.
#include "ui/shell/allocator_settings.h"
#include "ui/shell/command_line.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QByteArray>
#include <QCoreApplication>
#include <QIcon>
#include <QProcessEnvironment>
#include <QTextStream>
#include <vector>

int main(int argc, char* argv[])
{
    latentlab::ui::returnLargeBlocksWhenFreed();
    QCoreApplication::setOrganizationName(QStringLiteral("LatentLab"));
    QCoreApplication::setApplicationName(QStringLiteral("LatentLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));

    // The command line is read under a QCoreApplication, which needs no display, so --help, --version and a
    // mistyped option answer on a bare terminal; QApplication would abort there in its platform plugin first.
    latentlab::ui::CommandLine line;
    {
        QCoreApplication console(argc, argv);
        latentlab::ui::installTranslations(console);
        line = latentlab::ui::parseCommandLine(QCoreApplication::arguments());
        using Action = latentlab::ui::CommandLine::Action;
        if (line.action == Action::Help || line.action == Action::Version) {
            QTextStream(stdout) << line.message << (line.message.endsWith(QLatin1Char('\n')) ? "" : "\n");
            return 0;
        }
        if (line.action == Action::Error) {
            QTextStream(stderr) << "latentlab: "
                                << QCoreApplication::translate(
                                       "latentlab::ui::CommandLine", "%1 (latentlab --help lists the options)")
                                       .arg(line.message)
                                << "\n";
            return 2;
        }
        const QString noDisplay = latentlab::ui::missingDisplayMessage(line, QProcessEnvironment::systemEnvironment().toStringList());
        if (!noDisplay.isEmpty()) {
            QTextStream(stderr) << "latentlab: " << noDisplay << "\n";
            return 1;
        }
    }

    // QApplication sees Qt's own options only; argv's storage lives as long as it does.
    std::vector<QByteArray> qtArgs;
    for (const QString& arg : line.qtArguments)
        qtArgs.push_back(arg.toLocal8Bit());
    std::vector<char*> qtArgv;
    for (QByteArray& arg : qtArgs)
        qtArgv.push_back(arg.data());
    qtArgv.push_back(nullptr);
    int qtArgc = static_cast<int>(qtArgs.size());

    QApplication app(qtArgc, qtArgv.data());
    QApplication::setApplicationDisplayName(QStringLiteral("LatentLab"));
    // The installed desktop entry's name: Wayland compositors find the icon and the menu entry through it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.latentlab.LatentLab"));
    // The installed theme's icon, else the copy compiled in (app/CMakeLists.txt).
    QIcon builtIn;
    for (const int size : { 32, 64, 256 })
        builtIn.addFile(QStringLiteral(":/icons/%1x%1/apps/org.latentlab.LatentLab.png").arg(size));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.latentlab.LatentLab"), builtIn));
    latentlab::ui::installTranslations(app);

    latentlab::ui::MainWindow window;
    window.show();
    latentlab::ui::openCommandLine(window, line);
    return app.exec();
}
