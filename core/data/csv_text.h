#pragma once
// The text side of every CSV/TSV LatentLab reads (datasets, imported layouts): lines, delimiter, fields and
// numbers, with one behaviour and one wording for what is refused, so two readers never disagree on a file.
#include <cstddef>
#include <string>
#include <vector>

namespace latentlab {

struct CsvLine {
    std::size_t number = 0; // 1-based, as an editor shows it
    std::string text;       // without the line break (and a trailing '\r')
};

// The file's non-blank lines, a UTF-8 byte-order mark dropped. BadInputError naming the file when it is
// empty, binary or only blank lines; IoError when it cannot be read.
std::vector<CsvLine> readCsvLines(const std::string& path);

// .tsv means tabs; otherwise whichever of tab and comma appears more often outside quotes in the header.
char chooseCsvDelimiter(const std::string& path, const std::string& header);

// Splits one line into fields; double quotes may enclose a field ("" is a literal quote).
std::vector<std::string> splitCsvFields(const std::string& line, char delim);

// Where each field of splitCsvFields lies in the line: [begin, end) byte offsets, quotes included, so a
// writer can replace one field and keep every other byte of the row.
struct CsvSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};
std::vector<CsvSpan> splitCsvFieldSpans(const std::string& line, char delim);

// Without the spaces and tabs around it.
std::string trimCsvCell(const std::string& s);

// A cell quoted for a one-line message: 'cell', control bytes replaced and long text cut.
std::string quoteCsvCell(const std::string& s);

enum class CsvNumber { Ok, NotANumber, NotFinite };
// Parses the whole cell (a leading '+' allowed) as a double.
CsvNumber parseCsvNumber(const std::string& cell, double* out);

} // namespace latentlab
