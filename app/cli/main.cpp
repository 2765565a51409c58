// latentlab-cli: every job of LatentLab without a screen. Links core only.
// Exit codes: 0 success, 2 bad input (the one-line message on stderr), 1 anything else.
#include "app/cli/commands.h"
#include "core/util/build_info.h"
#include "core/util/errors.h"

#include <c10/util/Exception.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Command {
    const char* name;
    int (*run)(const std::vector<std::string>&);
    const char* usage;
};

const Command kCommands[] = {
    {"info", latentlab::cli::runInfo,
     "info PATH [--json] [--labels FILE] [--label-column NAME]\n"
     "    describe a dataset: count, sample shape, classes, value range, split\n"},
    {"train", latentlab::cli::runTrain,
     "train --data PATH --out CHECKPOINT [--model ae|vae|beta-vae|cvae|vqvae|hvae] [--arch mlp|conv]\n"
     "      [--latent N] [--hidden N[,N...]] [--beta B] [--kl-warmup STEPS] [--codebook K] [--code-dim D]\n"
     "      [--likelihood bernoulli|gaussian] [--class-prior on|off] [--epochs N] [--batch N] [--lr X]\n"
     "      [--weight-decay X] [--grad-clip NORM] [--seed S] [--threads T] [--device cpu|cuda]\n"
     "      [--split train|all] [--val-split F] [--label-column NAME] [--json]\n"
     "      [--normal-classes C[,C...]]  (one-class protocol: train and validate on these classes only)\n"
     "train --resume CHECKPOINT [--epochs N] [--data PATH] [--out CHECKPOINT] [--lr X] [--threads T]\n"
     "      [--device cpu|cuda] [--json]\n"
     "    train a model; the checkpoint is saved after every epoch and on Ctrl-C, and --resume continues it\n"
     "    (--epochs is the total). --json prints one JSON object per epoch and one when done.\n"},
    {"eval", latentlab::cli::runEval,
     "eval --model CHECKPOINT|TORCHSCRIPT [--data PATH] [--split train|test|all] [--label-column NAME] [--json]\n"
     "    per-sample means of the loss terms (recon, kl, neg_elbo in nats, mse, ...) over a dataset;\n"
     "    default split: test where the data has one, else all; default data: what the model was trained on\n"},
    {"encode", latentlab::cli::runEncode,
     "encode --model CHECKPOINT|TORCHSCRIPT --out LATENTS.csv|LATENTS.npy [--projector FOLDER] [--data PATH]\n"
     "       [--split train|test|all] [--sample] [--label-column NAME] [--json]\n"
     "    the latent mean (or a posterior draw with --sample) of every selected sample, in dataset order;\n"
     "    CSV has index and label columns first, .npy is a float32 matrix. --projector (with or without --out)\n"
     "    writes tensors.tsv, metadata.tsv, sprite.png (images) and projector_config.pbtxt for TensorBoard's\n"
     "    Embedding Projector into FOLDER (created if missing; refused if it holds any of them)\n"},
    {"anomalies", latentlab::cli::runAnomalies,
     "anomalies --model CHECKPOINT|TORCHSCRIPT --out SCORES.csv [--data PATH] [--split train|test|all]\n"
     "          [--score mse|bce|elbo] [--reference NORMAL_DATA] [--k K | --percentile P]\n"
     "          [--anomaly-classes C[,C...]] [--label-column NAME] [--batch N] [--threads T] [--json]\n"
     "    score every selected sample (CSV: index, file, label, score, flagged, most anomalous first, as the\n"
     "    window exports it); the threshold is the mean + K std (K=3) or the P-th percentile of the reference's\n"
     "    scores (default: the model's training samples, of its normal classes); with anomaly classes (given, or\n"
     "    the checkpoint's non-normal ones) prints AUROC and precision/recall at the threshold. --json: one line\n"
     "    with threshold, flagged, auroc, precision, recall\n"},
    {"labels", latentlab::cli::runLabels,
     "labels --model CHECKPOINT|TORCHSCRIPT --out SUSPECTS.csv [--data PATH] [--split train|test|all]\n"
     "       [--method conditional|neighbors] [--k K] [--relabel-out FILE] [--label-column NAME] [--labels FILE]\n"
     "       [--batch N] [--threads T] [--json]\n"
     "    how likely each selected sample's label is wrong (default split: all), with the label the model\n"
     "    suggests. conditional (the default for a conditional VAE): -ELBO under the given label minus the\n"
     "    smallest -ELBO under another class, at the posterior mean; neighbors (any model): the share of the\n"
     "    K nearest latent means among the scored samples that carry another label (K: 50, or a quarter of\n"
     "    the smallest class where that is less). CSV: index, file, given, suggested, score, decision, most\n"
     "    suspect first. --relabel-out writes the labels with every suspect (score > 0 conditional, > 0.5\n"
     "    neighbors) relabelled as suggested, in the data's own format: an IDX labels file (a folder of them\n"
     "    for train and t10k parts), a copy of the CSV with the label column replaced, or a CSV of file moves\n"
     "    for an image folder; the dataset's own files are never written. --json: one line with method, k,\n"
     "    samples, flagged and the top 10\n"},
    {"duplicates", latentlab::cli::runDuplicates,
     "duplicates --model CHECKPOINT|TORCHSCRIPT --out GROUPS.csv [--data PATH] [--split train|test|all]\n"
     "           [--threshold T] [--exact-only] [--label-column NAME] [--batch N] [--threads T] [--json]\n"
     "    exact copies (the same bytes) and near-duplicates (latent means at most T apart; default: a tenth of\n"
     "    the median distance of a sample to its nearest other), grouped transitively, among the selected\n"
     "    samples (default: all); leaks are test samples whose group holds a training sample. CSV: group, index,\n"
     "    split (train/test/none), file, distance (to the group's first member), exact (0/1), one row per member.\n"
     "    --exact-only needs no model (then --data). --json: one line with threshold, exact_groups, near_groups,\n"
     "    samples_in_groups, leaks, exact_leaks and the first leaks. Never writes over a file of the dataset\n"},
    {"project", latentlab::cli::runProject,
     "project --model CHECKPOINT|TORCHSCRIPT --method pca|tsne|umap|dims|latent --out LAYOUT.csv [--data PATH]\n"
     "        [--split train|test|all] [--dims I,J] [--perplexity P] [--iterations N] [--neighbors K]\n"
     "        [--min-dist D] [--metric euclidean|cosine] [--epochs E] [--seed S] [--layer L] [--threads T]\n"
     "        [--label-column NAME] [--json]\n"
     "    a 2-D layout of the selected samples' latent means (CSV: index, x, y, label); every selected sample\n"
     "    is placed (no subsampling). tsne: Barnes-Hut, perplexity 30, 1000 iterations by default. umap: 15\n"
     "    neighbours, min_dist 0.1, euclidean, 500 epochs up to 10,000 points and 200 above; the same seed\n"
     "    and data give the same layout. Ctrl-C stops either and writes the layout so far. --layer picks a\n"
     "    hierarchical VAE's layer (0 = bottom)\n"},
    {"sample", latentlab::cli::runSample,
     "sample --model CHECKPOINT|TORCHSCRIPT --out GRID.png|ROWS.csv [--n N] [--class C] [--temperature T]\n"
     "       [--seed S] [--columns K] [--resample-bottom] [--manifold [--dims I,J]] [--data PATH] [--threads T]\n"
     "       [--json]\n"
     "    N samples (64) from the prior at temperature T (1; 0 decodes the prior's mean), K per row (about\n"
     "    sqrt N); the same seed draws the same samples. A conditional VAE without --class decodes N draws\n"
     "    under every class (through each class's prior), one row per class; a VQ-VAE without a code prior gets\n"
     "    one fitted on the train split of --data (default: its training data). --resample-bottom (hierarchical\n"
     "    VAE): each row keeps one top code and redraws the bottom layer. --manifold: a K x K grid (15) over the\n"
     "    prior's quantiles along dims I,J (0,1), the others at the prior's mean. Table models write decoded\n"
     "    rows in the data's units to a .csv\n"},
    {"interpolate", latentlab::cli::runInterpolate,
     "interpolate --model CHECKPOINT|TORCHSCRIPT --from I --to J --out STRIP.png|ROWS.csv [--steps N] [--slerp]\n"
     "            [--columns K] [--data PATH] [--split train|test|all] [--label-column NAME] [--threads T] [--json]\n"
     "    decodes N points (8, both ends included) on the line (or with --slerp the great circle) between the\n"
     "    latent means of samples I and J (dataset indices, as encode writes them; they must be in --split)\n"},
    {"traverse", latentlab::cli::runTraverse,
     "traverse --model CHECKPOINT|TORCHSCRIPT --out GRID.png|ROWS.csv [--index I] [--class C] [--dims all|kl|I,J,...]\n"
     "         [--range R] [--steps N] [--data PATH] [--split train|test|all] [--label-column NAME] [--threads T]\n"
     "         [--json]\n"
     "    one row per dimension, swept over -R..R (3) in N steps (9) with the others at sample I's latent mean\n"
     "    (default: zeros); --dims kl orders all dimensions by the KL the model spends on them over the data.\n"
     "    A conditional VAE decodes under --class C, else under sample I's class\n"},
    {"attribute", latentlab::cli::runAttribute,
     "attribute --model CHECKPOINT|TORCHSCRIPT (--from C[,C...] | --from-indices FILE)\n"
     "          (--to C[,C...] | --to-indices FILE) --index I --out STRIP.png|ROWS.csv [--steps N] [--range R] [--data PATH] [--split train|test|all]\n"
     "          [--label-column NAME] [--threads T] [--json]\n"
     "    the attribute vector from set A's mean latent to set B's (White 2016), added to sample I's latent mean\n"
     "    t times for N values of t (9) from -R to R (2), decoded as a strip; prints the AUROC of A and B's\n"
     "    positions along the vector. A set is classes (names or numbers; their samples in --split) or a file of\n"
     "    dataset indices, one per line or an \"index\" column (as encode, project and anomalies write)\n"},
    {"compare", latentlab::cli::runCompare,
     "compare --models A B [C D] --out REPORT.html [--data PATH] [--csv TABLE.csv] [--term recon|total|kl|...]\n"
     "        [--layout pca|tsne|umap] [--samples N] [--seed S] [--layout-samples N] [--max-samples N]\n"
     "        [--from I --to J] [--threads T] [--label-column NAME] [--json]\n"
     "    models side by side on one dataset (default: what the first checkpoint was trained on); a folder\n"
     "    stands for its checkpoints (*.ckpt). Prints the models table (family, size, training, validation and\n"
     "    test -ELBO with recon and KL, active dimensions, VQ perplexity and dead codes, one-class AUROC,\n"
     "    samples/s; --csv writes it) and writes one self-contained HTML page: the table, loss curves of --term\n"
     "    overlaid, the same inputs reconstructed, prior samples under one seed, an interpolation (between\n"
     "    samples I and J, default two test samples of different classes), latent\n"
     "    scatters aligned by Procrustes, per-class error and KL, each model's configuration (panels: the\n"
     "    first four models). --max-samples evaluates at most N samples of each part\n"},
    {"export", latentlab::cli::runExport,
     "export --model CHECKPOINT --format pytorch|onnx --out FOLDER [--json]\n"
     "       [--scores [--score mse|bce|elbo] [--threshold T | --reference NORMAL_DATA | --k K | --percentile P]\n"
     "                 [--data PATH] [--label-column NAME]]\n"
     "    the model for other tools, into a new or empty FOLDER. pytorch: model.py (a plain nn.Module for exactly\n"
     "    this configuration, needing only torch) and weights.pt (its state_dict). onnx: encoder.onnx and\n"
     "    decoder.onnx (opset 13, a dynamic batch); --scores adds scorer.onnx: samples in the data's own units in,\n"
     "    the anomaly score and a flag against the threshold out (default: mean + 3 std of the scores of what the\n"
     "    model trained on, drawn as `anomalies` draws it; --threshold gives it)\n"},
    {"demo", latentlab::cli::runDemo,
     "demo [--data PATH] [--out PNG] [--steps N] [--threads N] [--seed N]\n"
     "    train a small VAE briefly and write a grid of samples from its prior\n"},
};

