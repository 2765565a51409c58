// `latentlab [DATA]`: the desktop application. Thin on purpose: it parses the command line and hands
// everything else to latentlab_ui's MainWindow.
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui/shell/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QStringList>

#include <optional>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("LatentLab"));
    QApplication::setApplicationName(QStringLiteral("LatentLab"));
    QApplication::setApplicationDisplayName(QStringLiteral("LatentLab"));
    QApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));

    latentlab::ui::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Train autoencoders and explore their latent space."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("DATA"),
                                 QStringLiteral("Dataset to open: an IDX, .npy or CSV/TSV file, or a folder."),
                                 QStringLiteral("[DATA]"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model checkpoint to open."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption session(QStringLiteral("session"), QStringLiteral("Session file to restore."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("View to show first: samples, training, explorer, anomalies, labels or duplicates."),
                                  QStringLiteral("VIEW"));
    parser.addOptions({model, session, view});
    parser.process(app);

    latentlab::ui::MainWindow window;
    window.show();

    // The dataset first, so the notes below are shown once it has loaded instead of vanishing under
    // "Loading …".
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        window.openDataset(positional.first());
    if (positional.size() > 1)
        window.addNote(QStringLiteral("only one dataset can be opened; ignored %1").arg(positional.mid(1).join(QLatin1Char(' '))));

    if (parser.isSet(model))
        window.openModel(parser.value(model));
    if (parser.isSet(session))
        window.openSession(parser.value(session));
    if (parser.isSet(view)) {
        const QString name = parser.value(view);
        const std::optional<latentlab::ui::View> chosen = latentlab::ui::viewFromName(name);
        // Not the samples: they are in front after every load anyway.
        if (chosen && *chosen != latentlab::ui::View::Samples)
            window.showView(*chosen);
        else
            window.addNote(QStringLiteral("unknown view \"%1\" (expected samples, training, explorer, anomalies, labels or duplicates)").arg(name));
    }
    return app.exec();
}
