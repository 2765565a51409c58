#include "ui/training/training_view.h"

#include "ui/common/format.h"
#include "ui/common/message_box.h"
#include "ui/training/kl_chart.h"
#include "ui/training/loss_chart.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"

#include <nlohmann/json.hpp>

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace latentlab::ui {
namespace {

const QString kLastModelKey = QStringLiteral("training/lastModel");
const QString kLastTrainingKey = QStringLiteral("training/lastTraining");

QString duration(double seconds)
{
    const qint64 s = qMax<qint64>(0, qRound64(seconds));
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// Each input above its reconstruction, in as many columns as fit `width` with every image enlarged by a whole
// factor (so pixels stay crisp): one band of eight when wide, two bands of four when narrow.
QPixmap previewPixmap(const ReconstructionPreview& p, int width)
{
    const int n = p.inputs.size();
    const QSize image = p.inputs.first().size();
    const int gap = 4;
    const int columns = (width - gap) / n - gap >= 2 * image.width() || n < 2 ? n : (n + 1) / 2;
    const int factor = qBound(1, ((width - gap) / columns - gap) / qMax(1, image.width()), 6);
    const QSize cell = image * factor;
    const int bands = (n + columns - 1) / columns;
    QPixmap out(columns * (cell.width() + gap) + gap, bands * (2 * cell.height() + gap) + (bands + 1) * gap);
    out.fill(Qt::transparent);
    QPainter painter(&out);
    for (int i = 0; i < n; ++i) {
        const int x = gap + (i % columns) * (cell.width() + gap);
        const int y = gap + (i / columns) * (2 * cell.height() + 2 * gap);
        painter.drawImage(QRect(QPoint(x, y), cell), p.inputs[i]);
        painter.drawImage(QRect(QPoint(x, y + cell.height() + gap / 2), cell), p.reconstructions[i]);
    }
    return out;
}

} // namespace

TrainingView::TrainingView(QWidget* parent) : QWidget(parent)
{
    controller_ = new TrainingController(this);
    form_ = new ModelForm;
    loss_ = new LossChart;
    kl_ = new KlChart;
    klTimer_ = new QTimer(this);
    klTimer_->setSingleShot(true);
    connect(klTimer_, &QTimer::timeout, this, &TrainingView::drawKl);
    preview_ = new QLabel(tr("Reconstructions of fixed validation images appear here while training runs."));
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setWordWrap(true);
    preview_->setMinimumWidth(140);

    train_ = new QPushButton(tr("Train"));
    train_->setToolTip(tr("Train a new model with these settings"));
    more_ = new QPushButton(tr("Train More"));
    more_->setToolTip(tr("Continue the current model for as many more epochs as the form says"));
    pause_ = new QPushButton(tr("Pause"));
    stop_ = new QPushButton(tr("Stop"));
    save_ = new QPushButton(tr("Save Model…"));
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progressLabel_ = new QLabel(tr("Idle"));

    auto* scroll = new QScrollArea;
    scroll->setWidget(form_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    formScroll_ = scroll;
    auto* buttons = new QGridLayout;
    buttons->addWidget(train_, 0, 0);
    buttons->addWidget(more_, 0, 1);
    buttons->addWidget(pause_, 1, 0);
    buttons->addWidget(stop_, 1, 1);
    buttons->addWidget(save_, 2, 0, 1, 2);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addLayout(buttons);

    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(kl_);
    bottom->addWidget(preview_);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    bottom->setSizes({520, 300});
    bottom_ = bottom;
    bottom_->hide(); // until a run or an opened model has something to show there
    auto* charts = new QSplitter(Qt::Vertical);
    charts->addWidget(loss_);
    charts->addWidget(bottom);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    charts->setSizes({600, 320}); // the loss plot first: it is what a person watches while training
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(charts, 1);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);
    progressRow->addWidget(progressLabel_, 2);
    rightLayout->addLayout(progressRow);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({340, 900});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    confirmDiscard_ = [this] {
        return QMessageBox::question(this, tr("Discard the trained model?"),
                                     tr("The current model has not been saved. Train a new one anyway?"))
               == QMessageBox::Yes;
    };

    connect(train_, &QPushButton::clicked, this, &TrainingView::startTraining);
    connect(more_, &QPushButton::clicked, this, &TrainingView::trainMore);
    connect(pause_, &QPushButton::clicked, this, [this] {
        if (controller_->state() == TrainingController::State::Paused)
            controller_->resume();
        else
            controller_->pause();
    });
    connect(stop_, &QPushButton::clicked, controller_, &TrainingController::stop);
    connect(save_, &QPushButton::clicked, this, &TrainingView::chooseSavePath);
    connect(form_, &ModelForm::learningRateChanged, controller_, &TrainingController::setLearningRate);
    connect(form_, &ModelForm::betaChanged, controller_, &TrainingController::setBeta);
    connect(controller_, &TrainingController::stateChanged, this, &TrainingView::updateButtons);
    connect(controller_, &TrainingController::stepsReady, this, &TrainingView::onSteps);
    connect(controller_, &TrainingController::progressed, this, &TrainingView::onProgress);
    connect(controller_, &TrainingController::epochDone, this, &TrainingView::onEpoch);
    connect(controller_, &TrainingController::previewReady, this, &TrainingView::onPreview);
    connect(controller_, &TrainingController::finished, this, &TrainingView::onFinished);
    connect(controller_, &TrainingController::failed, this, [this](const QString& message) {
        showMessage(true, tr("Training could not start"), message);
        updateButtons();
    });
    connect(controller_, &TrainingController::saved, this, [this](const QString& path) {
        modelPath_ = path;
        Q_EMIT statusMessage(tr("Saved the model to %1").arg(path));
        updateButtons();
    });
    connect(controller_, &TrainingController::opened, this, &TrainingView::onOpened);
    connect(controller_, &TrainingController::openFailed, this, [this](const QString&, const QString& message) {
        showMessage(true, tr("The model could not be opened"), message);
        updateButtons();
    });
    connect(controller_, &TrainingController::saveFailed, this, [this](const QString&, const QString& message) {
        showMessage(true, tr("The model was not saved"), message);
    });
    updateButtons();
}

TrainingView::~TrainingView() = default;

void TrainingView::setDataset(const DatasetPtr& data, const QString& path)
{
    data_ = data;
    dataPath_ = path;
    form_->setDataset(data);
    restoreLastConfigs();
    updateButtons();
    fitFormWidth();
}

// Never narrower than the form itself: a squeezed form scrolls sideways and cuts its fields. Measured once
// the form is polished and holds the data's fields (the class list is the widest).
void TrainingView::fitFormWidth()
{
    formScroll_->setMinimumWidth(form_->sizeHint().width() + formScroll_->verticalScrollBar()->sizeHint().width() + 4);
}

void TrainingView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    fitFormWidth();
}

// The last configuration trained is offered again: the whole model where its input shape fits the new data,
// otherwise only the schedule (epochs, batch, rate, seed, threads), over the data's defaults.
void TrainingView::restoreLastConfigs()
{
    if (!data_)
        return;
    const QSettings settings;
    const QByteArray model = settings.value(kLastModelKey).toByteArray();
    const QByteArray training = settings.value(kLastTrainingKey).toByteArray();
    if (model.isEmpty() || training.isEmpty())
        return;
    try {
        ModelConfig m = ModelConfig::fromJson(nlohmann::json::parse(model.toStdString()));
        TrainingConfig t = TrainingConfig::fromJson(nlohmann::json::parse(training.toStdString()));
        // Class choices and the split belong to one dataset, not to the next one opened.
        t.normalClasses.clear();
        t.validationFraction = TrainingConfig().validationFraction;
        if (m.inputShape == data_->sampleShape() && (m.kind != ModelKind::ConditionalVae || data_->hasLabels()))
            form_->setConfigs(m, t);
        else
            form_->setTraining(t);
    } catch (const std::exception&) {
        // Settings written by another version or edited by hand: the data's defaults stay.
    }
}

void TrainingView::rememberConfigs(const ModelConfig& model, const TrainingConfig& training)
{
    QSettings settings;
    settings.setValue(kLastModelKey, QByteArray::fromStdString(model.toJson().dump()));
    settings.setValue(kLastTrainingKey, QByteArray::fromStdString(training.toJson().dump()));
}

void TrainingView::startTraining()
{
    ModelConfig model;
    TrainingConfig training;
    if (!form_->read(&model, &training))
        return;
    if (controller_->isModified() && confirmDiscard_ && !confirmDiscard_())
        return;
    const QString refused = controller_->train(model, training, data_, dataPath_);
    if (!refused.isEmpty()) {
        showMessage(true, tr("Training could not start"), refused);
        return;
    }
    rememberConfigs(model, training);
    loss_->clear();
    klTimer_->stop();
    kl_->setValues({});
    updateKlPlaceholder(model.kind);
    bottom_->show(); // the KL panel says when its values come; the reconstructions follow in a few steps
    progress_->setValue(0);
    progressLabel_->setText(tr("Starting…"));
    form_->setRunning(true);
    updateButtons();
}

void TrainingView::trainMore()
{
    const QString refused = controller_->trainMore(controller_->epochsDone() + form_->epochsBox()->value());
    if (!refused.isEmpty()) {
        showMessage(true, tr("Training could not continue"), refused);
        return;
    }
    form_->setRunning(true);
    updateButtons();
}

void TrainingView::saveModelAs(const QString& path)
{
    const QString refused = controller_->save(path);
    if (!refused.isEmpty())
        showMessage(true, tr("The model was not saved"), refused);
}

void TrainingView::openModel(const QString& path)
{
    if (controller_->isModified() && confirmDiscard_ && !confirmDiscard_())
        return;
    const QString refused = controller_->open(path, data_, dataPath_);
    if (!refused.isEmpty()) {
        showMessage(true, tr("The model could not be opened"), refused);
        return;
    }
    progressLabel_->setText(tr("Opening %1…").arg(displayName(path)));
}

void TrainingView::onOpened(const OpenedModelInfo& info)
{
    modelPath_ = info.path;
    loss_->setTermNames(info.history.terms);
    loss_->appendSteps(info.history.steps, info.history.values);
    for (const EpochInfo& e : info.epochs)
        loss_->appendEpoch(e.step, e.train, e.validation);
    klTimer_->stop();
    kl_->setValues(info.epochs.isEmpty() ? QVector<double>() : info.epochs.last().klPerDim);
    updateKlPlaceholder(controller_->modelConfig().kind);
    bottom_->show();
    form_->setConfigs(controller_->modelConfig(), controller_->trainingConfig());
    preview_->setPixmap(QPixmap());
    // Cleared with the pixmap; without it the panel beside the KL chart would stand empty until a run.
    preview_->setText(tr("Reconstructions of fixed validation images appear here while training runs."));
    progress_->setValue(0);
    QString text = tr("Opened %1: %2").arg(displayName(info.path), info.summary);
    if (!info.canTrain)
        text += tr(" (to train it further, %1)").arg(info.whyNotTrain);
    progressLabel_->setText(text);
    Q_EMIT statusMessage(text);
    updateButtons();
}

void TrainingView::chooseSavePath()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Model"), QString(),
                                                      tr("LatentLab checkpoints (*.ckpt);;All files (*)"));
    if (!path.isEmpty())
        saveModelAs(path);
}

