#pragma once
// Lives on the loader's thread and does the slow part (reading and gunzipping files). Every exception stops
// here and leaves as a message: nothing is thrown across threads.
#include "ui/common/dataset_ptr.h"
#include "ui/common/request_tag.h"

#include <QObject>
#include <QString>

namespace latentlab::ui {

class LoadWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Runs on the worker thread (called through a queued invocation); answers with exactly one signal.
    void load(latentlab::ui::RequestTag request, const QString& path);

Q_SIGNALS:
    void loaded(latentlab::ui::RequestTag request, const QString& path, latentlab::ui::DatasetPtr dataset);
    void failed(latentlab::ui::RequestTag request, const QString& path, const QString& message);
};

} // namespace latentlab::ui
