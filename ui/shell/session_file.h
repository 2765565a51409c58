#pragma once
// A session: what to reopen together, so a person picks up where they left off: the dataset, the model
// checkpoint (when the model was saved), the model and training settings (split and normal classes
// included), the explorer's layout, named sets and bookmarks, the label decisions, and the view in front. A small JSON file; reading one checks every field and says which is wrong.
#include "core/models/model_config.h"
#include "core/training/training_config.h"
#include "ui/compare/models_table_entry.h"
#include "ui/explorer/bookmark.h"
#include "ui/explorer/explorer_reports.h"
#include "ui/explorer/sample_sets.h"
#include "ui/labels/label_decisions.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace latentlab::ui {

struct Session {
    QString dataset;                          // absolute path; empty: none
    QString model;                            // checkpoint path; empty: none saved
    std::optional<ModelConfig> modelConfig;   // the form's settings
    std::optional<TrainingConfig> training;
    // viewName() of the tab in front, kept as a name so this file needs no widgets (the fuzz harness builds
    // it with Qt Core and Gui alone); a name no view has is ignored on opening.
    QString view;
    std::optional<ProjectionSettings> projection; // the explorer's layout
    std::vector<SampleSet> sets;                  // the explorer's named sets, as kept
    std::vector<ExplorerBookmark> bookmarks;      // the explorer's bookmarks
    std::vector<LabelDecisionRecord> labelDecisions; // the Labels tab's keep / relabel decisions
    std::vector<ModelsTableEntry> models;             // the models table's rows: files and the names given
};

// Throws BadInputError naming the file and the field; IoError when it cannot be read or written. Relative
// paths inside the file are resolved against the file's folder, so a session moves with its data.
Session readSession(const QString& path);
void writeSession(const QString& path, const Session& session);

// A file cannot know how many samples its dataset holds: on opening, once the dataset has loaded, every set's
// indices are checked against it. BadInputError naming the set and the sample when one lies past the end.
void checkSetsFit(const std::vector<SampleSet>& sets, std::int64_t samples);
// The same for the label decisions, and their classes against the dataset's.
void checkDecisionsFit(const std::vector<LabelDecisionRecord>& decisions, std::int64_t samples, int classes);

} // namespace latentlab::ui
