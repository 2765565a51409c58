#pragma once
// What `latentlab` was asked on its command line: `latentlab [FILE] [--model CKPT] [--session FILE] [--view V]`,
// where FILE is a dataset or a session (.latentlab, as a desktop's double-click passes it). Parsed before
// QApplication exists, since QApplication needs a display: --help, --version and a mistyped option answer on
// a terminal without one.
#include "ui/shell/workspace.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace latentlab::ui {

class MainWindow;

struct CommandLine {
    enum class Action { Open, Help, Version, Error };
    Action action = Action::Open;
    // Help: the usage; Version: the version line; Error: one sentence, without the program's name.
    QString message;
    QString dataset;
    QString model;
    QString session;
    std::optional<View> view;
    // The program name and Qt's own options (-style fusion, -platform xcb…), for QApplication; ours stay out,
    // so QApplication never takes our --session for its session manager's -session.
    QStringList qtArguments;
};

// arguments: as QCoreApplication::arguments() gives them, the program first.
CommandLine parseCommandLine(const QStringList& arguments);
// Opens what the command line names, in an order that keeps every note visible: the dataset, then the model
// (once the data has loaded), then the session, then the view.
void openCommandLine(MainWindow& window, const CommandLine& line);
// A session file rather than data: a file (not a folder) whose name ends in .latentlab.
bool isSessionPath(const QString& path);
// "LatentLab 0.1.0 (Qt 6.4.2, LibTorch 1.13.1)".
QString versionLine();
// Empty when a window can be opened; otherwise the sentence why not (no X11 or Wayland display, and no Qt
// platform chosen by -platform or QT_QPA_PLATFORM), said before QApplication would abort in its plugin.
// environment: "NAME=value" entries, as QProcessEnvironment::systemEnvironment().toStringList() gives them.
QString missingDisplayMessage(const CommandLine& line, const QStringList& environment);

} // namespace latentlab::ui
