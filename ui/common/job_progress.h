#pragma once
// How a view shows its controller's long job (scores, scans): the progress ("what 42%") in a bar shown only
// while the job runs, the button that starts one disabled meanwhile, and a failure in the view's status line
// and a dialog titled `failureTitle`. The controller has progress(double, QString), failed(QString) and a
// running(bool) signal; a cancelled job is no failure (its controller says nothing).
#include "ui/common/message_box.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace latentlab::ui {

template <class Controller>
void showJobProgress(QWidget* view, Controller* controller, void (Controller::*running)(bool), QProgressBar* bar,
                     QPushButton* start, QLabel* status, const QString& failureTitle)
{
    QObject::connect(controller, &Controller::failed, view, [view, status, failureTitle](const QString& message) {
        status->setText(message);
        openMessage(view, QMessageBox::Warning, failureTitle, message);
    });
    QObject::connect(controller, &Controller::progress, bar, [bar](double fraction, const QString& what) {
        bar->setValue(static_cast<int>(fraction * 100));
        bar->setFormat(what + QStringLiteral(" %p%"));
    });
    QObject::connect(controller, running, view, [bar, start](bool on) {
        bar->setVisible(on);
        start->setEnabled(!on);
    });
}

} // namespace latentlab::ui
