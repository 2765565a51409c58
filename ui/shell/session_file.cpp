#include "ui/shell/session_file.h"

#include "core/analysis/projection_method.h"
#include "core/util/atomic_file.h"
#include "core/util/errors.h"
#include "core/util/json_read.h"
#include "core/util/printable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {
namespace {

constexpr const char* kFormat = "latentlab-session";
constexpr int kVersion = 1;

std::string name(const QString& path)
{
    return QFileInfo(path).fileName().toStdString();
}

QString resolved(const QString& base, const std::string& stored)
{
    if (stored.empty())
        return {};
    const QString p = QString::fromStdString(stored);
    return QDir::cleanPath(QFileInfo(p).isAbsolute() ? p : QFileInfo(base).dir().filePath(p));
}

// One end of a custom axis, by identity: {"class": 3} or {"set": "lasso 1"}; null for none.
nlohmann::json setChoiceToJson(const SetChoice& c)
{
    if (c.isClass())
        return {{"class", c.classIndex}};
    return c.setName.isEmpty() ? nlohmann::json() : nlohmann::json{{"set", c.setName.toStdString()}};
}

SetChoice setChoiceFromJson(const nlohmann::json& j, const std::string& what)
{
    if (j.is_null())
        return {};
    if (!j.is_object() || j.contains("class") == j.contains("set"))
        throw BadInputError(what + " must name a \"class\" or a \"set\"");
    if (j.contains("class")) {
        const int k = jsonInteger<int>(j["class"], what + " class");
        if (k < 0)
            throw BadInputError(what + " class must be 0 or more");
        return SetChoice::ofClass(k);
    }
    const std::string name = j["set"].get<std::string>();
    if (name.empty())
        throw BadInputError(what + " set needs a name");
    return SetChoice::named(QString::fromStdString(name));
}

AxesChoice axesFromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw BadInputError("explorer axes: expected a JSON object");
    AxesChoice a;
    const auto end = [&](const char* key) {
        return j.contains(key) ? setChoiceFromJson(j[key], std::string("explorer axes ") + key) : SetChoice();
    };
    a.xFrom = end("x_from");
    a.xTo = end("x_to");
    a.yFrom = end("y_from");
    a.yTo = end("y_to");
    if (a.yFrom.isEmpty() != a.yTo.isEmpty())
        throw BadInputError("explorer axes: y needs both y_from and y_to, or neither");
    return a;
}

ProjectionSettings projectionFromJson(const nlohmann::json& j, const QString& sessionPath)
{
    ProjectionSettings p;
    if (!j.is_object())
        throw BadInputError("explorer settings: expected a JSON object");
    const std::string layout = j.at("layout").get<std::string>();
    try {
        p.method = projectionMethodFromString(layout);
    } catch (const BadInputError&) {
        throw BadInputError("explorer layout \"" + printable(layout)
                            + "\" is not one of pca, dims, latent, tsne, umap, imported, axes");
    }
    // Where an imported layout came from; whether it is still there and fits is the explorer's to find out.
    p.layoutFile = resolved(sessionPath, j.value("layout_file", std::string()));
    if (p.method == ProjectionMethod::Imported && p.layoutFile.isEmpty())
        throw BadInputError("explorer layout \"imported\" names no layout_file");
    readJsonField(j, "x", p.dimX, "explorer x");
    readJsonField(j, "y", p.dimY, "explorer y");
    readJsonField(j, "perplexity", p.perplexity, "explorer perplexity");
    readJsonField(j, "neighbors", p.neighbours, "explorer UMAP neighbours");
    readJsonField(j, "min_dist", p.minDist, "explorer UMAP minimum distance");
    if (p.dimX < 0 || p.dimY < 0)
        throw BadInputError("explorer dimensions must be 0 or more");
    if (!(p.perplexity >= 2.0 && p.perplexity <= 100.0))
        throw BadInputError("explorer perplexity must be from 2 to 100");
    if (p.neighbours < 2 || p.neighbours > 200)
        throw BadInputError("explorer UMAP neighbours must be from 2 to 200");
    if (!(p.minDist >= 0.0 && p.minDist <= 1.0))
        throw BadInputError("explorer UMAP minimum distance must be from 0 to 1");
    if (j.contains("axes") && !j["axes"].is_null())
        p.axes = axesFromJson(j["axes"]);
    return p;
}

