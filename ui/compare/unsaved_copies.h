#pragma once
// Copies the window keeps of models trained but not saved, so the models table can list and compare them, and
// a run the user did not save yet is on disk and not only in memory. They live in the application's own data
// folder (never beside the user's files), named by the time they were made; only the newest are kept.
#include <QString>
#include <QStringList>

namespace latentlab::ui {

constexpr int kUnsavedCopiesKept = 10;

QString unsavedCopiesFolder();
// A new file name there for a model of this family ("vae"); the folder is made when missing.
QString newUnsavedCopyPath(const QString& family);
// Removes the oldest copies so that at most `keep` stay; returns the paths removed.
QStringList pruneUnsavedCopies(int keep = kUnsavedCopiesKept);
bool isUnsavedCopy(const QString& path);

} // namespace latentlab::ui
