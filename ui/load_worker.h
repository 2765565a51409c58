#pragma once
// Lives on the loader's thread and does the slow part (reading and gunzipping files). Every exception stops
// here and leaves as a message: nothing is thrown across threads.
#include "dataset_ptr.h"

#include <QObject>
#include <QString>

namespace latentlab::ui {

class LoadWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Runs on the worker thread (called through a queued invocation); answers with exactly one signal.
    void load(quint64 request, const QString& path);

Q_SIGNALS:
    void loaded(quint64 request, const QString& path, latentlab::ui::DatasetPtr dataset);
    void failed(quint64 request, const QString& path, const QString& message);
};

} // namespace latentlab::ui
