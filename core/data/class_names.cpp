#include "core/data/class_names.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace latentlab {

std::vector<std::string> classNamesFor(const std::string& folder, int count)
{
    std::ifstream in(fs::path(folder) / "classes.txt");
    if (in) {
        std::vector<std::string> names;
        for (std::string line; std::getline(in, line);) {
            while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
                line.pop_back();
            if (!line.empty())
                names.push_back(line);
        }
        if (static_cast<int>(names.size()) == count)
            return names;
    }
    std::string lower = fs::path(folder).filename().string();
    if (lower.empty())
        lower = fs::path(folder).parent_path().filename().string();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (count == 10 && lower.find("fashion") != std::string::npos)
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i)
        names.push_back(std::to_string(i));
    return names;
}

} // namespace latentlab