void TrainingView::updateButtons()
{
    const auto state = controller_->state();
    const bool idle = state == TrainingController::State::Idle;
    train_->setEnabled(idle && data_);
    more_->setEnabled(idle && controller_->canTrainMore());
    pause_->setEnabled(!idle);
    pause_->setText(state == TrainingController::State::Paused ? tr("Resume") : tr("Pause"));
    stop_->setEnabled(!idle);
    save_->setEnabled(idle && controller_->hasModel());
    form_->setRunning(!idle);
    if (state == TrainingController::State::Paused)
        progressLabel_->setText(tr("Paused · %1").arg(lastProgress_));
}

void TrainingView::onSteps(const StepBatch& batch)
{
    if (loss_->termNames() != batch.terms)
        loss_->setTermNames(batch.terms);
    loss_->appendSteps(batch.steps, batch.values);
}

void TrainingView::onProgress(const TrainingProgressInfo& p)
{
    const double total = static_cast<double>(p.epochs * p.batchesPerEpoch);
    progress_->setValue(total > 0 ? qRound(1000.0 * static_cast<double>(p.step) / total) : 0);
    progressLabel_->setText(tr("Epoch %1/%2 · step %3 · %4 samples/s · ETA %5")
                                .arg(p.epoch + 1)
                                .arg(p.epochs)
                                .arg(formatCount(p.step))
                                .arg(formatCount(qRound64(p.samplesPerSecond)))
                                .arg(duration(p.etaSeconds)));
    lastProgress_ = progressLabel_->text();
    Q_EMIT statusMessage(progressLabel_->text());
}

