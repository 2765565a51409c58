#pragma once
// What a label review leaves behind, written where the user asks and never over the dataset's own files:
// - a suspects CSV: index,file,given,suggested,score,decision (given/suggested as class names; file as the
//   dataset names its samples, empty but for image folders; decision "keep", "relabel" or empty for
//   undecided), rows in the order given;
// - a relabelled copy of the labels in the dataset's own format: for IDX, a new labels file (idx1-ubyte,
//   gzipped when the path ends in .gz); for a CSV or TSV table, a copy of the original file with the label
//   column replaced and every other byte of every row kept; for an image folder, a CSV of moves
//   (file,from,to: the file's path relative to the folder's parent, its class folder now and the one it
//   belongs in). Other formats (.npy without labels, ...) are refused with a sentence saying why.
#include "core/analysis/label_errors.h"
#include "core/data/dataset.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace latentlab {

enum class LabelDecision { Undecided, Keep, Relabel };

std::string toString(LabelDecision decision); // "", "keep", "relabel"
LabelDecision labelDecisionFromString(const std::string& text); // BadInputError for anything else

// The CSV's text; decisions by dataset index (missing: undecided).
std::string labelSuspectsCsv(const Dataset& data, const std::vector<LabelSuspect>& suspects,
                             const std::map<std::int64_t, LabelDecision>& decisions = {});
// Writes that text to path: BadInputError when path is one of the dataset's own files, IoError when it
// cannot be written. Replaces path only when it is the file the user named (the CLI's --out, a save dialog).
void writeLabelSuspectsCsv(const std::string& path, const Dataset& data, const std::vector<LabelSuspect>& suspects,
                           const std::map<std::int64_t, LabelDecision>& decisions = {});

// Every sample's label after the changes: relabels maps dataset index -> new class.
std::vector<std::int32_t> relabelled(const Dataset& data, const std::map<std::int64_t, std::int32_t>& relabels);

// What writeRelabelledLabels writes for this dataset, in a few words ("an IDX labels file", "a copy of the
// CSV with the label column replaced", "a CSV of file moves"), and a file name to offer
// ("train-labels-relabelled-idx1-ubyte", "iris-relabelled.csv", "label-moves.csv"); BadInputError for a dataset
// whose labels cannot be written back (no labels, no source file, a format without a labels file).
// An IDX folder of train and t10k parts keeps one labels file per part: its copy is a folder (folder = true,
// offer a folder dialog) that receives each labels file under its original name.
struct RelabelTarget {
    std::string what;
    std::string suggestedFileName;
    bool folder = false;
};
RelabelTarget relabelTarget(const Dataset& data);

// The refusals writeRelabelledLabels would give for this path and dataset (relabelTarget's, and a path that
// is one of the dataset's own files), checked before any work is done, as the CLI and a save dialog want.
void checkRelabelDestination(const std::string& path, const Dataset& data);

// Writes the relabelled copy to path (a folder, created when missing, where relabelTarget says folder).
// BadInputError as relabelTarget does, when path is one of the dataset's own files (the source, its labels
// files, its images), when a relabel names a class outside the data, or when a CSV no longer holds the labels
// it was loaded with; IoError when the file cannot be written. Returns the number of samples whose label changed.
std::int64_t writeRelabelledLabels(const std::string& path, const Dataset& data,
                                   const std::map<std::int64_t, std::int32_t>& relabels);

} // namespace latentlab
