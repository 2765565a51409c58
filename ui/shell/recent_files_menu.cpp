#include "ui/shell/recent_files_menu.h"

#include "ui/common/format.h"

#include <QDir>
#include <QSettings>

namespace latentlab::ui {
namespace {
const auto kKey = QStringLiteral("recentFiles");
}

RecentFilesMenu::RecentFilesMenu(QWidget* parent)
    : QMenu(tr("Open &Recent"), parent)
{
    files_ = QSettings().value(kKey).toStringList().mid(0, kMaxFiles);
    rebuild();
}

void RecentFilesMenu::addFile(const QString& path)
{
    const QString clean = QDir::cleanPath(path);
    files_.removeAll(clean);
    files_.prepend(clean);
    files_ = files_.mid(0, kMaxFiles);
    store();
}

void RecentFilesMenu::removeFile(const QString& path)
{
    if (files_.removeAll(QDir::cleanPath(path)) > 0)
        store();
}

void RecentFilesMenu::clearFiles()
{
    files_.clear();
    store();
}

void RecentFilesMenu::store()
{
    QSettings().setValue(kKey, files_);
    rebuild();
    Q_EMIT filesChanged(files_);
}

void RecentFilesMenu::rebuild()
{
    clear();
    for (int i = 0; i < files_.size(); ++i) {
        const QString path = files_[i];
        // "&1 fashion-mnist": a mnemonic for the first nine; a literal & in a name must be doubled.
        QString escaped = displayName(path);
        escaped.replace(QLatin1Char('&'), QStringLiteral("&&"));
        const QString text = i < 9 ? QStringLiteral("&%1  %2").arg(i + 1).arg(escaped) : escaped;
        QAction* action = addAction(text, this, [this, path] { Q_EMIT fileTriggered(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (!files_.isEmpty())
        addSeparator();
    QAction* clearAction = addAction(tr("&Clear Menu"), this, &RecentFilesMenu::clearFiles);
    clearAction->setEnabled(!files_.isEmpty());
    setToolTipsVisible(true);
}

} // namespace latentlab::ui
