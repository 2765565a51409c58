#pragma once
// A row of the models table as a session keeps it: the model's file and the name the user gave it.
#include <QString>

namespace latentlab::ui {

struct ModelsTableEntry {
    QString path;
    QString name; // empty: the file's name
};

} // namespace latentlab::ui
