#include "core/compare/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace latentlab {

namespace {

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string tickLabel(double v)
{
    char buf[32];
    if (v != 0.0 && (std::abs(v) >= 1e5 || std::abs(v) < 1e-3))
        std::snprintf(buf, sizeof buf, "%.1e", v);
    else
        std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

struct Frame {
    double left = 64, right = 16, top = 34, bottom = 46;
    int width = 0, height = 0;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    double px(double x) const { return left + (x - x0) / (x1 - x0) * (width - left - right); }
    double py(double y) const { return height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom); }
};

std::string header(int width, int height, const std::string& title)
{
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\""
           + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height)
           + "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
           + "<text x=\"" + std::to_string(width / 2) + "\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" "
           + "font-weight=\"bold\">" + xmlEscaped(title) + "</text>\n";
}

// Horizontal grid lines with labels on the left, and the axis titles.
std::string yAxis(const Frame& f, const std::vector<double>& ticks, const std::string& label)
{
    std::string out;
    for (const double t : ticks) {
        if (t < f.y0 - 1e-12 * std::abs(f.y1 - f.y0) || t > f.y1 + 1e-12 * std::abs(f.y1 - f.y0))
            continue;
        const std::string y = num(f.py(t));
        out += "<line x1=\"" + num(f.left) + "\" x2=\"" + num(f.width - f.right) + "\" y1=\"" + y + "\" y2=\"" + y
               + "\" stroke=\"#e4e4e4\"/>\n<text x=\"" + num(f.left - 6) + "\" y=\"" + y
               + "\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#444\">" + tickLabel(t) + "</text>\n";
    }
    out += "<text transform=\"translate(14," + num((f.top + f.height - f.bottom) / 2) + ") rotate(-90)\" "
           "text-anchor=\"middle\" fill=\"#222\">" + xmlEscaped(label) + "</text>\n";
    return out;
}

std::string legend(const std::vector<std::string>& names, const std::vector<std::string>& colours, double x, double y)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const double ly = y + 16.0 * static_cast<double>(i);
        out += "<rect x=\"" + num(x) + "\" y=\"" + num(ly - 8) + "\" width=\"12\" height=\"10\" fill=\""
               + xmlEscaped(colours[i]) + "\"/>\n<text x=\"" + num(x + 16) + "\" y=\"" + num(ly)
               + "\" fill=\"#222\">" + xmlEscaped(names[i]) + "</text>\n";
    }
    return out;
}

} // namespace

