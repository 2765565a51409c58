#pragma once
// The central area before any data is loaded: says what to do (open or drop a dataset), offers the buttons
// to do it, and lists the recently opened datasets one click away.
#include <QStringList>
#include <QWidget>

class QVBoxLayout;
class QLabel;

namespace latentlab::ui {

class WelcomeView : public QWidget {
    Q_OBJECT
public:
    explicit WelcomeView(QWidget* parent = nullptr);

    void setRecentFiles(const QStringList& paths);

Q_SIGNALS:
    void openFileRequested();
    void openFolderRequested();
    void openPathRequested(const QString& path);

private:
    QLabel* recentTitle_ = nullptr;
    QVBoxLayout* recentList_ = nullptr;
};

} // namespace latentlab::ui
