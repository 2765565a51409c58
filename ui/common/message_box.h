#pragma once
// A message the user reads while the program goes on: open(), not exec(), so the event loop, a training
// run's progress and the tests keep running behind it. It deletes itself when closed.
#include <QMessageBox>

namespace latentlab::ui {

QMessageBox* openMessage(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text,
                         const QString& details = QString());

} // namespace latentlab::ui
