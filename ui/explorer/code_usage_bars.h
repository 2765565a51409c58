#pragma once
// A VQ-VAE's codebook usage: one thin bar per code, its share of all code positions over the data, with
// dead codes (never chosen) marked in red along the baseline, and the count of live codes in the title.
#include <QVector>
#include <QWidget>

namespace latentlab::ui {

class CodeUsageBars : public QWidget {
    Q_OBJECT
public:
    explicit CodeUsageBars(QWidget* parent = nullptr);

    void setUsage(QVector<double> share);
    int deadCount() const;
    QString title() const;
    QSize sizeHint() const override { return {260, 110}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<double> share_;
};

} // namespace latentlab::ui
