#include "core/training/dataset_fingerprint.h"

#include "core/data/dataset_info.h"
#include "core/util/errors.h"
#include "core/util/json_read.h"

#include <nlohmann/json.hpp>

namespace latentlab {

DatasetFingerprint DatasetFingerprint::of(const Dataset& ds)
{
    return {ds.source, ds.format, ds.size(), ds.sampleShape(), ds.featureRanges(), ds.featureNames(), ds.classNames(), {}, {}};
}

nlohmann::json DatasetFingerprint::toJson() const
{
    nlohmann::json ranges = nlohmann::json::array();
    for (const auto& r : this->ranges)
        ranges.push_back({r.min, r.max});
    return {{"path", path},   {"format", format},          {"samples", samples},       {"shape", shape},
            {"ranges", ranges}, {"feature_names", featureNames}, {"class_names", classNames},
            {"label_column", labelColumn}, {"labels_path", labelsPath}};
}

DatasetFingerprint DatasetFingerprint::fromJson(const nlohmann::json& j)
{
    DatasetFingerprint f;
    try {
        f.path = j.at("path").get<std::string>();
        f.format = j.value("format", std::string());
        f.samples = jsonInteger<std::int64_t>(j.at("samples"), "dataset fingerprint: samples");
        f.shape = jsonIntegers<std::int64_t>(j.at("shape"), "dataset fingerprint: shape");
        for (const auto& r : j.at("ranges"))
            f.ranges.push_back({r.at(0).get<double>(), r.at(1).get<double>()});
        f.featureNames = j.value("feature_names", std::vector<std::string>());
        f.classNames = j.value("class_names", std::vector<std::string>());
        f.labelColumn = j.value("label_column", std::string());
        f.labelsPath = j.value("labels_path", std::string());
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(std::string("dataset fingerprint: ") + e.what());
    }
    return f;
}

void conformToTraining(Dataset& ds, const DatasetFingerprint& trained)
{
    if (ds.sampleShape() != trained.shape)
        throw ModelMismatchError("the model was trained on samples of shape " + shapeText(trained.shape) + " but "
                                 + ds.source + " has samples of shape " + shapeText(ds.sampleShape()));
    if (!ds.isImage() && trained.ranges.size() == static_cast<std::size_t>(ds.sampleNumel()))
        ds.rescaleTo(trained.ranges);
}

} // namespace latentlab