void printUsage(std::ostream& out)
{
    out << "usage: latentlab-cli COMMAND [ARGS]   (latentlab-cli COMMAND --help for one command)\n"
           "       latentlab-cli --version\ncommands:\n";
    for (const auto& c : kCommands)
        out << "  " << c.usage;
}

std::string oneLine(std::string s)
{
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\r', ' ');
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printUsage(args.empty() ? std::cerr : std::cout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "-v") {
        std::cout << "latentlab-cli " << LATENTLAB_VERSION << " (LibTorch " << latentlab::libtorchVersion() << ")\n";
        return 0;
    }
    const std::string name = args.front();
    args.erase(args.begin());
    const auto command = std::find_if(std::begin(kCommands), std::end(kCommands),
                                      [&](const Command& c) { return name == c.name; });
    if (command == std::end(kCommands)) {
        // One line, not the whole usage: the mistake stays the first thing the reader sees.
        std::cerr << "latentlab-cli: unknown " << (name.rfind('-', 0) == 0 ? "option" : "command") << " '" << name
                  << "' (latentlab-cli --help lists the commands)\n";
        return 2;
    }
    if (std::find_if(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })
        != args.end()) {
        std::cout << "usage: latentlab-cli " << command->usage;
        return 0;
    }
    try {
        return command->run(args);
    } catch (const latentlab::BadInputError& e) {
        std::cerr << "latentlab-cli: " << oneLine(e.what()) << "\n";
        return 2;
    } catch (const c10::Error& e) {
        // LibTorch's messages carry a C++ backtrace; its first line is the complaint.
        const std::string what = e.what_without_backtrace();
        std::cerr << "latentlab-cli: " << oneLine(what.substr(0, what.find('\n'))) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "latentlab-cli: " << oneLine(e.what()) << "\n";
        return 1;
    }
}
