#pragma once
// File > Open Recent: the datasets opened last, newest first, kept in QSettings so they survive restarts.
#include <QMenu>
#include <QStringList>

namespace latentlab::ui {

class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 10;

    explicit RecentFilesMenu(QWidget* parent = nullptr);

    QStringList files() const { return files_; }
    // Moves path to the top (adding it if new) and saves the list.
    void addFile(const QString& path);
    void removeFile(const QString& path);
    void clearFiles();

Q_SIGNALS:
    void fileTriggered(const QString& path);
    void filesChanged(const QStringList& files);

private:
    void store();
    void rebuild();

    QStringList files_;
};

} // namespace latentlab::ui
