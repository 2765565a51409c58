#pragma once
// What the monkey types and how it names a widget in its log: shared by the driver's steps
// (monkey_driver.cpp) and its dialog answers (monkey_dialogs.cpp).
#include <QAbstractButton>
#include <QString>
#include <QWidget>

#include <string>

namespace latentlab::ui::monkey {

// What a user might type into any field: plausible values, the edges of every range and nonsense.
inline const char* const kTexts[] = {
    "0", "1", "2", "3", "7", "16", "32", "128", "0.5", "1e-3", "-1", "-0", "99999", "2147483647", "-2147483648",
    "99999999999999999999", "1e308", "-1e308", "1e-320", "nan", "inf", "-inf", "abc", "", " ", "3,4", "512, 512",
    "16384, 16384", "0, 0", "1,,2", "0.3.4", "½", "名字", "%1 %2", "../../etc/passwd", "a very long name indeed that goes on"};

// A widget named for the log: its class, its object name or text, and the LatentLab view it sits in.
inline std::string describe(const QWidget* w)
{
    QString text = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        text += QStringLiteral(" #") + w->objectName();
    if (const auto* b = qobject_cast<const QAbstractButton*>(w); b && !b->text().isEmpty())
        text += QStringLiteral(" '") + b->text().left(30) + QLatin1Char('\'');
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (QString::fromLatin1(p->metaObject()->className()).startsWith(QLatin1String("latentlab::"))) {
            text += QStringLiteral(" in ") + QString::fromLatin1(p->metaObject()->className()).mid(15);
            break;
        }
    return text.toStdString();
}

} // namespace latentlab::ui::monkey