std::string xmlEscaped(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string modelColour(std::size_t i)
{
    static const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"};
    return kColours[i % (sizeof kColours / sizeof *kColours)];
}

std::pair<double, double> robustValueRange(std::vector<double> values)
{
    if (values.empty())
        return {0.0, 1.0};
    std::sort(values.begin(), values.end());
    const double lo = values.front();
    double hi = values[static_cast<std::size_t>(0.98 * static_cast<double>(values.size() - 1))];
    if (hi <= lo)
        hi = lo + std::max(1e-9, std::abs(lo) * 0.1);
    const double pad = (hi - lo) * 0.05;
    return {lo - pad, hi + pad};
}

std::vector<double> niceTicks(double lo, double hi, int count)
{
    std::vector<double> out;
    if (!(std::isfinite(lo) && std::isfinite(hi)) || hi <= lo || count < 1)
        return out;
    const double raw = (hi - lo) / count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    // The round step nearest to the raw one (by ratio), so there are about `count` ticks.
    double step = power;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (std::abs(std::log(m * power / raw)) < std::abs(std::log(step / raw)))
            step = m * power;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return out;
}

std::string lineChartSvg(const LineChartSpec& spec)
{
    Frame f;
    f.width = spec.width;
    f.height = spec.height;
    f.right = 190; // the legend's column
    std::vector<double> xs, ys;
    for (const ChartSeries& s : spec.series)
        for (const auto& [x, y] : s.points)
            if (std::isfinite(x) && std::isfinite(y)) {
                xs.push_back(x);
                ys.push_back(y);
            }
    std::string out = header(spec.width, spec.height, spec.title);
    if (xs.empty()) {
        out += "<text x=\"" + std::to_string(spec.width / 2) + "\" y=\"" + std::to_string(spec.height / 2)
               + "\" text-anchor=\"middle\" fill=\"#666\">No curve to draw</text>\n</svg>\n";
        return out;
    }
    f.x0 = *std::min_element(xs.begin(), xs.end());
    f.x1 = *std::max_element(xs.begin(), xs.end());
    if (f.x1 <= f.x0)
        f.x1 = f.x0 + 1.0;
    std::tie(f.y0, f.y1) = robustValueRange(std::move(ys));
    out += yAxis(f, niceTicks(f.y0, f.y1, 5), spec.yLabel);
    for (const double t : niceTicks(f.x0, f.x1, 6))
        out += "<text x=\"" + num(f.px(t)) + "\" y=\"" + num(f.height - f.bottom + 16)
               + "\" text-anchor=\"middle\" fill=\"#444\">" + tickLabel(t) + "</text>\n";
    out += "<text x=\"" + num((f.left + f.width - f.right) / 2) + "\" y=\"" + num(f.height - 8.0)
           + "\" text-anchor=\"middle\" fill=\"#222\">" + xmlEscaped(spec.xLabel) + "</text>\n";
    const std::string clip = "clip-" + xmlEscaped(spec.id);
    out += "<clipPath id=\"" + clip + "\"><rect x=\"" + num(f.left) + "\" y=\"" + num(f.top) + "\" width=\""
           + num(f.width - f.left - f.right) + "\" height=\"" + num(f.height - f.top - f.bottom) + "\"/></clipPath>\n";
    out += "<g clip-path=\"url(#" + clip + ")\" fill=\"none\" stroke-width=\"1.6\">\n";
    std::vector<std::string> names, colours;
    for (const ChartSeries& s : spec.series) {
        names.push_back(s.name);
        colours.push_back(s.colour);
        std::string path;
        bool pen = false;
        for (const auto& [x, y] : s.points) {
            if (!std::isfinite(x) || !std::isfinite(y)) {
                pen = false;
                continue;
            }
            path += (pen ? " L" : " M") + num(f.px(x)) + " " + num(f.py(y));
            pen = true;
        }
        out += "<path d=\"" + path + "\" stroke=\"" + xmlEscaped(s.colour) + "\""
               + (s.dashed ? " stroke-dasharray=\"6 3\"" : "") + "/>\n";
        if (s.markers)
            for (const auto& [x, y] : s.points)
                if (std::isfinite(x) && std::isfinite(y))
                    out += "<circle cx=\"" + num(f.px(x)) + "\" cy=\"" + num(f.py(y)) + "\" r=\"3\" fill=\""
                           + xmlEscaped(s.colour) + "\"/>\n";
    }
    out += "</g>\n<rect x=\"" + num(f.left) + "\" y=\"" + num(f.top) + "\" width=\"" + num(f.width - f.left - f.right)
           + "\" height=\"" + num(f.height - f.top - f.bottom) + "\" fill=\"none\" stroke=\"#888\"/>\n";
    out += legend(names, colours, f.width - f.right + 12, f.top + 10);
    return out + "</svg>\n";
}

std::string barChartSvg(const BarChartSpec& spec)
{
    Frame f;
    f.width = spec.width;
    f.height = spec.height;
    f.right = 150;
    f.bottom = 64; // class names, turned
    double hi = 0.0;
    for (const auto& group : spec.values)
        for (const double v : group)
            if (std::isfinite(v))
                hi = std::max(hi, v);
    std::string out = header(spec.width, spec.height, spec.title);
    if (hi <= 0.0 || spec.categories.empty()) {
        out += "<text x=\"" + std::to_string(spec.width / 2) + "\" y=\"" + std::to_string(spec.height / 2)
               + "\" text-anchor=\"middle\" fill=\"#666\">No figures to draw</text>\n</svg>\n";
        return out;
    }
    f.y0 = 0.0;
    f.y1 = hi * 1.08;
    out += yAxis(f, niceTicks(f.y0, f.y1, 5), spec.yLabel);
    const double plotWidth = f.width - f.left - f.right;
    const double groupWidth = plotWidth / static_cast<double>(spec.categories.size());
    const std::size_t bars = std::max<std::size_t>(1, spec.seriesNames.size());
    const double barWidth = groupWidth * 0.8 / static_cast<double>(bars);
    for (std::size_t c = 0; c < spec.categories.size(); ++c) {
        const double gx = f.left + groupWidth * static_cast<double>(c);
        for (std::size_t s = 0; s < bars && c < spec.values.size() && s < spec.values[c].size(); ++s) {
            const double v = spec.values[c][s];
            if (!std::isfinite(v))
                continue;
            const double x = gx + groupWidth * 0.1 + barWidth * static_cast<double>(s);
            out += "<rect x=\"" + num(x) + "\" y=\"" + num(f.py(v)) + "\" width=\"" + num(barWidth * 0.92)
                   + "\" height=\"" + num(f.py(0.0) - f.py(v)) + "\" fill=\"" + xmlEscaped(spec.colours[s])
                   + "\"><title>" + xmlEscaped(spec.seriesNames[s] + ", " + spec.categories[c] + ": " + tickLabel(v))
                   + "</title></rect>\n";
        }
        const double cx = gx + groupWidth / 2;
        out += "<text transform=\"translate(" + num(cx) + "," + num(f.height - f.bottom + 12)
               + ") rotate(30)\" fill=\"#444\">" + xmlEscaped(spec.categories[c]) + "</text>\n";
    }
    out += "<line x1=\"" + num(f.left) + "\" x2=\"" + num(f.width - f.right) + "\" y1=\"" + num(f.py(0.0)) + "\" y2=\""
           + num(f.py(0.0)) + "\" stroke=\"#888\"/>\n";
    out += legend(spec.seriesNames, spec.colours, f.width - f.right + 12, f.top + 10);
    return out + "</svg>\n";
}

} // namespace latentlab
