#pragma once
#include <string>
#include <vector>

namespace latentlab::cli {

// Each command returns the process exit code and throws latentlab::Error on failure (main maps it).
int runInfo(const std::vector<std::string>& args);
int runDemo(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runEncode(const std::vector<std::string>& args);
int runSample(const std::vector<std::string>& args);
int runInterpolate(const std::vector<std::string>& args);
int runTraverse(const std::vector<std::string>& args);
int runAttribute(const std::vector<std::string>& args);
int runProject(const std::vector<std::string>& args);
int runAnomalies(const std::vector<std::string>& args);
int runLabels(const std::vector<std::string>& args);
int runDuplicates(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);

} // namespace latentlab::cli
