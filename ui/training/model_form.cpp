#include "ui/training/model_form.h"

#include "core/util/torch_threads.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace latentlab::ui {
namespace {

QSpinBox* spin(int lo, int hi, int value)
{
    auto* box = new QSpinBox;
    box->setRange(lo, hi);
    box->setValue(value);
    return box;
}

QDoubleSpinBox* realSpin(double lo, double hi, double value, int decimals, double step)
{
    auto* box = new QDoubleSpinBox;
    box->setDecimals(decimals);
    box->setRange(lo, hi);
    box->setSingleStep(step);
    box->setValue(value);
    return box;
}

QString hiddenText(const std::vector<std::int64_t>& hidden)
{
    QStringList parts;
    for (const auto h : hidden)
        parts << QString::number(h);
    return parts.join(QStringLiteral(", "));
}

bool convFits(const Dataset& data)
{
    const auto& s = data.sampleShape();
    return s.size() == 3 && (s[0] == 1 || s[0] == 3) && s[1] % 4 == 0 && s[2] % 4 == 0 && s[1] >= 8 && s[2] >= 8;
}

void setItemEnabled(QComboBox* box, int index, bool enabled)
{
    if (auto* model = qobject_cast<QStandardItemModel*>(box->model()))
        model->item(index)->setEnabled(enabled);
}

} // namespace

