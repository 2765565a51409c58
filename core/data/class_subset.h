#pragma once
// Subsets of a labelled dataset by class: the one-class protocol trains on some "normal" classes and calls the
// rest anomalies. The same helpers serve `train --normal-classes`, `anomalies --anomaly-classes` and the GUI.
#include "core/data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

// "0,2,3" or class names ("T-shirt/top,Trouser"), mixed freely; sorted, without repeats. Refuses (naming
// `what`, e.g. "--normal-classes") an empty list, an unknown name, an index outside the dataset's classes,
// and data without labels.
std::vector<int> parseClassList(const Dataset& ds, const std::string& text, const std::string& what);

// Throws BadInputError when the dataset has no labels or a class is outside [0, numClasses()).
void checkClasses(const Dataset& ds, const std::vector<int>& classes, const std::string& what);

// The classes of [0, numClasses) that are not in `classes`, ascending.
std::vector<int> otherClasses(int numClasses, const std::vector<int>& classes);

// The indices whose label is one of `classes`, in the order given.
std::vector<std::int64_t> samplesOfClasses(const Dataset& ds, const std::vector<std::int64_t>& indices,
                                           const std::vector<int>& classes);

// One flag per index: 1 where its label is one of `classes` (ground truth for ROC curves).
std::vector<std::uint8_t> classMembership(const Dataset& ds, const std::vector<std::int64_t>& indices,
                                          const std::vector<int>& classes);

// Keeps only the samples of `classes` in both parts of the dataset's split (the rest of the split as it was).
// Refuses a result whose train part is empty, since nothing could be learned from it. The dropped samples are
// gone from the split (a predefined one cannot be drawn again): keep a copy of split() to undo it.
void restrictSplitToClasses(Dataset& ds, const std::vector<int>& classes);
// The same, as a new split of `split` (one of ds's), ds left as it is.
Split splitRestrictedToClasses(const Dataset& ds, Split split, const std::vector<int>& classes);

// "0,2,3" for messages and JSON-free text output.
std::string classListText(const std::vector<int>& classes);

} // namespace latentlab
