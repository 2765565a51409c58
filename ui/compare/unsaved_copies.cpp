#include "ui/compare/unsaved_copies.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace latentlab::ui {

QString unsavedCopiesFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/unsaved-models");
}

QString newUnsavedCopyPath(const QString& family)
{
    QDir().mkpath(unsavedCopiesFolder());
    const QString stem = QStringLiteral("unsaved-%1-%2")
                             .arg(family, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QString path = unsavedCopiesFolder() + QLatin1Char('/') + stem + QStringLiteral(".ckpt");
    for (int n = 2; QFileInfo::exists(path); ++n) // two runs within a second
        path = unsavedCopiesFolder() + QLatin1Char('/') + stem + QStringLiteral("-%1.ckpt").arg(n);
    return path;
}

QStringList pruneUnsavedCopies(int keep)
{
    QStringList removed;
    const QFileInfoList copies = QDir(unsavedCopiesFolder())
                                     .entryInfoList({QStringLiteral("unsaved-*.ckpt")}, QDir::Files, QDir::Time);
    for (int i = keep; i < copies.size(); ++i) // newest first
        if (QFile::remove(copies[i].absoluteFilePath()))
            removed.append(copies[i].absoluteFilePath());
    return removed;
}

bool isUnsavedCopy(const QString& path)
{
    return QFileInfo(path).absolutePath() == QFileInfo(unsavedCopiesFolder()).absoluteFilePath();
}

} // namespace latentlab::ui
