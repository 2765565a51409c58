#pragma once
// ◀ page N of M ▶ above a paged gallery (the anomaly, labels and duplicates tabs): the buttons ask for the
// page before or after the one shown, and are disabled at either end.
#include <QWidget>

class QLabel;
class QPushButton;

namespace latentlab::ui {

class PageButtons : public QWidget {
    Q_OBJECT
public:
    explicit PageButtons(QWidget* parent = nullptr);

    // page counts from 0; count 0: nothing to page (the label is cleared).
    void setPage(int page, int count);
    QPushButton* previousButton() const { return previous_; }
    QPushButton* nextButton() const { return next_; }
    QString text() const;

Q_SIGNALS:
    void pageRequested(int page);

private:
    QPushButton* previous_ = nullptr;
    QPushButton* next_ = nullptr;
    QLabel* label_ = nullptr;
    int page_ = 0;
};

} // namespace latentlab::ui
