#pragma once
// The one way a loaded dataset travels through the UI: immutable and shared, so the worker thread that built
// it and every view that shows it can hold it without copying 50 MB of pixels or locking anything.
#include "core/data/dataset.h"

#include <QMetaType>

#include <memory>

namespace latentlab::ui {

using DatasetPtr = std::shared_ptr<const Dataset>;

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::DatasetPtr)
