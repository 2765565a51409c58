#pragma once
// A dataset held compactly in memory: images as uint8 N x C x H x W (or float32 when the source is float),
// tables as float32 N x D already scaled to [0,1] with each feature's original min/max kept. Float batches
// for training are made on demand from this storage; no float copy of a whole image set is ever kept.
#include <cstdint>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace latentlab {

enum class SampleKind { Image, Table };
enum class ElementType { UInt8, Float32 };

// Original units of a feature (tables) or of all pixels (float images): stored value v in [0,1] came from
// min + v * (max - min).
struct ValueRange {
    double min = 0.0;
    double max = 1.0;
};

// A file that holds the labels of consecutive samples [first, first + count), as IDX keeps them beside the
// images (a folder of train and t10k parts has two).
struct LabelsFile {
    std::string path;
    std::int64_t first = 0;
    std::int64_t count = 0;
};

// Indices into the dataset. A predefined split comes with the data (IDX train/t10k); otherwise it is drawn
// by seed.
struct Split {
    std::vector<std::int64_t> train;
    std::vector<std::int64_t> validation;
    bool predefined = false;
    double validationFraction = 0.0;
    std::uint64_t seed = 0;
    // A predefined split's two files as the data shipped them (IDX train/t10k), for the reader to see which is
    // which; empty otherwise. Formatted by each front end in its own words (the GUI's are translated).
    std::string trainSource;
    std::string validationSource;
};

// n indices shuffled by seed (a fixed Fisher-Yates over mt19937_64, so the split is the same on every
// platform), the first round(fraction * n) of them (at least one for a fraction above 0) held out, both parts
// sorted. BadInputError for a fraction outside [0, 1).
Split seededSplit(std::int64_t n, double validationFraction, std::uint64_t seed);

class Dataset {
public:
    Dataset() = default;

    // images: pixels holds n*c*h*w bytes, sample-major.
    static Dataset fromImages(std::vector<std::uint8_t> pixels, std::int64_t n, int c, int h, int w);
    // float images already in [0,1], with the range they came from.
    static Dataset fromFloatImages(std::vector<float> values01, std::int64_t n, int c, int h, int w,
                                   ValueRange original);
    // table: values01 holds n*d floats in [0,1]; ranges has d entries (original units).
    static Dataset fromTable(std::vector<float> values01, std::int64_t n, std::int64_t d,
                             std::vector<ValueRange> ranges, std::vector<std::string> featureNames);

    std::int64_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    SampleKind kind() const { return shape_.size() == 3 ? SampleKind::Image : SampleKind::Table; }
    bool isImage() const { return kind() == SampleKind::Image; }
    ElementType elementType() const { return bytes_.empty() && !floats_.empty() ? ElementType::Float32 : ElementType::UInt8; }
    // {C, H, W} for images, {D} for tables.
    const std::vector<std::int64_t>& sampleShape() const { return shape_; }
    std::int64_t sampleNumel() const { return numel_; }
    int channels() const { return isImage() ? static_cast<int>(shape_[0]) : 1; }
    int height() const { return isImage() ? static_cast<int>(shape_[1]) : 1; }
    int width() const { return isImage() ? static_cast<int>(shape_[2]) : static_cast<int>(numel_); }

    // Sample i as floats in [0,1] (sampleNumel() values).
    void sampleTo01(std::int64_t i, float* out) const;
    // Raw storage access; exactly one of these is non-null.
    const std::uint8_t* uint8Data() const { return bytes_.empty() ? nullptr : bytes_.data(); }
    const float* floatData() const { return floats_.empty() ? nullptr : floats_.data(); }
    // Bytes of storage held for the samples.
    std::size_t storageBytes() const { return bytes_.size() + floats_.size() * sizeof(float); }

    // Float batch [B, C, H, W] or [B, D] in [0,1], and the int64 labels [B] of the same rows.
    at::Tensor batch(const std::vector<std::int64_t>& indices) const;
    at::Tensor labelBatch(const std::vector<std::int64_t>& indices) const;

    // Labels: one class index per sample, in [0, numClasses()).
    bool hasLabels() const { return !labels_.empty(); }
    const std::vector<std::int32_t>& labels() const { return labels_; }
    int numClasses() const { return static_cast<int>(classNames_.size()); }
    const std::vector<std::string>& classNames() const { return classNames_; }
    std::vector<std::int64_t> classCounts() const;
    // labels must have size() entries, each in [0, classNames.size()); throws BadInputError otherwise.
    void setLabels(std::vector<std::int32_t> labels, std::vector<std::string> classNames);
    void setClassNames(std::vector<std::string> classNames);

    // Original units: one range per feature for tables, one for float images, {0,255} for uint8 images.
    const std::vector<ValueRange>& featureRanges() const { return ranges_; }
    const std::vector<std::string>& featureNames() const { return featureNames_; }
    // Smallest and largest value over the whole dataset, in original units.
    ValueRange valueRange() const;
    // Re-expresses a table's stored values against other per-feature ranges (a model's training data), so the
    // same original value maps to the same stored value; values may then fall outside [0,1].
    void rescaleTo(const std::vector<ValueRange>& ranges);

    const Split& split() const { return split_; }
    // seededSplit over the whole dataset.
    void splitBySeed(double validationFraction, std::uint64_t seed);
    void setPredefinedSplit(std::int64_t trainCount, std::string trainSource = {}, std::string validationSource = {});
    // A split chosen elsewhere (the samples of some classes only, say); refuses an index outside the dataset.
    void setSplit(Split split);

    // Where it came from and how it was read: shown by `info` and in the GUI.
    std::string source;
    std::string format;
    std::vector<std::string> notes;
    // One name per sample where the source has them (an image folder: each file's path relative to the
    // folder's parent, e.g. "shoes/boot/001.png"), so exports can name files; empty otherwise.
    std::vector<std::string> sampleNames;
    // Where the labels were read from, so a relabelled copy can be written in the same form (label_export.h):
    // the label column's header for a CSV/TSV table, the labels files for IDX; empty otherwise.
    std::string labelColumn;
    std::vector<LabelsFile> labelsFiles;

private:
    void initShape(std::int64_t n, std::vector<std::int64_t> shape);

    std::int64_t n_ = 0;
    std::int64_t numel_ = 0;
    std::vector<std::int64_t> shape_;
    std::vector<std::uint8_t> bytes_;
    std::vector<float> floats_;
    std::vector<ValueRange> ranges_;
    std::vector<std::string> featureNames_;
    std::vector<std::int32_t> labels_;
    std::vector<std::string> classNames_;
    Split split_;
};

} // namespace latentlab
