#include "tests/ui/monkey/monkey_driver.h"
#include "tests/ui/monkey/monkey_vocabulary.h"

#include "ui/explorer/scatter/scatter_view.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_view.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>
#include <QtTest>

#include <cstdio>
#include <iterator>

namespace latentlab::ui::monkey {
namespace {

bool usable(const QWidget* w)
{
    return w->isVisible() && w->isEnabled() && w->width() > 0 && w->height() > 0;
}

// Where the monkey may act: the window and any other top-level window it shows (non-modal message boxes),
// or only the modal dialog when one is up (answerDialogs deals with file dialogs, which are never poked).
QList<QWidget*> roots(QWidget* window)
{
    if (QWidget* modal = QApplication::activeModalWidget())
        return qobject_cast<QFileDialog*>(modal) ? QList<QWidget*> {} : QList<QWidget*> {modal};
    QList<QWidget*> out;
    if (window && window->isVisible())
        out << window;
    for (QWidget* top : QApplication::topLevelWidgets())
        if (top != window && top->isVisible() && !qobject_cast<QMenu*>(top) && qobject_cast<QDialog*>(top))
            out << top;
    return out;
}

template <typename T>
std::vector<T*> usableOf(QWidget* window)
{
    std::vector<T*> out;
    for (QWidget* root : roots(window)) {
        if (auto* self = qobject_cast<T*>(root); self && usable(self))
            out.push_back(self);
        for (T* w : root->findChildren<T*>())
            if (usable(w))
                out.push_back(w);
    }
    return out;
}

void sendMouse(QWidget* target, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers)
{
    QMouseEvent event(type, QPointF(pos), QPointF(target->mapToGlobal(pos)), button, buttons, modifiers);
    QCoreApplication::sendEvent(target, &event);
}

void collectActions(const QList<QAction*>& actions, std::vector<QAction*>& out)
{
    for (QAction* a : actions) {
        if (a->isSeparator())
            continue;
        if (a->menu())
            collectActions(a->menu()->actions(), out);
        else if (a->isEnabled() && a->isVisible())
            out.push_back(a);
    }
}

} // namespace

MonkeyDriver::MonkeyDriver(std::uint32_t seed, MonkeyFiles files, EventRing& log, QObject* parent)
    : QObject(parent)
    , rng_(seed)
    , files_(std::move(files))
    , log_(log)
{
    connect(&steps_, &QTimer::timeout, this, &MonkeyDriver::step);
}

MonkeyDriver::~MonkeyDriver()
{
    stop();
    closeWindow();
}

void MonkeyDriver::start(int stepMs)
{
    makeWindow();
    steps_.start(stepMs);
    running_ = true;
    tickDialogs();
}

void MonkeyDriver::stop()
{
    steps_.stop();
    running_ = false;
}

void MonkeyDriver::tickDialogs()
{
    if (!running_)
        return;
    // A new single-shot timer each time, armed before answering: a QTimer never fires inside its own slot, so
    // a repeating one could not answer a dialog opened by its own answer (the overwrite question a save
    // dialog asks), nor the step's timer one opened by a step; a fresh timer fires in any nested loop.
    QTimer::singleShot(30, this, &MonkeyDriver::tickDialogs);
    answerDialogs();
}

void MonkeyDriver::note(const std::string& line)
{
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%9.3f s] ", nowMs_ ? nowMs_() / 1000.0 : 0.0);
    log_.add(stamp + line);
    if (qEnvironmentVariableIsSet("LATENTLAB_MONKEY_VERBOSE"))
        std::fprintf(stderr, "%s%s\n", stamp, line.c_str());
}

int MonkeyDriver::pick(int n)
{
    return n <= 1 ? 0 : std::uniform_int_distribution<int>(0, n - 1)(rng_);
}

bool MonkeyDriver::chance(double p)
{
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < p;
}

QString MonkeyDriver::pickFile()
{
    QStringList saved;
    for (const QFileInfo& f : QDir(files_.saveDirectory).entryInfoList(QDir::Files))
        saved << f.absoluteFilePath();
    const int which = pick(10);
    if (which < 5 || (which >= 8 && saved.isEmpty()))
        return files_.goodDatasets.value(pick(static_cast<int>(files_.goodDatasets.size())));
    if (which < 8)
        return files_.badFiles.value(pick(static_cast<int>(files_.badFiles.size())));
    return saved.value(pick(static_cast<int>(saved.size())));
}

