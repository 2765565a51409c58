#include "ui/common/format.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace latentlab::ui {

QString displayName(const QString& path)
{
    const QString clean = QDir::cleanPath(path);
    const QString name = QFileInfo(clean).fileName();
    return name.isEmpty() ? clean : name;
}

QString formatCount(std::int64_t n)
{
    return QLocale().toString(static_cast<qlonglong>(n));
}

QString sampleCountText(const Dataset& ds)
{
    if (ds.isImage())
        return QObject::tr("%1 images").arg(formatCount(ds.size()));
    return QObject::tr("%1 rows").arg(formatCount(ds.size()));
}

QString sampleShapeText(const Dataset& ds)
{
    if (!ds.isImage())
        return QObject::tr("%1 features").arg(formatCount(ds.sampleNumel()));
    const QString type = ds.elementType() == ElementType::UInt8 ? QStringLiteral("uint8") : QStringLiteral("float32");
    return QStringLiteral("%1 × %2 × %3 (%4)").arg(ds.channels()).arg(ds.height()).arg(ds.width()).arg(type);
}

QString splitText(const Dataset& ds)
{
    const Split& s = ds.split();
    const QString train = formatCount(static_cast<std::int64_t>(s.train.size()));
    const QString held = formatCount(static_cast<std::int64_t>(s.validation.size()));
    if (s.predefined)
        return QObject::tr("%1 train · %2 test (as shipped)").arg(train, held);
    return QObject::tr("%1 train · %2 validation (seed %3)").arg(train, held).arg(s.seed);
}

QString splitSourcesText(const Dataset& ds)
{
    const Split& s = ds.split();
    if (s.trainSource.empty() || s.validationSource.empty())
        return {};
    return QObject::tr("Train: %1\nTest: %2")
        .arg(QString::fromStdString(s.trainSource), QString::fromStdString(s.validationSource));
}

QString statusSummary(const Dataset& ds)
{
    QString shape = ds.isImage() ? QStringLiteral("%1×%2×%3").arg(ds.channels()).arg(ds.height()).arg(ds.width())
                                 : QObject::tr("%1 features").arg(ds.sampleNumel());
    QString classes = ds.hasLabels() ? QObject::tr("%1 classes").arg(ds.numClasses()) : QObject::tr("no labels");
    return QStringLiteral("%1 · %2 · %3").arg(sampleCountText(ds), shape, classes);
}

} // namespace latentlab::ui
