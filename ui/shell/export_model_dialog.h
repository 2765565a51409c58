#pragma once
// File > Export > Model for PyTorch or ONNX…: the format; for ONNX, whether to add the anomaly scorer with the
// Anomalies tab's score and threshold; and the folder (new or empty: the export never replaces a file).
#include "ui/explorer/explorer_reports.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace latentlab::ui {

// The anomaly scorer the window can offer: the Anomalies tab's current score and threshold, if it has scored.
struct ScorerOffer {
    bool available = false;
    QString score;          // "mse", "bce", "elbo"
    double threshold = 0.0;
    QString rule;
};

class ExportModelDialog : public QDialog {
    Q_OBJECT
public:
    // startFolder: where the folder suggested and browsed for starts.
    ExportModelDialog(const ScorerOffer& offer, const QString& startFolder, QWidget* parent = nullptr);

    QString folder() const;
    ModelExportChoice choice() const;

    // A folder that does not exist yet under `parent` (home where parent cannot be written): exported-model,
    // exported-model-2, ...
    static QString freshFolder(const QString& parent);

private:
    void browse();
    void refresh();

    ScorerOffer offer_;
    QRadioButton* pytorch_ = nullptr;
    QRadioButton* onnx_ = nullptr;
    QCheckBox* scorer_ = nullptr;
    QLabel* scorerNote_ = nullptr;
    QLineEdit* folder_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

} // namespace latentlab::ui
