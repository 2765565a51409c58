#include "ui/common/message_box.h"

namespace latentlab::ui {

QMessageBox* openMessage(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text,
                         const QString& details)
{
    auto* box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    if (!details.isEmpty())
        box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

} // namespace latentlab::ui
