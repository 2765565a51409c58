#pragma once
// Small charts as SVG text for the comparison report: lines with axes, ticks and a legend, and grouped bars.
// Vector, so the curves stay sharp at any zoom and their text can be read and copied; the report's images
// (reconstructions, samples, scatters of thousands of points) are PNG.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace latentlab {

struct ChartSeries {
    std::string name;
    std::string colour; // CSS colour: "#1f77b4"
    std::vector<std::pair<double, double>> points; // (x, y); non-finite points break the line
    bool markers = false; // a dot at every point (few points: epochs)
    bool dashed = false;
};

struct LineChartSpec {
    std::string title, xLabel, yLabel;
    std::string id = "chart"; // unique within a page: names the plot's clip path
    int width = 760, height = 340;
    std::vector<ChartSeries> series;
};

// The y axis covers the data up to its 98th percentile (a VAE's first steps would otherwise flatten the rest);
// lines above it are clipped at the plot's edge.
std::string lineChartSvg(const LineChartSpec& spec);

struct BarChartSpec {
    std::string title, yLabel;
    int width = 760, height = 300;
    std::vector<std::string> seriesNames, colours; // one per bar of a group
    std::vector<std::string> categories;           // one group per category
    std::vector<std::vector<double>> values;       // [category][series]; NaN: no bar
};
std::string barChartSvg(const BarChartSpec& spec);

// The y range a chart of these values shows: from the smallest to the 98th percentile (a VAE's first steps
// would otherwise flatten the rest), 5% padding each side; {0, 1} for none. The report and the window share it.
std::pair<double, double> robustValueRange(std::vector<double> values);

// The colour of the i-th model everywhere in a comparison (curves, bars, headings; the window's too), as CSS.
std::string modelColour(std::size_t i);

// Text safe inside XML and HTML elements and attribute values.
std::string xmlEscaped(const std::string& text);

// Round tick positions covering [lo, hi], about `count` of them (steps of 1, 2 or 5 times a power of ten).
std::vector<double> niceTicks(double lo, double hi, int count = 5);

} // namespace latentlab
