#pragma once
// Two to four models' latent scatters side by side, their points the same samples (aligned by Procrustes in
// core), with hover and selection linked: the point under the mouse in one is ringed in every other, a
// clicked point is selected in all, and a rectangle or lasso drawn in one becomes the region in all.
#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;

namespace latentlab::ui {

class ScatterView;

class LinkedScatters : public QWidget {
    Q_OBJECT
public:
    explicit LinkedScatters(QWidget* parent = nullptr);

    // One scatter per layout (2 * N interleaved; an empty one shows its note instead), every one with the
    // same labels and class names. The captions go under each.
    void setLayouts(const std::vector<std::vector<float>>& layouts, const std::vector<int>& labels,
                    const QStringList& classNames, const QStringList& captions, const QStringList& notes);
    const std::vector<ScatterView*>& views() const { return views_; }
    // The point selected in every scatter (-1 none), and the region all share.
    int selected() const { return selected_; }
    const std::vector<int>& region() const { return region_; }

Q_SIGNALS:
    void selectionChanged(int point);

private:
    void select(ScatterView* from, int point);
    void hover(ScatterView* from, int point);
    void setRegion(ScatterView* from, const std::vector<int>& points);

    std::vector<ScatterView*> views_;
    std::vector<QWidget*> cells_;
    int selected_ = -1;
    std::vector<int> region_;
};

} // namespace latentlab::ui
