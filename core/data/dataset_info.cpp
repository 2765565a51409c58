#include "core/data/dataset_info.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

namespace latentlab {

std::string shapeText(const Dataset& ds)
{
    if (!ds.isImage())
        return std::to_string(ds.sampleNumel()) + " features";
    const auto& s = ds.sampleShape();
    return std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" + std::to_string(s[2]);
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s;
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? "x" : "") + std::to_string(shape[i]);
    return s;
}

nlohmann::json datasetInfoJson(const Dataset& ds)
{
    nlohmann::json j;
    j["path"] = ds.source;
    j["format"] = ds.format;
    j["count"] = ds.size();
    j["kind"] = ds.isImage() ? "image" : "table";
    j["sample_shape"] = ds.sampleShape();
    j["dtype"] = ds.elementType() == ElementType::UInt8 ? "uint8" : "float32";
    const ValueRange r = ds.valueRange();
    j["value_range"] = {{"min", r.min}, {"max", r.max}};
    j["num_classes"] = ds.numClasses();
    nlohmann::json classes = nlohmann::json::array();
    const auto counts = ds.classCounts();
    for (int c = 0; c < ds.numClasses(); ++c)
        classes.push_back({{"index", c}, {"name", ds.classNames()[static_cast<std::size_t>(c)]}, {"count", counts[static_cast<std::size_t>(c)]}});
    j["classes"] = classes;
    const Split& s = ds.split();
    j["split"] = {{"predefined", s.predefined},
                  {"train", s.train.size()},
                  {"validation", s.validation.size()},
                  {"validation_name", s.predefined ? "test" : "validation"}};
    if (!s.trainSource.empty())
        j["split"]["train_source"] = s.trainSource;
    if (!s.validationSource.empty())
        j["split"]["validation_source"] = s.validationSource;
    if (!s.predefined)
        j["split"]["seed"] = s.seed;
    if (!ds.isImage()) {
        nlohmann::json features = nlohmann::json::array();
        for (std::size_t f = 0; f < ds.featureNames().size(); ++f)
            features.push_back({{"name", ds.featureNames()[f]}, {"min", ds.featureRanges()[f].min}, {"max", ds.featureRanges()[f].max}});
        j["features"] = features;
    }
    j["storage_bytes"] = ds.storageBytes();
    j["notes"] = ds.notes;
    return j;
}

std::string datasetInfoText(const Dataset& ds)
{
    std::ostringstream out;
    const ValueRange r = ds.valueRange();
    const Split& s = ds.split();
    out << "path:        " << ds.source << "\n"
        << "format:      " << ds.format << "\n"
        << "samples:     " << ds.size() << " " << (ds.isImage() ? "images" : "rows") << " of " << shapeText(ds)
        << " (" << (ds.elementType() == ElementType::UInt8 ? "uint8" : "float32") << ")\n"
        << "value range: " << r.min << " .. " << r.max << "\n"
        << "split:       " << s.train.size() << " train, " << s.validation.size()
        << (s.predefined ? " test (as shipped)" : " validation (seed " + std::to_string(s.seed) + ")") << "\n";
    if (!s.trainSource.empty() && !s.validationSource.empty())
        out << "             train from " << s.trainSource << ", test from " << s.validationSource << "\n";
    if (ds.hasLabels()) {
        out << "classes:     " << ds.numClasses() << "\n";
        const auto counts = ds.classCounts();
        for (int c = 0; c < ds.numClasses(); ++c) {
            char line[256];
            std::snprintf(line, sizeof line, "  %3d  %-24s %lld\n", c, ds.classNames()[static_cast<std::size_t>(c)].c_str(),
                          static_cast<long long>(counts[static_cast<std::size_t>(c)]));
            out << line;
        }
    } else {
        out << "classes:     none (no labels)\n";
    }
    for (const auto& n : ds.notes)
        out << "note:        " << n << "\n";
    return out.str();
}

} // namespace latentlab
