#pragma once
// A row of items that wraps onto further rows when the width runs out, as a toolbar does in a narrow window
// or a longer language: each item (a widget, or a group laid out as one, which never breaks apart) keeps its
// preferred width, and the height follows from the width (height-for-width). Written for the explorer's bar,
// whose controls change with the layout method (t-SNE and UMAP add their parameters) and did not fit 1280
// pixels in one row.
#include <QLayout>
#include <QList>

namespace latentlab::ui {

class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr, int itemSpacing = 12, int rowSpacing = 2);
    ~FlowLayout() override;

    // A group that stays on one row (its own layout, e.g. a label and its box).
    void addGroup(QLayout* group);

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

    // The rows the items took at the last setGeometry() (1 when everything fit on one).
    int rows() const { return rows_; }

private:
    // Places the items in rect (when apply) and returns the height they need.
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> items_;
    int itemSpacing_;
    int rowSpacing_;
    mutable int rows_ = 0;
};

} // namespace latentlab::ui