ModelForm::ModelForm(QWidget* parent) : QWidget(parent)
{
    family_ = new QComboBox;
    family_->addItem(tr("Autoencoder"), static_cast<int>(ModelKind::Autoencoder));
    family_->addItem(tr("VAE"), static_cast<int>(ModelKind::Vae));
    family_->addItem(tr("beta-VAE"), static_cast<int>(ModelKind::BetaVae));
    family_->addItem(tr("Conditional VAE"), static_cast<int>(ModelKind::ConditionalVae));
    family_->addItem(tr("VQ-VAE"), static_cast<int>(ModelKind::VqVae));
    family_->addItem(tr("Hierarchical VAE"), static_cast<int>(ModelKind::HierarchicalVae));
    family_->setCurrentIndex(1);
    backbone_ = new QComboBox;
    backbone_->addItem(tr("MLP"), static_cast<int>(Backbone::Mlp));
    backbone_->addItem(tr("Convolutional"), static_cast<int>(Backbone::Conv));
    latent_ = spin(1, 4096, 32);
    hidden_ = new QLineEdit(QStringLiteral("512, 512"));
    hidden_->setToolTip(tr("Widths of the hidden layers, comma-separated; the decoder mirrors them"));
    beta_ = realSpin(0.0, 1000.0, 4.0, 2, 0.5);
    warmup_ = spin(0, 10000000, 0);
    warmup_->setSuffix(tr(" steps"));
    codebook_ = spin(2, 65536, 128);
    codeDim_ = spin(1, 1024, 16);
    bottom_ = spin(1, 4096, 32);
    epochs_ = spin(1, 100000, 10);
    batch_ = spin(1, 65536, 128);
    learningRate_ = realSpin(0.000001, 1.0, 0.001, 6, 0.0001);
    seed_ = spin(0, std::numeric_limits<int>::max(), 0);
    // No more than the machine runs at once (TrainingConfig::resolvedThreads caps the same way).
    threads_ = spin(0, std::max(allCores(), static_cast<int>(QThread::idealThreadCount())), 0);
    threads_->setSpecialValueText(tr("all cores (%1)").arg(allCores()));
    ownSplit_ = new QCheckBox(tr("Use the data's own test split"));
    ownSplit_->setChecked(true);
    validation_ = realSpin(0.0, 0.9, 0.1, 2, 0.05);
    normal_ = new QListWidget;
    normal_->setMaximumHeight(120);
    normal_->setToolTip(tr("Train on the checked classes only (one-class anomaly work); all checked: every sample"));
    generalError_ = new QLabel;
    generalError_->setWordWrap(true);
    generalError_->setStyleSheet(QStringLiteral("color: #c62828"));
    generalError_->hide();

    auto* modelBox = new QGroupBox(tr("Model"));
    auto* modelForm = new QFormLayout(modelBox);
    addRow(modelForm, QStringLiteral("kind"), tr("Family"), family_);
    addRow(modelForm, QStringLiteral("backbone"), tr("Backbone"), backbone_);
    addRow(modelForm, QStringLiteral("latent_dim"), tr("Latent size"), latent_);
    addRow(modelForm, QStringLiteral("hidden"), tr("Hidden sizes"), hidden_);
    addRow(modelForm, QStringLiteral("beta"), tr("Beta"), beta_);
    addRow(modelForm, QStringLiteral("kl_warmup_steps"), tr("KL warm-up"), warmup_);
    addRow(modelForm, QStringLiteral("codebook_size"), tr("Codebook size"), codebook_);
    addRow(modelForm, QStringLiteral("code_dim"), tr("Code size"), codeDim_);
    addRow(modelForm, QStringLiteral("bottom_latent_dim"), tr("Bottom latent size"), bottom_);

    auto* trainBox = new QGroupBox(tr("Training"));
    auto* trainForm = new QFormLayout(trainBox);
    addRow(trainForm, QStringLiteral("epochs"), tr("Epochs"), epochs_);
    addRow(trainForm, QStringLiteral("batch size"), tr("Batch size"), batch_);
    addRow(trainForm, QStringLiteral("learning rate"), tr("Learning rate"), learningRate_);
    addRow(trainForm, QStringLiteral("seed"), tr("Seed"), seed_);
    addRow(trainForm, QStringLiteral("threads"), tr("Threads"), threads_);

    auto* dataBox = new QGroupBox(tr("Data"));
    auto* dataForm = new QFormLayout(dataBox);
    addRow(dataForm, QStringLiteral("own split"), QString(), ownSplit_);
    addRow(dataForm, QStringLiteral("validation fraction"), tr("Validation"), validation_);
    addRow(dataForm, QStringLiteral("normal classes"), tr("Normal classes"), normal_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(modelBox);
    layout->addWidget(trainBox);
    layout->addWidget(dataBox);
    layout->addWidget(generalError_);
    layout->addStretch(1);

    connect(family_, &QComboBox::currentIndexChanged, this, &ModelForm::updateVisibleFields);
    connect(backbone_, &QComboBox::currentIndexChanged, this, &ModelForm::updateVisibleFields);
    connect(ownSplit_, &QCheckBox::toggled, this, &ModelForm::updateVisibleFields);
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, [this](double lr) {
        if (running_)
            Q_EMIT learningRateChanged(lr);
    });
    connect(beta_, &QDoubleSpinBox::valueChanged, this, [this](double beta) {
        if (running_)
            Q_EMIT betaChanged(beta);
    });
    updateVisibleFields();
}

void ModelForm::addRow(QFormLayout* form, const QString& key, const QString& label, QWidget* field)
{
    auto* error = new QLabel;
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #c62828"));
    error->hide();
    auto* cell = new QWidget;
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    column->addWidget(error);
    auto* labelWidget = new QLabel(label);
    form->addRow(labelWidget, cell);
    rows_.insert(key, Row{labelWidget, cell, error});
}

ModelKind ModelForm::kind() const
{
    return static_cast<ModelKind>(family_->currentData().toInt());
}

void ModelForm::updateVisibleFields()
{
    const ModelKind k = kind();
    const bool gaussian = k == ModelKind::Vae || k == ModelKind::BetaVae || k == ModelKind::ConditionalVae
                          || k == ModelKind::HierarchicalVae;
    const bool labelled = data_ && data_->hasLabels();
    const bool predefined = data_ && data_->split().predefined;
    const QHash<QString, bool> visible{
        {QStringLiteral("beta"), k == ModelKind::BetaVae},
        {QStringLiteral("kl_warmup_steps"), gaussian},
        {QStringLiteral("codebook_size"), k == ModelKind::VqVae},
        {QStringLiteral("code_dim"), k == ModelKind::VqVae},
        {QStringLiteral("bottom_latent_dim"), k == ModelKind::HierarchicalVae},
        {QStringLiteral("own split"), predefined},
        {QStringLiteral("validation fraction"), !predefined || !ownSplit_->isChecked()},
        {QStringLiteral("normal classes"), labelled},
    };
    for (auto it = visible.begin(); it != visible.end(); ++it) {
        const Row& row = rows_.value(it.key());
        row.label->setVisible(it.value());
        row.field->setVisible(it.value());
    }
}

