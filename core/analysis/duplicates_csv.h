#pragma once
// The groups file both the window's export and `latentlab-cli duplicates` write, in one format:
//   group,index,split,file,distance,exact
// one row per member of a group, groups in the report's order (exact ones first) numbered from 1, members in
// the group's order (its first member first). `split` is train, test or none (the dataset's split, "test"
// being its validation part, as the CLI's --split names it); `file` the sample's file name where the dataset
// keeps one (an image folder), else empty, quoted where CSV needs it; `distance` the latent distance to the
// group's first member (%.9g; 0 for exact copies and in an exact-only scan); `exact` 1 when the member is the
// same bytes as another member of its group. Written atomically, and never over one of the dataset's files.
#include "core/analysis/duplicates.h"
#include "core/data/dataset.h"

#include <string>

namespace latentlab {

// "train", "test", "none".
std::string splitPartName(SplitPart part);

std::string duplicateGroupsCsv(const Dataset& data, const DuplicateReport& report);

// BadInputError when path is the dataset's source file, or an existing file inside its folder (an IDX folder,
// an image folder); IoError when the file cannot be written.
void writeDuplicateGroupsCsv(const std::string& path, const Dataset& data, const DuplicateReport& report);

// Whether writing path could replace one of the dataset's own files, as writeDuplicateGroupsCsv refuses.
bool isDatasetFile(const Dataset& data, const std::string& path);

} // namespace latentlab
