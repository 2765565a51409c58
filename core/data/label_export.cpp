#include "core/data/label_export.h"

#include "core/data/csv_text.h"
#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <zlib.h>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace latentlab {
namespace {

std::string relabelDataName(const Dataset& data)
{
    return data.source.empty() ? std::string("the dataset") : displayName(data.source);
}

bool endsWithGz(const std::string& path)
{
    return path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

// The path as the file system resolves it (symbolic links followed), for comparing two spellings of a file.
fs::path resolvedPath(const std::string& path)
{
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::path(path).lexically_normal() : p;
}

bool isSameFile(const fs::path& resolvedTarget, const std::string& target, const std::string& own)
{
    if (own.empty())
        return false;
    if (resolvedTarget == resolvedPath(own))
        return true;
    std::error_code ec;
    return fs::exists(target, ec) && fs::equivalent(target, own, ec); // a hard link to it
}

// BadInputError when writing to path would replace a file the dataset was read from: the source itself, its
// labels files, an image of an image folder, or an IDX file of an IDX folder. Compared as resolved paths and
// by identity, so neither another spelling, a symbolic link nor a hard link gets past it.
void refuseOwnFile(const std::string& path, const Dataset& data)
{
    const fs::path target = resolvedPath(path);
    auto refuse = [&] {
        throw BadInputError(displayName(path) + " is one of the files " + relabelDataName(data)
                            + " was read from: choose a new file, so that the dataset stays as it is");
    };
    if (isSameFile(target, path, data.source))
        refuse();
    for (const LabelsFile& f : data.labelsFiles)
        if (isSameFile(target, path, f.path))
            refuse();
    if (data.source.empty())
        return;
    const fs::path source = resolvedPath(data.source);
    std::error_code ec;
    if (data.format == "idx" && target.parent_path() == source && fs::exists(target, ec)) {
        // The images files of an IDX folder are not kept by name: any IDX file already there may be one.
        const std::string name = target.filename().string();
        if (name.find("idx") != std::string::npos || name.find("ubyte") != std::string::npos)
            refuse();
    }
    if (data.format == "image-folder" && !data.sampleNames.empty()) {
        // Sample names are relative to the folder's parent; only names ending like the target can match.
        const fs::path root = fs::path(data.source).lexically_normal();
        const fs::path parent = (root.filename().empty() ? root.parent_path() : root).parent_path();
        const std::string leaf = target.filename().string();
        for (const std::string& name : data.sampleNames)
            if (fs::path(name).filename() == leaf && isSameFile(target, path, (parent / name).string()))
                refuse();
    }
}

void checkRelabels(const Dataset& data, const std::map<std::int64_t, std::int32_t>& relabels)
{
    for (const auto& [index, label] : relabels) {
        if (index < 0 || index >= data.size())
            throw BadInputError("sample " + std::to_string(index) + " is not in " + relabelDataName(data) + " (it has "
                                + std::to_string(data.size()) + " samples)");
        if (label < 0 || label >= data.numClasses())
            throw BadInputError("sample " + std::to_string(index) + " cannot be relabelled as class "
                                + std::to_string(label) + ": " + relabelDataName(data) + " has "
                                + std::to_string(data.numClasses()) + " classes");
    }
}

std::string gzipped(const std::string& bytes, const std::string& path)
{
    z_stream z{};
    // 15 + 16: a gzip header and trailer around the deflate stream, as gzip(1) writes it.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw IoError("could not save " + displayName(path) + ": zlib would not start compressing");
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        throw IoError("could not save " + displayName(path) + ": zlib could not compress the labels");
    return out;
}

// Gzipped when the path asks for it, as the loaders read either.
void writeMaybeGzipped(const std::string& path, const std::string& bytes)
{
    const std::string out = endsWithGz(path) ? gzipped(bytes, path) : bytes;
    writeFileAtomically(path, out.data(), out.size());
}

std::string idxLabelsBytes(const std::vector<std::int32_t>& labels, std::int64_t first, std::int64_t count)
{
    std::string out = {'\0', '\0', '\x08', '\x01'}; // unsigned bytes, one dimension
    const auto n = static_cast<std::uint32_t>(count);
    for (int shift = 24; shift >= 0; shift -= 8)
        out += static_cast<char>((n >> shift) & 0xff);
    for (std::int64_t i = first; i < first + count; ++i)
        out += static_cast<char>(static_cast<std::uint8_t>(labels[static_cast<std::size_t>(i)]));
    return out;
}

// "train-labels-idx1-ubyte.gz" -> "train-labels-relabelled-idx1-ubyte.gz".
std::string relabelledIdxName(const std::string& original)
{
    std::string name = fs::path(original).filename().string();
    const auto at = name.find("-idx1");
    if (at != std::string::npos)
        return name.insert(at, "-relabelled");
    const std::size_t end = endsWithGz(name) ? name.size() - 3 : name.size();
    return name.insert(end, "-relabelled");
}

void writeIdxLabels(const std::string& path, const Dataset& data, const std::vector<std::int32_t>& labels)
{
    if (data.labelsFiles.size() == 1) {
        const LabelsFile& f = data.labelsFiles.front();
        writeMaybeGzipped(path, idxLabelsBytes(labels, f.first, f.count));
        return;
    }
    // A folder of train and t10k parts: each labels file again, under its own name, in the folder named.
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec)
        throw IoError("could not create the folder " + displayName(path) + ": " + ec.message());
    for (const LabelsFile& f : data.labelsFiles)
        writeMaybeGzipped((fs::path(path) / fs::path(f.path).filename()).string(),
                          idxLabelsBytes(labels, f.first, f.count));
}

// The class name a label cell is written as: quoted where the delimiter or a quote needs it, or where the
// original cell was quoted, so the row reads back the same way.
std::string labelCell(const std::string& name, char delim, bool quote)
{
    if (!quote && name.find_first_of(std::string("\"\r\n") + delim) == std::string::npos)
        return name;
    std::string out = "\"";
    for (const char c : name)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void writeRelabelledCsv(const std::string& path, const Dataset& data, const std::vector<std::int32_t>& labels)
{
    const std::string name = displayName(data.source);
    const auto changed = [&] {
        return BadInputError(name + " has changed since it was loaded: load it again before writing relabelled labels");
    };
    const std::vector<std::uint8_t> bytes = readAllBytes(data.source);
    const std::string text(bytes.begin(), bytes.end());
    const std::size_t bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::string out = text.substr(0, bom);
    out.reserve(text.size() + text.size() / 8);
    const std::vector<std::string>& classes = data.classNames();
    char delim = ',';
    std::size_t columns = 0, labelAt = 0;
    bool header = true;
    std::int64_t row = 0;
    for (std::size_t start = bom; start < text.size();) {
        std::size_t end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        std::string line = text.substr(start, end - start); // with its line break, which is kept
        start = end;
        std::size_t body = line.size();
        while (body > 0 && (line[body - 1] == '\n' || line[body - 1] == '\r'))
            --body;
        const std::string content = line.substr(0, body);
        if (trimCsvCell(content).empty()) { // blank lines are not rows, as the loader reads them
            out += line;
            continue;
        }
        if (header) {
            delim = chooseCsvDelimiter(data.source, content);
            const std::vector<std::string> fields = splitCsvFields(content, delim);
            columns = fields.size();
            labelAt = columns;
            for (std::size_t c = 0; c < columns; ++c)
                if (trimCsvCell(fields[c]) == data.labelColumn)
                    labelAt = c;
            if (labelAt == columns)
                throw changed();
            header = false;
            out += line;
            continue;
        }
        const std::vector<CsvSpan> cells = splitCsvFieldSpans(content, delim);
        if (row >= data.size() || cells.size() != columns)
            throw changed();
        const std::int32_t was = data.labels()[static_cast<std::size_t>(row)];
        const std::int32_t now = labels[static_cast<std::size_t>(row)];
        const std::string cell = trimCsvCell(splitCsvFields(content, delim)[labelAt]);
        if (cell != classes[static_cast<std::size_t>(was)])
            throw changed();
        ++row;
        if (now == was) {
            out += line;
            continue;
        }
        // Only the cell's text changes: the spaces around it, the other cells and the line break stay.
        const CsvSpan span = cells[labelAt];
        const std::string raw = content.substr(span.begin, span.end - span.begin);
        const std::size_t lead = raw.find_first_not_of(" \t");
        const std::size_t trail = raw.find_last_not_of(" \t");
        const bool quoted = lead != std::string::npos && raw[lead] == '"';
        out += content.substr(0, span.begin + lead);
        out += labelCell(classes[static_cast<std::size_t>(now)], delim, quoted);
        out += content.substr(span.begin + trail + 1);
        out += line.substr(body);
    }
    if (row != data.size())
        throw changed();
    writeMaybeGzipped(path, out);
}

void writeMoves(const std::string& path, const Dataset& data, const std::vector<std::int32_t>& labels)
{
    std::string out = "file,from,to\n";
    const std::vector<std::string>& classes = data.classNames();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::int32_t was = data.labels()[i];
        if (labels[i] == was)
            continue;
        appendCsvField(out, data.sampleNames[i]);
        out += ',';
        appendCsvField(out, classes[static_cast<std::size_t>(was)]);
        out += ',';
        appendCsvField(out, classes[static_cast<std::size_t>(labels[i])]);
        out += '\n';
    }
    writeFileAtomically(path, out.data(), out.size());
}

} // namespace