void ModelForm::setDataset(const DatasetPtr& data)
{
    data_ = data;
    if (!data_)
        return;
    const ModelConfig defaults = ModelConfig::defaultsFor(data_->sampleShape(), kind());
    latent_->setValue(static_cast<int>(defaults.latentDim));
    hidden_->setText(hiddenText(defaults.hidden));
    codeDim_->setValue(static_cast<int>(defaults.codeDim));
    bottom_->setValue(static_cast<int>(defaults.bottomLatentDim));
    const bool conv = convFits(*data_);
    setItemEnabled(backbone_, 1, conv);
    if (!conv)
        backbone_->setCurrentIndex(0);
    setItemEnabled(family_, 3, data_->hasLabels());
    if (!data_->hasLabels() && kind() == ModelKind::ConditionalVae)
        family_->setCurrentIndex(1);
    normal_->clear();
    for (int c = 0; c < data_->numClasses(); ++c) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(c).arg(QString::fromStdString(data_->classNames()[c])));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        normal_->addItem(item);
    }
    clearErrors();
    updateVisibleFields();
}

void ModelForm::setConfigs(const ModelConfig& model, const TrainingConfig& training)
{
    const int family = family_->findData(static_cast<int>(model.kind));
    if (family >= 0)
        family_->setCurrentIndex(family);
    backbone_->setCurrentIndex(model.backbone == Backbone::Conv && (!data_ || convFits(*data_)) ? 1 : 0);
    latent_->setValue(static_cast<int>(model.latentDim));
    hidden_->setText(hiddenText(model.hidden));
    if (model.kind == ModelKind::BetaVae)
        beta_->setValue(model.beta);
    warmup_->setValue(static_cast<int>(model.klWarmupSteps));
    codebook_->setValue(static_cast<int>(model.codebookSize));
    codeDim_->setValue(static_cast<int>(model.codeDim));
    bottom_->setValue(static_cast<int>(model.bottomLatentDim));
    setTraining(training);
}

void ModelForm::setTraining(const TrainingConfig& training)
{
    epochs_->setValue(static_cast<int>(training.epochs));
    batch_->setValue(static_cast<int>(training.batchSize));
    learningRate_->setValue(training.learningRate);
    seed_->setValue(static_cast<int>(std::min<std::uint64_t>(training.seed, std::numeric_limits<int>::max())));
    threads_->setValue(training.threads);
    ownSplit_->setChecked(training.validationFraction < 0);
    if (training.validationFraction >= 0)
        validation_->setValue(training.validationFraction);
    for (int i = 0; i < normal_->count(); ++i) {
        const bool normal = training.normalClasses.empty()
                            || std::find(training.normalClasses.begin(), training.normalClasses.end(), i)
                                   != training.normalClasses.end();
        normal_->item(i)->setCheckState(normal ? Qt::Checked : Qt::Unchecked);
    }
    updateVisibleFields();
}

