#pragma once
// Opening --model together with --data for the commands that explore a trained model: the data is checked
// against the model and, for tables, put in the units the model was trained in.
#include "app/cli/args.h"
#include "app/cli/data_selection.h"
#include "core/training/model_file.h"

namespace latentlab::cli {

struct ModelAndData {
    OpenedModel model;
    DataSelection data;
};

// --model (required) and the data options; --data defaults to what the checkpoint was trained on.
ModelAndData openModelAndData(const Args& args, const std::string& defaultSplit);

} // namespace latentlab::cli