nlohmann::json projectionToJson(const ProjectionSettings& p, const QString& sessionPath)
{
    nlohmann::json j = {{"layout", toString(p.method)}, {"x", p.dimX},           {"y", p.dimY},
                        {"perplexity", p.perplexity},   {"neighbors", p.neighbours}, {"min_dist", p.minDist}};
    if (p.method == ProjectionMethod::Imported)
        j["layout_file"] = QDir(QFileInfo(sessionPath).absolutePath()).relativeFilePath(p.layoutFile).toStdString();
    // Custom axes by identity (a class number or a set's name), also in a bookmark's layout.
    if (!p.axes.xFrom.isEmpty())
        j["axes"] = {{"x_from", setChoiceToJson(p.axes.xFrom)}, {"x_to", setChoiceToJson(p.axes.xTo)},
                     {"y_from", setChoiceToJson(p.axes.yFrom)}, {"y_to", setChoiceToJson(p.axes.yTo)}};
    return j;
}

double finiteNumber(const nlohmann::json& v, const std::string& what)
{
    if (!v.is_number() || !std::isfinite(v.get<double>()))
        throw BadInputError(what + " must be a finite number");
    return v.get<double>();
}

ExplorerBookmark bookmarkFromJson(const nlohmann::json& e, const QString& sessionPath)
{
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string())
        throw BadInputError("every bookmark needs a \"name\" that is text");
    ExplorerBookmark b;
    const std::string name = e["name"].get<std::string>();
    b.name = QString::fromStdString(name).trimmed();
    const std::string shown = "bookmark \"" + printable(name) + "\"";
    if (b.name.isEmpty())
        throw BadInputError("a bookmark has an empty name");
    if (!e.contains("explorer"))
        throw BadInputError(shown + " needs its \"explorer\" layout");
    try {
        b.projection = projectionFromJson(e["explorer"], sessionPath);
    } catch (const BadInputError& error) {
        throw BadInputError(shown + ": " + error.what());
    }
    if (e.contains("view") && !e["view"].is_null()) {
        const nlohmann::json& v = e["view"];
        if (!v.is_array() || v.size() != 4)
            throw BadInputError(shown + ": \"view\" must be [x, y, width, height]");
        const QRectF r(finiteNumber(v[0], shown + "'s view"), finiteNumber(v[1], shown + "'s view"),
                       finiteNumber(v[2], shown + "'s view"), finiteNumber(v[3], shown + "'s view"));
        if (!(r.width() > 0.0) || !(r.height() > 0.0))
            throw BadInputError(shown + ": the view's width and height must be above 0");
        b.view = r;
    }
    readJsonField(e, "colouring", b.colouring, shown + "'s colouring");
    if (b.colouring < 0 || b.colouring > 3)
        throw BadInputError(shown + ": colouring is 0 (by class), 1 (by anomaly score), 2 (by label suspicion) or 3 "
                                    "(by nearest-sample distance)");
    readJsonField(e, "hidden_classes", b.hiddenClasses, shown + "'s hidden classes");
    readJsonField(e, "selected", b.selected, shown + "'s selected sample");
    readJsonField(e, "region", b.region, shown + "'s region");
    if (b.selected < -1)
        throw BadInputError(shown + ": the selected sample is -1 (none) or a sample number");
    for (const std::vector<int>* list : {&b.hiddenClasses, &b.region})
        if (std::any_of(list->begin(), list->end(), [](int v) { return v < 0; }))
            throw BadInputError(shown + ": classes and samples count from 0");
    std::sort(b.region.begin(), b.region.end());
    b.region.erase(std::unique(b.region.begin(), b.region.end()), b.region.end());
    if (e.contains("probe") && !e["probe"].is_null()) {
        const nlohmann::json& p = e["probe"];
        if (!p.is_array() || p.size() != 2)
            throw BadInputError(shown + ": \"probe\" must be [x, y]");
        b.probe = QPointF(finiteNumber(p[0], shown + "'s probe"), finiteNumber(p[1], shown + "'s probe"));
    }
    return b;
}

nlohmann::json bookmarkToJson(const ExplorerBookmark& b, const QString& sessionPath)
{
    nlohmann::json j = {{"name", b.name.toStdString()},
                        {"explorer", projectionToJson(b.projection, sessionPath)},
                        {"view", nullptr},
                        {"colouring", b.colouring},
                        {"hidden_classes", b.hiddenClasses},
                        {"selected", b.selected},
                        {"region", b.region},
                        {"probe", nullptr}};
    if (b.view)
        j["view"] = {b.view->x(), b.view->y(), b.view->width(), b.view->height()};
    if (b.probe)
        j["probe"] = {b.probe->x(), b.probe->y()};
    return j;
}

// Indented for a person to read, but a set of 70,000 indices one per line would be 70,000 lines: each entry
// of such a list is written on a line of its own.
void appendCompactList(std::string& text, const char* key, const std::vector<nlohmann::json>& entries)
{
    if (entries.empty())
        return;
    text.pop_back(); // the closing brace
    text += std::string(",\n  \"") + key + "\": [";
    for (std::size_t i = 0; i < entries.size(); ++i)
        text += (i ? ",\n    " : "\n    ") + entries[i].dump();
    text += "\n  ]\n}";
}

