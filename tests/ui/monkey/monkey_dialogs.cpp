// The monkey's answers to what blocks it: modal dialogs (file dialogs get a path, questions a button, name
// prompts a name) and popup menus, looked at on a timer of their own so a nested dialog is answered too.
#include "tests/ui/monkey/monkey_driver.h"
#include "tests/ui/monkey/monkey_vocabulary.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QtTest>

#include <iterator>

namespace latentlab::ui::monkey {

void MonkeyDriver::answerDialogs()
{
    if (QWidget* popup = QApplication::activePopupWidget()) {
        auto* menu = qobject_cast<QMenu*>(popup);
        std::vector<QAction*> actions;
        if (menu)
            for (QAction* a : menu->actions())
                if (!a->isSeparator() && !a->menu() && a->isEnabled() && a->isVisible())
                    actions.push_back(a);
        if (!actions.empty() && chance(0.6)) {
            QAction* a = actions[static_cast<std::size_t>(pick(static_cast<int>(actions.size())))];
            note("popup menu: choose '" + a->text().toStdString() + "'");
            // Through the menu, so that exec() returns the action as it does for a user.
            menu->setActiveAction(a);
            QTest::keyClick(menu, Qt::Key_Return);
        } else {
            note("popup: close " + describe(popup));
            popup->close();
        }
        ++dialogsAnswered_;
        return;
    }
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal) {
        // Non-modal message boxes pile up if nobody reads them: close all but a couple.
        int open = 0;
        for (QWidget* top : QApplication::topLevelWidgets())
            if (qobject_cast<QMessageBox*>(top) && top->isVisible() && ++open > 2) {
                note("close a message box: " + qobject_cast<QMessageBox*>(top)->text().left(80).toStdString());
                top->close();
            }
        return;
    }
    if (modal != lastDialog_) {
        lastDialog_ = modal;
        dialogTicks_ = 0;
    }
    // A dialog is looked at for a moment (a few ticks) before it is answered; after 3 s it is closed whatever
    // it is, so no run can wait on a dialog forever.
    if (++dialogTicks_ < 2 + pick(4))
        return;
    ++dialogsAnswered_;
    if (dialogTicks_ > 100) {
        note("force-close a dialog nobody answered: " + describe(modal));
        if (auto* d = qobject_cast<QDialog*>(modal))
            d->reject();
        else
            modal->close();
        return;
    }
    if (auto* files = qobject_cast<QFileDialog*>(modal)) {
        if (chance(0.2)) {
            note("file dialog '" + files->windowTitle().toStdString() + "': cancel");
            files->reject();
            return;
        }
        QString path;
        if (files->acceptMode() == QFileDialog::AcceptSave) {
            const QRegularExpressionMatch ext =
                QRegularExpression(QStringLiteral("\\*\\.(\\w+)")).match(files->selectedNameFilter());
            // Now and then the name of a file saved before: the overwrite question comes next.
            const int number = saved_ > 0 && chance(0.2) ? pick(saved_) : saved_++;
            QString name = QStringLiteral("monkey-%1").arg(number);
            if (ext.hasMatch())
                name += QStringLiteral(".") + ext.captured(1);
            path = QDir(files_.saveDirectory).filePath(name);
        } else if (files->fileMode() == QFileDialog::Directory) {
            path = chance(0.5) ? files_.saveDirectory : files_.goodDatasets.value(0);
        } else {
            path = pickFile();
            if (!QFileInfo::exists(path))
                path = files_.goodDatasets.value(0);
        }
        note("file dialog '" + files->windowTitle().toStdString() + "': " + path.toStdString());
        // Typed as a user would: selectFile() alone leaves a save dialog's suggested name in the field.
        files->selectFile(path);
        if (auto* name = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")))
            name->setText(path);
        // QFileDialog::accept() is protected; through QDialog it is the same virtual, as the OK button calls it.
        static_cast<QDialog*>(files)->accept();
        return;
    }
    if (auto* box = qobject_cast<QMessageBox*>(modal)) {
        const QList<QAbstractButton*> buttons = box->buttons();
        if (buttons.isEmpty()) {
            box->close();
            return;
        }
        QAbstractButton* b = buttons.value(pick(static_cast<int>(buttons.size())));
        note("message box '" + box->text().left(60).toStdString() + "': " + b->text().toStdString());
        b->click();
        return;
    }
    if (auto* input = qobject_cast<QInputDialog*>(modal)) {
        const std::string text = chance(0.5) ? "monkey " + std::to_string(pick(5)) : kTexts[pick(static_cast<int>(std::size(kTexts)))];
        const bool ok = chance(0.8);
        note("input dialog '" + input->windowTitle().toStdString() + "': '" + text + "'" + (ok ? " OK" : " Cancel"));
        input->setTextValue(QString::fromStdString(text));
        ok ? input->accept() : input->reject();
        return;
    }
    if (auto* dialog = qobject_cast<QDialog*>(modal)) {
        const bool ok = chance(0.5);
        note("dialog " + describe(dialog) + (ok ? ": accept" : ": reject"));
        ok ? dialog->accept() : dialog->reject();
        return;
    }
    note("close modal " + describe(modal));
    modal->close();
}

} // namespace latentlab::ui::monkey
