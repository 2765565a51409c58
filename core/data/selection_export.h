#pragma once
// A chosen set of samples written out where other tools can use them: selection.csv (index,label,file: the
// class name, empty for unlabelled data; the sample's file as the dataset names it, empty but for image
// folders) and, for images, one PNG per sample. PNGs are named by index (00042.png, wider past 99,999
// samples), or for an image folder after the original file (boot/001.jpg becomes 001.png; a name already
// taken in this export gets the index in front: 00042_001.png). Tables get the CSV alone.
// The folder must be new or empty, so nothing of the user's is ever replaced. The window and a CLI write the
// same files through this one function.
#include "core/data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

class AnalysisControl;

struct SelectionExport {
    std::string csvPath;
    std::int64_t rows = 0;   // samples in the CSV
    std::int64_t images = 0; // PNGs written
};

// The CSV's text, rows in the order given.
std::string selectionCsv(const Dataset& data, const std::vector<std::int64_t>& indices);
// The PNG file name of each sample, in the order given (empty for a table dataset).
std::vector<std::string> selectionImageNames(const Dataset& data, const std::vector<std::int64_t>& indices);

// Writes the CSV, then the PNGs, into folder (created when missing). BadInputError, before anything is
// written, for an empty selection, an index outside the data, images PNG cannot hold, or a folder that exists
// and is not empty (or is a file); IoError when a file cannot be written. control: progress per image, and a
// cancel that stops between images (AnalysisCancelled; the files written so far stay).
SelectionExport exportSelection(const Dataset& data, const std::vector<std::int64_t>& indices,
                                const std::string& folder, const AnalysisControl* control = nullptr);

} // namespace latentlab
