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
                            + "\" is not one of pca, dims, latent, tsne, umap, imported");
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
    return p;
}

} // namespace

Session readSession(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw IoError(path.toStdString() + ": cannot read the session file (" + file.errorString().toStdString() + ")");
    if (file.size() > (1 << 20))
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
        j["explorer"] = {{"layout", toString(session.projection->method)},
                         {"x", session.projection->dimX},
                         {"y", session.projection->dimY},
                         {"perplexity", session.projection->perplexity},
                         {"neighbors", session.projection->neighbours},
                         {"min_dist", session.projection->minDist}};
    if (session.projection && session.projection->method == ProjectionMethod::Imported)
        j["explorer"]["layout_file"] =
            QDir(QFileInfo(path).absolutePath()).relativeFilePath(session.projection->layoutFile).toStdString();
    const std::string text = j.dump(2) + "\n";
    writeFileAtomically(path.toStdString(), text.data(), text.size());
}

} // namespace latentlab::ui
