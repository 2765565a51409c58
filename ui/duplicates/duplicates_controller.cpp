#include "ui/duplicates/duplicates_controller.h"

namespace latentlab::ui {

DuplicatesController::DuplicatesController(QObject* parent) : QObject(parent), thread_(QStringLiteral("Duplicates"))
{
    qRegisterMetaType<DuplicateRequest>();
    qRegisterMetaType<DuplicateResult>();
    qRegisterMetaType<RequestTag>("latentlab::ui::RequestTag");
    thread_.setCancel([this] { job_.cancelRunning(); });
    DuplicatesWorker* worker = thread_.worker();
    connect(worker, &DuplicatesWorker::progress, this, [this](RequestTag tag, double f, const QString& what) {
        if (job_.isCurrent(tag))
            Q_EMIT progress(f, what);
    });
    connect(worker, &DuplicatesWorker::scanned, this, [this](const DuplicateResult& result) {
        if (!job_.isCurrent(result.tag))
            return;
        setScanning(false);
        Q_EMIT scanned(result);
    });
    connect(worker, &DuplicatesWorker::exported, this,
            [this](RequestTag, const QString& done, const QString& error) { Q_EMIT exported(done, error); });
    connect(worker, &DuplicatesWorker::failed, this, [this](RequestTag tag, const QString& message) {
        if (!job_.isCurrent(tag))
            return;
        setScanning(false);
        if (!message.isEmpty())
            Q_EMIT failed(message);
    });
}

DuplicatesController::~DuplicatesController() = default;

void DuplicatesController::setData(DatasetPtr data)
{
    data_ = std::move(data);
    model_.reset();
    job_.drop();
    setScanning(false);
}

void DuplicatesController::setModel(ModelPtr model)
{
    model_ = std::move(model);
}

RequestTag DuplicatesController::scan(const DuplicateRequest& request)
{
    if (!data_ || (!model_ && !request.exactOnly))
        return 0;
    const auto [tag, control] = job_.start(thread_.worker());
    thread_.setTorchThreads(trainingActive_ ? 1 : 0);
    setScanning(true);
    thread_.post([model = model_, data = data_, request, tag = tag, control = control](DuplicatesWorker& w) {
        w.scan(model, data, request, tag, control);
    });
    return tag;
}

void DuplicatesController::exportGroups(const QString& path)
{
    thread_.post([path](DuplicatesWorker& w) { w.exportGroups(path, 0); });
}

void DuplicatesController::setScanning(bool scanning)
{
    if (scanning_ == scanning)
        return;
    scanning_ = scanning;
    Q_EMIT scanningChanged(scanning);
}

} // namespace latentlab::ui
