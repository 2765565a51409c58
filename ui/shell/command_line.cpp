#include "ui/shell/command_line.h"

#include "core/util/build_info.h"
#include "ui/shell/main_window.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <iterator>

namespace latentlab::ui {
namespace {

// Qt's own options (QGuiApplication's and QApplication's), which QApplication reads and removes. Ours are
// parsed before it exists, so these are set aside for it first. "-session" with one dash is the session
// manager's restart id; "--session" is ours.
const char* const kQtValueOptions[] = { "platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
    "qwindowicon", "qwindowtitle", "display", "geometry", "style", "stylesheet" };
const char* const kQtFlagOptions[] = { "reverse", "widgetcount", "nograb", "dograb" };

// "-style", "--style" -> "style"; "" for what is not an option.
QString optionName(const QString& arg)
{
    if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-") || arg == QLatin1String("--"))
        return {};
    const QString name = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
    return name.left(name.indexOf(QLatin1Char('=')));
}

bool isOneOf(const QString& name, const char* const* begin, const char* const* end)
{
    return std::any_of(begin, end, [&](const char* n) { return name == QLatin1String(n); });
}

// Splits Qt's options (into qt, the program first) from ours.
QStringList takeQtArguments(const QStringList& arguments, QStringList& qt)
{
    QStringList ours;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        if (i == 0) {
            qt << arg;
            ours << arg;
            continue;
        }
        if (arg == QLatin1String("--")) { // what follows is a file, whatever its name
            ours << arguments.mid(i);
            break;
        }
        const QString name = optionName(arg);
        const bool managerSession = arg == QLatin1String("-session");
        if (managerSession || isOneOf(name, std::begin(kQtValueOptions), std::end(kQtValueOptions))) {
            qt << arg;
            if (!arg.contains(QLatin1Char('=')) && i + 1 < arguments.size())
                qt << arguments[++i];
        } else if (isOneOf(name, std::begin(kQtFlagOptions), std::end(kQtFlagOptions))) {
            qt << arg;
        } else {
            ours << arg;
        }
    }
    return ours;
}

QString viewNames()
{
    return QStringLiteral("samples, training, explorer, anomalies, labels, duplicates, models");
}

CommandLine failure(const QString& sentence)
{
    CommandLine line;
    line.action = CommandLine::Action::Error;
    line.message = sentence;
    return line;
}

} // namespace

QString versionLine()
{
    return QStringLiteral("LatentLab %1 (Qt %2, LibTorch %3)")
        .arg(QStringLiteral(LATENTLAB_VERSION), QString::fromLatin1(qVersion()),
            QString::fromStdString(libtorchVersion()));
}

bool isSessionPath(const QString& path)
{
    const QFileInfo info(path);
    return info.suffix().compare(QLatin1String("latentlab"), Qt::CaseInsensitive) == 0 && !info.isDir();
}

CommandLine parseCommandLine(const QStringList& arguments)
{
    QStringList qt;
    const QStringList ours = takeQtArguments(arguments, qt);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "latentlab::ui::CommandLine", "Train autoencoders and explore their latent space."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") },
        QCoreApplication::translate("latentlab::ui::CommandLine", "Show this help and quit."));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") },
        QCoreApplication::translate(
            "latentlab::ui::CommandLine", "Show the version (and Qt's and LibTorch's) and quit."));
    const QCommandLineOption model(QStringLiteral("model"),
        QCoreApplication::translate("latentlab::ui::CommandLine", "Model checkpoint to open."),
        QStringLiteral("CHECKPOINT"));
    const QCommandLineOption session(QStringLiteral("session"),
        QCoreApplication::translate("latentlab::ui::CommandLine", "Session file to restore."), QStringLiteral("FILE"));
    const QCommandLineOption view(QStringLiteral("view"),
        QCoreApplication::translate("latentlab::ui::CommandLine", "View to show first: %1.").arg(viewNames()),
        QStringLiteral("VIEW"));
    parser.addOptions({ help, version, model, session, view });
    parser.addPositionalArgument(QStringLiteral("FILE"),
        QCoreApplication::translate("latentlab::ui::CommandLine",
            "Dataset to open (an IDX, .npy or CSV/TSV file, or a folder), or a session (.latentlab)."),
        QStringLiteral("[FILE]"));

    if (!parser.parse(ours))
        return failure(parser.errorText());
    CommandLine line;
    line.qtArguments = qt;
    if (parser.isSet(help)) {
        line.action = CommandLine::Action::Help;
        line.message = parser.helpText();
        return line;
    }
    if (parser.isSet(version)) {
        line.action = CommandLine::Action::Version;
        line.message = versionLine();
        return line;
    }

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return failure(QCoreApplication::translate(
            "latentlab::ui::CommandLine", "Give one file, a dataset or a session; also given: %1.")
                           .arg(files.mid(1).join(QLatin1Char(' '))));
    if (!files.isEmpty()) {
        if (isSessionPath(files.first()))
            line.session = files.first();
        else
            line.dataset = files.first();
    }
    if (parser.isSet(session)) {
        if (!line.session.isEmpty())
            return failure(QCoreApplication::translate(
                "latentlab::ui::CommandLine", "Give one session: %1 and --session %2 are two.")
                               .arg(line.session, parser.value(session)));
        line.session = parser.value(session);
    }
    line.model = parser.value(model);
    if (parser.isSet(view)) {
        line.view = viewFromName(parser.value(view));
        if (!line.view)
            return failure(
                QCoreApplication::translate("latentlab::ui::CommandLine", "Unknown view \"%1\" (expected %2).")
                    .arg(parser.value(view), viewNames()));
    }
    return line;
}

QString missingDisplayMessage(const CommandLine& line, const QStringList& environment)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const auto isSet = [&](const QString& name) {
        for (const QString& entry : environment)
            if (entry.startsWith(name + QLatin1Char('=')) && entry.size() > name.size() + 1)
                return true;
        return false;
    };
    // Qt's -platform option (or its environment variable) picks a plugin that may need no display at all.
    bool platformChosen = isSet(QStringLiteral("QT_QPA_PLATFORM"));
    for (const QString& arg : line.qtArguments)
        platformChosen = platformChosen || arg == QLatin1String("-platform") || arg == QLatin1String("--platform")
                         || arg.startsWith(QLatin1String("-platform=")) || arg.startsWith(QLatin1String("--platform="));
    if (platformChosen || isSet(QStringLiteral("DISPLAY")) || isSet(QStringLiteral("WAYLAND_DISPLAY")))
        return {};
    return QCoreApplication::translate(
        "latentlab::ui::CommandLine",
        "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "latentlab-cli does every job without one.");
#else
    Q_UNUSED(line);
    Q_UNUSED(environment);
    return {};
#endif
}

void openCommandLine(MainWindow& window, const CommandLine& line)
{
    if (!line.dataset.isEmpty())
        window.openDataset(line.dataset);
    if (!line.model.isEmpty())
        window.openModel(line.model);
    if (!line.session.isEmpty())
        window.openSession(line.session);
    // Not the samples: they are in front after every load anyway.
    if (line.view && *line.view != View::Samples)
        window.showView(*line.view);
}

} // namespace latentlab::ui
