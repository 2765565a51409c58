#include "ui/shell/export_model_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace latentlab::ui {

ExportModelDialog::ExportModelDialog(const ScorerOffer& offer, const QString& startFolder, QWidget* parent)
    : QDialog(parent), offer_(offer)
{
    setWindowTitle(tr("Export Model"));
    pytorch_ = new QRadioButton(tr("PyTorch: model.py (a plain nn.Module) and weights.pt"), this);
    pytorch_->setObjectName(QStringLiteral("exportPytorch"));
    onnx_ = new QRadioButton(tr("ONNX: encoder.onnx and decoder.onnx (opset 13)"), this);
    onnx_->setObjectName(QStringLiteral("exportOnnx"));
    pytorch_->setChecked(true);
    scorer_ = new QCheckBox(tr("With the anomaly scorer (scorer.onnx)"), this);
    scorer_->setObjectName(QStringLiteral("exportScorer"));
    scorerNote_ = new QLabel(this);
    scorerNote_->setWordWrap(true);
    scorerNote_->setText(offer.available
                             ? tr("Scores by %1 and flags samples above %2 (%3), as the Anomalies tab does now.")
                                   .arg(offer.score)
                                   .arg(offer.threshold, 0, 'g', 6)
                                   .arg(offer.rule)
                             : tr("Score the samples in the Anomalies tab first: the scorer takes its score and threshold."));

    folder_ = new QLineEdit(freshFolder(startFolder), this);
    folder_->setObjectName(QStringLiteral("exportFolder"));
    folder_->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 48);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportModelDialog::browse);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder_, 1);
    folderRow->addWidget(browse);

    auto* note = new QLabel(tr("The folder must be new or empty; nothing in it is ever replaced."), this);
    note->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pytorch_);
    layout->addWidget(onnx_);
    auto* scorerBox = new QVBoxLayout;
    scorerBox->setContentsMargins(fontMetrics().height() * 3 / 2, 0, 0, 0);
    scorerBox->addWidget(scorer_);
    scorerBox->addWidget(scorerNote_);
    layout->addLayout(scorerBox);
    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), folderRow);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons_);

    connect(onnx_, &QRadioButton::toggled, this, &ExportModelDialog::refresh);
    connect(folder_, &QLineEdit::textChanged, this, &ExportModelDialog::refresh);
    refresh();
}

QString ExportModelDialog::freshFolder(const QString& parent)
{
    // Beside the data where the user may write there (a dataset installed by the system is not), else at home.
    const bool writable = !parent.isEmpty() && QFileInfo(parent).isDir() && QFileInfo(parent).isWritable();
    const QString base = QDir(writable ? parent : QDir::homePath()).filePath(QStringLiteral("exported-model"));
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = base + QLatin1Char('-') + QString::number(n);
    return QDir::toNativeSeparators(candidate);
}

void ExportModelDialog::browse()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Export Into"), folder_->text());
    if (!chosen.isEmpty())
        folder_->setText(QDir::toNativeSeparators(chosen));
}

void ExportModelDialog::refresh()
{
    const bool onnx = onnx_->isChecked();
    scorer_->setEnabled(onnx && offer_.available);
    scorerNote_->setEnabled(onnx);
    if (!scorer_->isEnabled())
        scorer_->setChecked(false);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!folder_->text().trimmed().isEmpty());
}

QString ExportModelDialog::folder() const
{
    return QDir::fromNativeSeparators(folder_->text().trimmed());
}

ModelExportChoice ExportModelDialog::choice() const
{
    ModelExportChoice c;
    c.format = onnx_->isChecked() ? QStringLiteral("onnx") : QStringLiteral("pytorch");
    if (scorer_->isChecked()) {
        c.score = offer_.score;
        c.threshold = offer_.threshold;
        c.rule = offer_.rule;
    }
    return c;
}

} // namespace latentlab::ui