std::string toString(LabelDecision decision)
{
    switch (decision) {
    case LabelDecision::Undecided:
        return "";
    case LabelDecision::Keep:
        return "keep";
    case LabelDecision::Relabel:
        return "relabel";
    }
    return "";
}

LabelDecision labelDecisionFromString(const std::string& text)
{
    if (text.empty())
        return LabelDecision::Undecided;
    if (text == "keep")
        return LabelDecision::Keep;
    if (text == "relabel")
        return LabelDecision::Relabel;
    throw BadInputError("label decision '" + text + "' is not one of keep, relabel or empty (undecided)");
}

std::string labelSuspectsCsv(const Dataset& data, const std::vector<LabelSuspect>& suspects,
                             const std::map<std::int64_t, LabelDecision>& decisions)
{
    if (!data.hasLabels())
        throw BadInputError(relabelDataName(data) + " has no labels, so there are no label suspects to write");
    // Image folders name every sample; a partial list would pair names with the wrong samples.
    const bool named = static_cast<std::int64_t>(data.sampleNames.size()) == data.size();
    const std::vector<std::string>& classes = data.classNames();
    const auto className = [&](std::int32_t c, std::int64_t index) -> const std::string& {
        if (c < 0 || c >= data.numClasses())
            throw BadInputError("sample " + std::to_string(index) + " has a label outside the "
                                + std::to_string(data.numClasses()) + " classes of " + relabelDataName(data));
        return classes[static_cast<std::size_t>(c)];
    };
    std::string out = "index,file,given,suggested,score,decision\n";
    out.reserve(out.size() + suspects.size() * 40);
    char number[48];
    for (const LabelSuspect& s : suspects) {
        if (s.index < 0 || s.index >= data.size())
            throw BadInputError("sample " + std::to_string(s.index) + " is not in " + relabelDataName(data));
        out += std::to_string(s.index);
        out += ',';
        if (named)
            appendCsvField(out, data.sampleNames[static_cast<std::size_t>(s.index)]);
        out += ',';
        appendCsvField(out, className(s.given, s.index));
        out += ',';
        appendCsvField(out, className(s.suggested, s.index));
        const int n = std::snprintf(number, sizeof number, ",%.9g,", s.score);
        out.append(number, static_cast<std::size_t>(n));
        const auto d = decisions.find(s.index);
        out += toString(d == decisions.end() ? LabelDecision::Undecided : d->second);
        out += '\n';
    }
    return out;
}

