#include "ui/dataset/load_worker.h"

#include "core/data/load_dataset.h"
#include "core/util/errors.h"

#include <QFile>
#include <QFileInfo>

#include <exception>
#include <new>

namespace latentlab::ui {

void LoadWorker::load(RequestTag request, const QString& path)
{
    // core's own errors already name the file; anything else does not, so the name is added here.
    const QString name = QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName();
    try {
        auto dataset = std::make_shared<const Dataset>(loadDataset(QFile::encodeName(path).toStdString()));
        Q_EMIT loaded(request, path, std::move(dataset));
    } catch (const latentlab::Error& e) {
        Q_EMIT failed(request, path, QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        Q_EMIT failed(request, path, name + QStringLiteral(": not enough memory to load this dataset"));
    } catch (const std::exception& e) {
        Q_EMIT failed(request, path, name + QStringLiteral(": ") + QString::fromLocal8Bit(e.what()));
    } catch (...) {
        Q_EMIT failed(request, path, name + QStringLiteral(": unexpected error while loading"));
    }
}

} // namespace latentlab::ui