std::vector<SampleSet> setsFromJson(const nlohmann::json& j)
{
    if (!j.is_array())
        throw BadInputError("\"sets\" must be a list of {\"name\", \"indices\"}");
    std::vector<SampleSet> sets;
    for (const nlohmann::json& e : j) {
        if (!e.is_object() || !e.contains("name") || !e["name"].is_string())
            throw BadInputError("every set needs a \"name\" that is text");
        SampleSet set;
        const std::string name = e["name"].get<std::string>();
        set.name = QString::fromStdString(name).trimmed();
        const std::string shown = "set \"" + printable(name) + "\"";
        if (set.name.isEmpty())
            throw BadInputError("a set has an empty name");
        for (const SampleSet& other : sets)
            if (other.name == set.name)
                throw BadInputError("two sets are named \"" + printable(name) + "\"");
        if (!e.contains("indices") || !e["indices"].is_array())
            throw BadInputError(shown + " needs \"indices\", a list of sample numbers");
        set.indices.reserve(e["indices"].size());
        for (const nlohmann::json& v : e["indices"]) {
            const int index = jsonInteger<int>(v, shown + ": an index");
            if (index < 0)
                throw BadInputError(shown + " holds sample " + std::to_string(index) + ", and samples count from 0");
            set.indices.push_back(index);
        }
        // Sorted here rather than by SampleSets: the fuzz harness builds this file without the QObject.
        std::sort(set.indices.begin(), set.indices.end());
        set.indices.erase(std::unique(set.indices.begin(), set.indices.end()), set.indices.end());
        sets.push_back(std::move(set));
    }
    return sets;
}

std::vector<LabelDecisionRecord> decisionsFromJson(const nlohmann::json& j)
{
    if (!j.is_array())
        throw BadInputError("\"label_decisions\" must be a list of {\"index\", \"decision\", \"label\"}");
    std::vector<LabelDecisionRecord> out;
    for (const nlohmann::json& e : j) {
        if (!e.is_object() || !e.contains("index") || !e.contains("decision") || !e["decision"].is_string())
            throw BadInputError("every label decision needs an \"index\" and a \"decision\" (keep or relabel)");
        LabelDecisionRecord r;
        r.index = jsonInteger<qint64>(e["index"], "a label decision's index");
        if (r.index < 0)
            throw BadInputError("a label decision is for sample " + std::to_string(r.index) + ", and samples count from 0");
        const std::string decision = e["decision"].get<std::string>();
        if (decision != "keep" && decision != "relabel")
            throw BadInputError("label decision \"" + printable(decision) + "\" for sample " + std::to_string(r.index)
                                + " is neither keep nor relabel");
        r.relabel = decision == "relabel";
        if (r.relabel) {
            if (!e.contains("label"))
                throw BadInputError("the relabel of sample " + std::to_string(r.index) + " names no \"label\"");
            r.label = jsonInteger<int>(e["label"], "the new label of sample " + std::to_string(r.index));
            if (r.label < 0)
                throw BadInputError("sample " + std::to_string(r.index) + " is relabelled to class "
                                    + std::to_string(r.label) + ", and classes count from 0");
        }
        out.push_back(r);
    }
    return out;
}

} // namespace

void checkDecisionsFit(const std::vector<LabelDecisionRecord>& decisions, std::int64_t samples, int classes)
{
    for (const LabelDecisionRecord& d : decisions) {
        if (d.index >= samples)
            throw BadInputError("a label decision is for sample " + std::to_string(d.index) + ", but the dataset has "
                                + std::to_string(samples) + " samples");
        if (d.relabel && d.label >= classes)
            throw BadInputError("sample " + std::to_string(d.index) + " is relabelled to class "
                                + std::to_string(d.label) + ", but the dataset has " + std::to_string(classes)
                                + " classes");
    }
}

void checkSetsFit(const std::vector<SampleSet>& sets, std::int64_t samples)
{
    for (const SampleSet& set : sets)
        if (!set.indices.empty() && set.indices.back() >= samples)
            throw BadInputError("set \"" + printable(set.name.toStdString()) + "\" holds sample "
                                + std::to_string(set.indices.back()) + ", but the dataset has "
                                + std::to_string(samples) + " samples");
}

