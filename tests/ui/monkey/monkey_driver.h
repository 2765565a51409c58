#pragma once
// A random user for the real MainWindow: every step it walks the widget tree, keeps what is visible and
// enabled, and picks one thing to do with a std::mt19937 seeded by the caller: click a button or a tab, turn
// a combo box or a slider, type into a line edit or a spin box (absurd numbers too), drag and wheel on the
// explorer's scatter, click into tables, trigger a menu action, press keys, drop a file, open good and
// corrupt files, train, pause, stop, close the window and show it again, or throw the window away and make
// a new one. Modal dialogs (file dialogs, questions, name prompts) and popup menus are answered by a timer
// of their own, so no action waits forever on a dialog nobody answers. Every event is one line in an
// EventRing, for the report of a failed run.
#include "tests/ui/monkey/event_ring.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

class QWidget;

namespace latentlab::ui {
class MainWindow;
}

namespace latentlab::ui::monkey {

struct MonkeyFiles {
    QStringList goodDatasets; // loadable: an IDX folder or file, a CSV
    QStringList badFiles;     // refused: corrupt bytes, an empty file, a missing path
    QString saveDirectory;    // where save dialogs are answered (models, sessions, exports)
};

class MonkeyDriver : public QObject {
    Q_OBJECT
public:
    MonkeyDriver(std::uint32_t seed, MonkeyFiles files, EventRing& log, QObject* parent = nullptr);
    ~MonkeyDriver() override;

    // Makes the window (and loads the first good dataset); a step every stepMs from start().
    void start(int stepMs);
    void stop();
    MainWindow* window() const { return window_.get(); }
    // Destroys the window: what the user does when quitting, minus the dialog.
    void closeWindow();
    long events() const { return log_.count(); }
    long windowsMade() const { return windowsMade_; }
    long dialogsAnswered() const { return dialogsAnswered_; }
    // While a window was being made, shown again after a close, or destroyed (ms on the clock below): a
    // start-up, not a stall a user waits through in a session.
    struct Interval {
        double fromMs, toMs;
    };
    const std::vector<Interval>& windowChanges() const { return windowChanges_; }
    // "now" in the log lines and the intervals.
    void setClock(std::function<double()> nowMs) { nowMs_ = std::move(nowMs); }

    // One step, and one look at dialogs; public so a caller can drive it by hand.
    void step();
    void answerDialogs();

private:
    void makeWindow();
    void note(const std::string& line);
    int pick(int n);
    bool chance(double p);
    QString pickFile();

    void clickButton();
    void clickTab();
    void turnCombo();
    void typeText();
    void moveSlider();
    void dragScatter();
    void wheelScatter();
    void clickItemView();
    void triggerMenuAction();
    void pressKeys();
    void dropFile();
    void openFile();
    void drive();
    void closeAndReopen();
    void recreateWindow();
    void resizeWindow();

    std::mt19937 rng_;
    MonkeyFiles files_;
    EventRing& log_;
    std::unique_ptr<MainWindow> window_;
    void tickDialogs();

    QTimer steps_;
    bool running_ = false;
    QPointer<QWidget> lastDialog_;
    int dialogTicks_ = 0;
    long windowsMade_ = 0;
    long dialogsAnswered_ = 0;
    int saved_ = 0;
    std::function<double()> nowMs_;
    std::vector<Interval> windowChanges_;
};

} // namespace latentlab::ui::monkey