bool ModelForm::read(ModelConfig* model, TrainingConfig* training)
{
    clearErrors();
    if (!data_) {
        generalError_->setText(tr("Open a dataset first."));
        generalError_->show();
        return false;
    }
    bool ok = true;
    ModelConfig m = ModelConfig::defaultsFor(data_->sampleShape(), kind());
    m.backbone = static_cast<Backbone>(backbone_->currentData().toInt());
    m.latentDim = latent_->value();
    m.hidden.clear();
    for (const QString& part : hidden_->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        bool isNumber = false;
        const int width = part.toInt(&isNumber);
        if (!isNumber || width < 1 || width > 16384) {
            showError(QStringLiteral("hidden"), tr("'%1' is not a layer width (1 to 16384)").arg(part));
            ok = false;
        }
        m.hidden.push_back(width);
    }
    if (ok && (m.hidden.empty() || m.hidden.size() > 8)) {
        showError(QStringLiteral("hidden"), tr("give 1 to 8 widths, such as 512, 512"));
        ok = false;
    }
    m.beta = m.kind == ModelKind::BetaVae ? beta_->value() : 1.0;
    m.klWarmupSteps = warmup_->value();
    m.codebookSize = codebook_->value();
    m.codeDim = codeDim_->value();
    m.bottomLatentDim = bottom_->value();
    if (m.kind == ModelKind::ConditionalVae) {
        if (!data_->hasLabels()) {
            showError(QStringLiteral("kind"), tr("a conditional VAE needs labelled data, and this dataset has no labels"));
            ok = false;
        }
        m.numClasses = data_->numClasses();
    }

    TrainingConfig t;
    t.epochs = epochs_->value();
    t.batchSize = batch_->value();
    t.learningRate = learningRate_->value();
    t.seed = static_cast<std::uint64_t>(seed_->value());
    t.threads = threads_->value();
    t.validationFraction = data_->split().predefined && ownSplit_->isChecked() ? -1.0 : validation_->value();
    if (data_->hasLabels()) {
        std::vector<int> normal;
        for (int i = 0; i < normal_->count(); ++i)
            if (normal_->item(i)->checkState() == Qt::Checked)
                normal.push_back(i);
        if (normal.empty()) {
            showError(QStringLiteral("normal classes"), tr("check at least one class to train on"));
            ok = false;
        }
        if (static_cast<int>(normal.size()) < normal_->count())
            t.normalClasses = normal;
    }
    if (!ok)
        return false;
    try {
        m.validate();
        t.validate();
    } catch (const std::exception& e) {
        showCoreError(QString::fromStdString(e.what()));
        return false;
    }
    *model = m;
    *training = t;
    return true;
}

void ModelForm::setRunning(bool running)
{
    running_ = running;
    for (auto it = rows_.begin(); it != rows_.end(); ++it)
        it.value().field->setEnabled(!running || it.key() == QStringLiteral("learning rate")
                                     || it.key() == QStringLiteral("beta"));
}

QString ModelForm::errorFor(const QString& field) const
{
    const auto it = rows_.find(field);
    if (it != rows_.end())
        return it->error->isHidden() ? QString() : it->error->text();
    return generalError_->isHidden() ? QString() : generalError_->text();
}

bool ModelForm::isFieldVisible(QWidget* field) const
{
    for (QWidget* w = field; w && w != this; w = w->parentWidget())
        if (w->isHidden())
            return false;
    return true;
}

void ModelForm::clearErrors()
{
    for (const Row& row : rows_)
        row.error->hide();
    generalError_->hide();
}

void ModelForm::showError(const QString& key, const QString& reason)
{
    const auto it = rows_.find(key);
    QLabel* label = it != rows_.end() && !it->field->isHidden() ? it->error : generalError_;
    label->setText(reason);
    label->show();
}

// Core says "model config: latent_dim must be ..." or "training: batch size must be ...": the field goes
// beside its own box, the reason without the prefix.
void ModelForm::showCoreError(const QString& message)
{
    QString rest = message;
    for (const QString& prefix : {QStringLiteral("model config: "), QStringLiteral("training: ")})
        if (rest.startsWith(prefix))
            rest = rest.mid(prefix.size());
    QString best;
    for (auto it = rows_.begin(); it != rows_.end(); ++it)
        if (rest.startsWith(it.key() + QLatin1Char(' ')) && it.key().size() > best.size())
            best = it.key();
    if (best.isEmpty())
        showError(QString(), message);
    else
        showError(best, rest.mid(best.size() + 1));
}

} // namespace latentlab::ui
