#include "ui/explorer/projection_text.h"

#include "core/analysis/projection.h"
#include "core/analysis/umap.h"
#include "ui/common/format.h"

#include <QCoreApplication>

// The translation context: at global scope, so lupdate and the running program name it alike.
class ProjectionText {
    Q_DECLARE_TR_FUNCTIONS(ProjectionText)
};

namespace latentlab::ui {

QString projectionText(const Projection& p)
{
    const QString latent = ProjectionText::tr("%1-d latents").arg(p.latentDims);
    QString what;
    switch (p.method) {
    case ProjectionMethod::Latent: what = ProjectionText::tr("the 2-d latent itself"); break;
    case ProjectionMethod::Dims: what = ProjectionText::tr("dims %1,%2 of %3").arg(p.dims[0]).arg(p.dims[1]).arg(latent); break;
    case ProjectionMethod::Pca: {
        const double share = p.pca ? 100.0 * p.pca->explainedVarianceRatio().sum().item<double>() : 0.0;
        what = ProjectionText::tr("PCA of %1 (%2% of variance)").arg(latent).arg(share, 0, 'f', 1);
        break;
    }
    case ProjectionMethod::Tsne: {
        const QString iterations = p.tsne && p.tsne->stoppedEarly
                                       ? ProjectionText::tr("stopped at iteration %1 of %2")
                                       : ProjectionText::tr("%1/%2 iterations");
        what = ProjectionText::tr("t-SNE of %1 (perplexity %2, %3)")
                   .arg(latent)
                   .arg(p.tsne ? p.tsne->perplexity : 0.0)
                   .arg(iterations.arg(p.tsne ? p.tsne->iterations : 0).arg(p.tsne ? p.tsne->requestedIterations : 0));
        break;
    }
    case ProjectionMethod::Umap: {
        const QString epochs = p.umap && p.umap->stoppedEarly ? ProjectionText::tr("stopped at epoch %1 of %2") : ProjectionText::tr("%1/%2 epochs");
        what = ProjectionText::tr("UMAP of %1 (%2 neighbours, min_dist %3, %4, %5)")
                   .arg(latent)
                   .arg(p.umap ? p.umap->neighbours : 0)
                   .arg(p.umapOptions.minDist)
                   .arg(QString::fromStdString(toString(p.umapOptions.metric)))
                   .arg(epochs.arg(p.umap ? p.umap->epochs : 0).arg(p.umap ? p.umap->requestedEpochs : 0));
        break;
    }
    case ProjectionMethod::Imported:
        what = ProjectionText::tr("the layout imported from %1").arg(QString::fromStdString(p.layoutName));
        break;
    case ProjectionMethod::Axes:
        what = ProjectionText::tr("custom axes of %1 (%2)").arg(latent, QString::fromStdString(p.axesText));
        break;
    }
    const QString how = p.subset ? ProjectionText::tr("%1 of %2 points (a subset)").arg(formatCount(p.points()), formatCount(p.inputRows))
                                 : ProjectionText::tr("all %1 points").arg(formatCount(p.points()));
    return ProjectionText::tr("%1, %2").arg(what, how);
}

} // namespace latentlab::ui
