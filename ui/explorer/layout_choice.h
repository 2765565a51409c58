#pragma once
// Which layout the explorer shows a new model in, as a pure function (tested on its own): the layout the
// user or a session asked for wherever it fits the model, else the latent itself for a 2-D latent and PCA
// for anything larger.
#include "ui/explorer/explorer_reports.h"

#include <optional>

namespace latentlab::ui {

// wanted: the user's last layout (none before they chose one); latentDim: the model's latent size (>= 1).
// A "latent" layout fits only a 2-D latent, and "dims" only when both of its dimensions exist (t-SNE and an
// imported layout fit any model: the file is checked against the data when it is read); t-SNE's
// perplexity and iterations come with the wanted layout, or stay at `fallback`'s.
ProjectionSettings layoutForModel(const std::optional<ProjectionSettings>& wanted, int latentDim,
                                  const ProjectionSettings& fallback = {});

} // namespace latentlab::ui