Session readSession(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw IoError(path.toStdString() + ": cannot read the session file (" + file.errorString().toStdString() + ")");
    // Room for a few dozen sets of all 70,000 samples; a file far past that is something else.
    if (file.size() > (64 << 20))
        throw BadInputError(name(path) + " is not a LatentLab session: " + std::to_string(file.size())
                            + " bytes is far more than a session holds");
    const QByteArray bytes = file.readAll();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(bytes.begin(), bytes.end());
    } catch (const std::exception&) {
        throw BadInputError(name(path) + " is not a LatentLab session: it is not JSON");
    }
    // Comparing, not get<std::string>(): a "format" that is a number is as foreign as a missing one.
    if (!j.is_object() || !j.contains("format") || j["format"] != kFormat)
        throw BadInputError(name(path) + " is not a LatentLab session (no \"format\": \"" + kFormat + "\")");
    Session s;
    try {
        if (!j.contains("version"))
            throw BadInputError("the session version is missing");
        const int version = jsonInteger<int>(j["version"], "session version");
        if (version > kVersion)
            throw BadInputError("session version " + std::to_string(version) + " is newer than this LatentLab reads ("
                                + std::to_string(kVersion) + ")");
        if (version < 1)
            throw BadInputError("session version " + std::to_string(version) + " does not exist (versions start at 1)");
        s.dataset = resolved(path, j.value("dataset", std::string()));
        s.model = resolved(path, j.value("model", std::string()));
        s.view = QString::fromStdString(j.value("view", std::string()));
        if (j.contains("model_config") && !j["model_config"].is_null())
            s.modelConfig = ModelConfig::fromJson(j["model_config"]);
        if (j.contains("training") && !j["training"].is_null())
            s.training = TrainingConfig::fromJson(j["training"]);
        if (j.contains("explorer") && !j["explorer"].is_null())
            s.projection = projectionFromJson(j["explorer"], path);
        if (j.contains("sets") && !j["sets"].is_null())
            s.sets = setsFromJson(j["sets"]);
        if (j.contains("label_decisions") && !j["label_decisions"].is_null())
            s.labelDecisions = decisionsFromJson(j["label_decisions"]);
        if (j.contains("models") && !j["models"].is_null()) {
            if (!j["models"].is_array())
                throw BadInputError("\"models\" must be a list");
            for (const nlohmann::json& e : j["models"]) {
                if (!e.is_object() || !e.contains("path") || !e["path"].is_string())
                    throw BadInputError("every entry of \"models\" needs a \"path\"");
                const std::string file = e["path"].get<std::string>();
                if (file.empty())
                    throw BadInputError("an entry of \"models\" has an empty \"path\"");
                s.models.push_back({resolved(path, file), QString::fromStdString(e.value("name", std::string()))});
            }
        }
        if (j.contains("bookmarks") && !j["bookmarks"].is_null()) {
            if (!j["bookmarks"].is_array())
                throw BadInputError("\"bookmarks\" must be a list");
            for (const nlohmann::json& e : j["bookmarks"])
                s.bookmarks.push_back(bookmarkFromJson(e, path));
        }
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(name(path) + ": a field has the wrong type (" + e.what() + ")");
    } catch (const BadInputError& e) {
        throw BadInputError(name(path) + ": " + e.what());
    }
    return s;
}

void writeSession(const QString& path, const Session& session)
{
    nlohmann::json j = {{"format", kFormat},
                        {"version", kVersion},
                        {"dataset", QDir(QFileInfo(path).absolutePath()).relativeFilePath(session.dataset).toStdString()},
                        {"model", session.model.isEmpty()
                                      ? std::string()
                                      : QDir(QFileInfo(path).absolutePath()).relativeFilePath(session.model).toStdString()},
                        {"view", session.view.toStdString()}};
    if (session.dataset.isEmpty())
        j["dataset"] = "";
    j["model_config"] = session.modelConfig ? session.modelConfig->toJson() : nlohmann::json();
    j["training"] = session.training ? session.training->toJson() : nlohmann::json();
    if (session.projection)
        j["explorer"] = projectionToJson(*session.projection, path);
    std::string text = j.dump(2);
    std::vector<nlohmann::json> sets, bookmarks, decisions;
    for (const LabelDecisionRecord& d : session.labelDecisions)
        decisions.push_back(d.relabel ? nlohmann::json{{"index", d.index}, {"decision", "relabel"}, {"label", d.label}}
                                      : nlohmann::json{{"index", d.index}, {"decision", "keep"}});
    for (const SampleSet& set : session.sets)
        sets.push_back({{"name", set.name.toStdString()}, {"indices", set.indices}});
    for (const ExplorerBookmark& b : session.bookmarks)
        bookmarks.push_back(bookmarkToJson(b, path));
    appendCompactList(text, "sets", sets);
    appendCompactList(text, "bookmarks", bookmarks);
    appendCompactList(text, "label_decisions", decisions);
    std::vector<nlohmann::json> models;
    for (const ModelsTableEntry& m : session.models)
        models.push_back({{"path", QDir(QFileInfo(path).absolutePath()).relativeFilePath(m.path).toStdString()},
                          {"name", m.name.toStdString()}});
    appendCompactList(text, "models", models);
    text += "\n";
    writeFileAtomically(path.toStdString(), text.data(), text.size());
}

} // namespace latentlab::ui