void MonkeyDriver::makeWindow()
{
    note("make a MainWindow, open " + files_.goodDatasets.value(0).toStdString());
    const double from = nowMs_ ? nowMs_() : 0.0;
    window_ = std::make_unique<MainWindow>();
    window_->show();
    window_->openDataset(files_.goodDatasets.value(0));
    ++windowsMade_;
    windowChanges_.push_back({from, nowMs_ ? nowMs_() : 0.0});
}

void MonkeyDriver::closeWindow()
{
    if (!window_)
        return;
    note("destroy the MainWindow");
    const double from = nowMs_ ? nowMs_() : 0.0;
    window_->setConfirmClose([] { return true; });
    window_->close();
    window_.reset();
    windowChanges_.push_back({from, nowMs_ ? nowMs_() : 0.0});
}

void MonkeyDriver::step()
{
    if (!window_)
        return;
    // Popups and file dialogs are for tickDialogs alone; inside any other modal dialog only what a user can
    // reach there (its buttons, fields, keys).
    if (QApplication::activePopupWidget() || qobject_cast<QFileDialog*>(QApplication::activeModalWidget()))
        return;
    if (QApplication::activeModalWidget()) {
        const int roll = pick(4);
        roll == 0 ? clickButton() : roll == 1 ? typeText() : roll == 2 ? turnCombo() : pressKeys();
        return;
    }
    if (!window_->isVisible()) {
        // Like a start: every widget is laid out and painted afresh.
        note("show the window again");
        const double from = nowMs_ ? nowMs_() : 0.0;
        window_->show();
        windowChanges_.push_back({from, nowMs_ ? nowMs_() : 0.0});
        return;
    }
    // Weights: mostly what a user does all the time, rarely what ends a session.
    const int roll = pick(1000);
    if (roll < 220)
        clickButton();
    else if (roll < 300)
        clickTab();
    else if (roll < 370)
        turnCombo();
    else if (roll < 480)
        typeText();
    else if (roll < 510)
        moveSlider();
    else if (roll < 610)
        dragScatter();
    else if (roll < 650)
        wheelScatter();
    else if (roll < 700)
        clickItemView();
    else if (roll < 770)
        triggerMenuAction();
    else if (roll < 820)
        pressKeys();
    else if (roll < 840)
        dropFile();
    else if (roll < 870)
        openFile();
    else if (roll < 960)
        drive();
    else if (roll < 975)
        resizeWindow();
    else if (roll < 995)
        closeAndReopen();
    else if (roll < 998)
        note("wait");
    else
        recreateWindow();
}

void MonkeyDriver::clickButton()
{
    const auto buttons = usableOf<QAbstractButton>(window_.get());
    if (buttons.empty())
        return;
    QAbstractButton* b = buttons[static_cast<std::size_t>(pick(static_cast<int>(buttons.size())))];
    note("click " + describe(b));
    QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, b->rect().center());
}

void MonkeyDriver::clickTab()
{
    const auto bars = usableOf<QTabBar>(window_.get());
    if (bars.empty())
        return;
    QTabBar* bar = bars[static_cast<std::size_t>(pick(static_cast<int>(bars.size())))];
    const int tab = pick(bar->count());
    if (tab >= bar->count() || !bar->isTabEnabled(tab) || !bar->isTabVisible(tab))
        return;
    note("tab '" + bar->tabText(tab).toStdString() + "' of " + describe(bar));
    QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier, bar->tabRect(tab).center());
}

void MonkeyDriver::turnCombo()
{
    const auto boxes = usableOf<QComboBox>(window_.get());
    if (boxes.empty())
        return;
    QComboBox* box = boxes[static_cast<std::size_t>(pick(static_cast<int>(boxes.size())))];
    const Qt::Key keys[] = {Qt::Key_Down, Qt::Key_Up, Qt::Key_Down, Qt::Key_Home, Qt::Key_End};
    const Qt::Key key = keys[pick(5)];
    note("combo " + describe(box) + " key " + std::to_string(key) + " from '" + box->currentText().toStdString() + "'");
    QTest::keyClick(box, key);
}