void TrainingView::onEpoch(const EpochInfo& info)
{
    if (loss_->termNames() != info.terms)
        loss_->setTermNames(info.terms);
    loss_->appendEpoch(info.step, info.train, info.validation);
    pendingKl_ = info.klPerDim;
    if (klTimer_->isActive())
        return; // the values waiting are replaced; the timer draws them
    const qint64 since = sinceKl_.isValid() ? sinceKl_.elapsed() : kKlEveryMs;
    if (since >= kKlEveryMs)
        drawKl();
    else
        klTimer_->start(int(kKlEveryMs - since));
}

void TrainingView::drawKl()
{
    kl_->setValues(pendingKl_);
    sinceKl_.restart();
}

void TrainingView::onPreview(const ReconstructionPreview& preview)
{
    if (preview.inputs.isEmpty())
        return;
    preview_->setPixmap(previewPixmap(preview, qMax(preview_->width(), 120)));
    preview_->setToolTip(tr("Each validation input above its reconstruction at step %1.").arg(preview.step));
}

void TrainingView::updateKlPlaceholder(ModelKind kind)
{
    kl_->setPlaceholderText(kind == ModelKind::Autoencoder || kind == ModelKind::VqVae
                                ? tr("An autoencoder and a VQ-VAE have no KL term, so nothing is drawn here")
                                : tr("The KL of each latent dimension appears after the first epoch"));
}

bool TrainingView::showsRunPanels() const
{
    return !bottom_->isHidden();
}

void TrainingView::onFinished(TrainingStatus status, const QString& message)
{
    progressLabel_->setText(message);
    Q_EMIT statusMessage(message);
    if (klTimer_->isActive()) { // the last epoch's values, now
        klTimer_->stop();
        drawKl();
    }
    if (status == TrainingStatus::Diverged)
        showMessage(false, tr("Training diverged"), message + tr("\nThe weights of the last good step were kept."));
    updateButtons();
}

QString TrainingView::modelPath() const
{
    return controller_->hasModel() && !controller_->isModified() ? modelPath_ : QString();
}

QString TrainingView::progressText() const
{
    return progressLabel_->text();
}

void TrainingView::showMessage(bool error, const QString& title, const QString& text)
{
    openMessage(this, error ? QMessageBox::Critical : QMessageBox::Warning, title, text);
}

} // namespace latentlab::ui