void writeLabelSuspectsCsv(const std::string& path, const Dataset& data, const std::vector<LabelSuspect>& suspects,
                           const std::map<std::int64_t, LabelDecision>& decisions)
{
    const std::string text = labelSuspectsCsv(data, suspects, decisions);
    refuseOwnFile(path, data);
    writeFileAtomically(path, text.data(), text.size());
}

std::vector<std::int32_t> relabelled(const Dataset& data, const std::map<std::int64_t, std::int32_t>& relabels)
{
    if (!data.hasLabels())
        throw BadInputError(relabelDataName(data) + " has no labels, so there is nothing to relabel");
    checkRelabels(data, relabels);
    std::vector<std::int32_t> labels = data.labels();
    for (const auto& [index, label] : relabels)
        labels[static_cast<std::size_t>(index)] = label;
    return labels;
}

RelabelTarget relabelTarget(const Dataset& data)
{
    const std::string name = relabelDataName(data);
    if (!data.hasLabels())
        throw BadInputError(name + " has no labels, so there is nothing to relabel");
    if (data.source.empty())
        throw BadInputError(name + " was not read from a file, so there is no labels file to write a copy of");
    if (data.format == "idx") {
        if (data.labelsFiles.empty())
            throw BadInputError(name + ": the labels came from no IDX labels file, so none can be written back");
        if (data.labelsFiles.size() == 1)
            return {"an IDX labels file", relabelledIdxName(data.labelsFiles.front().path), false};
        return {"IDX labels files, one per part, in a new folder", "labels-relabelled", true};
    }
    if (data.format == "csv" || data.format == "tsv") {
        if (data.labelColumn.empty())
            throw BadInputError(name + ": the labels came from no column of the table, so none can be replaced");
        std::string file = fs::path(data.source).filename().string();
        const bool gz = endsWithGz(file);
        if (gz)
            file.resize(file.size() - 3);
        const std::string ext = fs::path(file).extension().string();
        const std::string kind = data.format == "tsv" ? "TSV" : "CSV";
        return {"a copy of the " + kind + " with the label column replaced",
                fs::path(file).stem().string() + "-relabelled" + ext + (gz ? ".gz" : ""), false};
    }
    if (data.format == "image-folder") {
        if (static_cast<std::int64_t>(data.sampleNames.size()) != data.size())
            throw BadInputError(name + ": the image files are not known, so no moves can be listed");
        return {"a CSV of file moves", "label-moves.csv", false};
    }
    throw BadInputError(name + ": labels of " + (data.format.empty() ? std::string("this") : data.format)
                        + " data cannot be written back in their own format; export the suspects CSV instead");
}

void checkRelabelDestination(const std::string& path, const Dataset& data)
{
    const RelabelTarget target = relabelTarget(data);
    refuseOwnFile(path, data);
    std::error_code ec;
    if (target.folder && fs::exists(path, ec) && !fs::is_directory(path, ec))
        throw BadInputError(displayName(path) + " is a file: " + relabelDataName(data)
                            + " has one labels file per part, so name a folder to write them into");
    if (target.folder)
        for (const LabelsFile& f : data.labelsFiles)
            refuseOwnFile((fs::path(path) / fs::path(f.path).filename()).string(), data);
}

std::int64_t writeRelabelledLabels(const std::string& path, const Dataset& data,
                                   const std::map<std::int64_t, std::int32_t>& relabels)
{
    checkRelabelDestination(path, data);
    const std::vector<std::int32_t> labels = relabelled(data, relabels);
    std::int64_t changes = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        changes += labels[i] != data.labels()[i];
    if (data.format == "idx")
        writeIdxLabels(path, data, labels);
    else if (data.format == "image-folder")
        writeMoves(path, data, labels);
    else
        writeRelabelledCsv(path, data, labels);
    return changes;
}

} // namespace latentlab