void MonkeyDriver::typeText()
{
    std::vector<QWidget*> fields;
    for (QLineEdit* e : usableOf<QLineEdit>(window_.get()))
        if (!e->isReadOnly() && !qobject_cast<QAbstractSpinBox*>(e->parentWidget()))
            fields.push_back(e);
    for (QAbstractSpinBox* s : usableOf<QAbstractSpinBox>(window_.get()))
        if (!s->isReadOnly())
            fields.push_back(s);
    if (fields.empty())
        return;
    QWidget* field = fields[static_cast<std::size_t>(pick(static_cast<int>(fields.size())))];
    const std::string text = kTexts[pick(static_cast<int>(std::size(kTexts)))];
    const bool enter = chance(0.7);
    note("type '" + text + "'" + (enter ? " + Return" : " + Tab") + " into " + describe(field));
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    // QTest::keyClicks knows ASCII only: other characters go as key events carrying their text, as an input
    // method sends them.
    for (const QChar c : QString::fromStdString(text)) {
        if (c.unicode() < 128) {
            QTest::keyClick(field, c.toLatin1());
            continue;
        }
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(field, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(field, &release);
    }
    QTest::keyClick(field, enter ? Qt::Key_Return : Qt::Key_Tab);
}

void MonkeyDriver::moveSlider()
{
    const auto sliders = usableOf<QAbstractSlider>(window_.get());
    if (sliders.empty())
        return;
    QAbstractSlider* s = sliders[static_cast<std::size_t>(pick(static_cast<int>(sliders.size())))];
    const Qt::Key keys[] = {Qt::Key_Left, Qt::Key_Right, Qt::Key_PageUp, Qt::Key_PageDown, Qt::Key_Home, Qt::Key_End};
    const Qt::Key key = keys[pick(6)];
    note("slider " + describe(s) + " key " + std::to_string(key));
    QTest::keyClick(s, key);
}

void MonkeyDriver::dragScatter()
{
    const auto scatters = usableOf<ScatterView>(window_.get());
    if (scatters.empty())
        return;
    ScatterView* scatter = scatters.front();
    const QRect r = scatter->rect();
    const auto point = [&] {
        // Now and then off the edge: a drag may leave the widget.
        const int margin = chance(0.1) ? 40 : 0;
        return QPoint(std::uniform_int_distribution<int>(-margin, r.width() + margin)(rng_),
                      std::uniform_int_distribution<int>(-margin, r.height() + margin)(rng_));
    };
    const int b = pick(10);
    const Qt::MouseButton button = b < 7 ? Qt::LeftButton : b < 9 ? Qt::RightButton : Qt::MiddleButton;
    const Qt::KeyboardModifier mods[] = {Qt::NoModifier, Qt::NoModifier, Qt::NoModifier, Qt::ShiftModifier,
                                         Qt::ControlModifier, Qt::AltModifier};
    const Qt::KeyboardModifiers modifiers = mods[pick(6)];
    QPoint at = point();
    // The widget under the press gets the whole gesture, as the mouse grab does.
    QPointer<QWidget> target = scatter->childAt(at);
    if (!target)
        target = scatter;
    const QPoint offset = target->mapFrom(scatter, QPoint(0, 0));
    const int moves = pick(12);
    note("drag on the scatter, button " + std::to_string(button) + " modifiers " + std::to_string(static_cast<int>(modifiers))
         + " from " + std::to_string(at.x()) + "," + std::to_string(at.y()) + ", " + std::to_string(moves) + " moves");
    sendMouse(target, QEvent::MouseButtonPress, at + offset, button, button, modifiers);
    for (int i = 0; i < moves && target; ++i) {
        at = point();
        sendMouse(target, QEvent::MouseMove, at + offset, Qt::NoButton, button, modifiers);
    }
    if (!target)
        return;
    sendMouse(target, QEvent::MouseButtonRelease, at + offset, button, Qt::NoButton, modifiers);
}

void MonkeyDriver::wheelScatter()
{
    const auto scatters = usableOf<ScatterView>(window_.get());
    if (scatters.empty())
        return;
    ScatterView* scatter = scatters.front();
    const QPoint at(pick(scatter->width()), pick(scatter->height()));
    QWidget* target = scatter->childAt(at);
    if (!target)
        target = scatter;
    const QPoint pos = target->mapFrom(scatter, at);
    const int angle = (pick(2) ? 1 : -1) * 120 * (1 + pick(chance(0.1) ? 50 : 3));
    note("wheel " + std::to_string(angle) + " on the scatter at " + std::to_string(at.x()) + "," + std::to_string(at.y()));
    QWheelEvent event(QPointF(pos), QPointF(target->mapToGlobal(pos)), QPoint(), QPoint(0, angle), Qt::NoButton,
                      chance(0.2) ? Qt::ControlModifier : Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(target, &event);
}

void MonkeyDriver::clickItemView()
{
    const auto views = usableOf<QAbstractItemView>(window_.get());
    if (views.empty())
        return;
    QAbstractItemView* view = views[static_cast<std::size_t>(pick(static_cast<int>(views.size())))];
    QWidget* port = view->viewport();
    const QPoint at(pick(port->width()), pick(port->height()));
    const bool twice = chance(0.3);
    note(std::string(twice ? "double-click " : "click ") + describe(view) + " at " + std::to_string(at.x()) + ","
         + std::to_string(at.y()));
    if (twice)
        QTest::mouseDClick(port, Qt::LeftButton, Qt::NoModifier, at);
    else
        QTest::mouseClick(port, Qt::LeftButton, Qt::NoModifier, at);
}

void MonkeyDriver::triggerMenuAction()
{
    std::vector<QAction*> actions;
    collectActions(window_->menuBar()->actions(), actions);
    if (actions.empty())
        return;
    QAction* action = actions[static_cast<std::size_t>(pick(static_cast<int>(actions.size())))];
    note("menu action '" + action->text().toStdString() + "'");
    action->trigger();
}

void MonkeyDriver::pressKeys()
{
    const Qt::Key keys[] = {Qt::Key_Escape, Qt::Key_Return, Qt::Key_Space, Qt::Key_Tab, Qt::Key_Backtab,
                            Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down, Qt::Key_PageUp,
                            Qt::Key_PageDown, Qt::Key_Home, Qt::Key_End, Qt::Key_Delete, Qt::Key_Backspace,
                            Qt::Key_Plus, Qt::Key_Minus, Qt::Key_A, Qt::Key_O, Qt::Key_S, Qt::Key_D, Qt::Key_M};
    const Qt::Key key = keys[pick(static_cast<int>(std::size(keys)))];
    const Qt::KeyboardModifiers mods = chance(0.3) ? Qt::ControlModifier : Qt::NoModifier;
    QWidget* target = QApplication::focusWidget();
    if (!target || !target->isVisible())
        target = window_.get();
    note("key " + std::to_string(key) + (mods != Qt::NoModifier ? " with Ctrl" : "") + " to " + describe(target));
    QTest::keyClick(target, key, mods);
}

void MonkeyDriver::dropFile()
{
    const QString path = pickFile();
    note("drop " + path.toStdString() + " on the window");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at(window_->width() / 2, window_->height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window_.get(), &enter);
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window_.get(), &drop);
}

void MonkeyDriver::openFile()
{
    // What the command line, the recent list and a session do without a dialog.
    const QString path = pickFile();
    const int how = pick(3);
    note(std::string(how == 0 ? "open dataset " : how == 1 ? "open model " : "open session ") + path.toStdString());
    if (how == 0)
        window_->openDataset(path);
    else if (how == 1)
        window_->openModel(path);
    else
        window_->openSession(path);
}

void MonkeyDriver::drive()
{
    TrainingView* training = window_->trainingView();
    QPushButton* const buttons[] = {training->trainButton(), training->trainButton(), training->moreButton(),
                                    training->pauseButton(), training->stopButton()};
    QPushButton* b = buttons[pick(5)];
    if (!usable(b)) {
        if (window_->dataset() && chance(0.5)) {
            note("show the Training tab");
            window_->showView(View::Training);
        }
        return;
    }
    note("training: click " + describe(b));
    QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, b->rect().center());
}

void MonkeyDriver::resizeWindow()
{
    if (chance(0.2)) {
        const bool maximized = window_->isMaximized();
        note(maximized ? "restore the window" : "maximize the window");
        maximized ? window_->showNormal() : window_->showMaximized();
        return;
    }
    const QSize size(std::uniform_int_distribution<int>(300, 1920)(rng_), std::uniform_int_distribution<int>(200, 1200)(rng_));
    note("resize the window to " + std::to_string(size.width()) + "x" + std::to_string(size.height()));
    window_->resize(size);
}

void MonkeyDriver::closeAndReopen()
{
    if (chance(0.5)) {
        QDockWidget* dock = window_->datasetDock();
        note(dock->isVisible() ? "hide the Dataset dock" : "show the Dataset dock");
        dock->toggleViewAction()->trigger();
        return;
    }
    // The real close: the question over a running or unsaved model is answered like any other dialog, and
    // the next step shows the window again when it did close.
    note("close the window");
    window_->close();
}

void MonkeyDriver::recreateWindow()
{
    closeWindow();
    makeWindow();
}

} // namespace latentlab::ui::monkey
