#pragma once
// A small ONNX graph builder that writes the ModelProto bytes itself (the protobuf wire format is a handful of
// rules: varints, fixed32 floats, length-delimited strings and messages), so exporting to ONNX adds nothing a
// user must install. Field numbers follow onnx/onnx.proto (IR version 7, opset 13).
//
// The graphs it builds are meant to run in every ONNX runtime, the weakest included: OpenCV 4.6's DNN module
// (Debian 12) refuses Gather, OneHot, Greater, Max, Clip and ReduceSum, and a constant operand of Add or Sub
// that is not one-dimensional. So callers reduce with MatMul against a column of ones, make one-hot rows from
// indices with arithmetic, and keep elementwise constants one-dimensional ([K] or [1]).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace latentlab::onnx {

enum class ElementType : std::int32_t { Float = 1, Int64 = 7 };

struct Attribute {
    enum class Kind { Int, Float, Ints };
    std::string name;
    Kind kind = Kind::Int;
    std::int64_t i = 0;
    float f = 0.0f;
    std::vector<std::int64_t> ints;

    static Attribute integer(std::string name, std::int64_t value);
    static Attribute real(std::string name, float value);
    static Attribute integers(std::string name, std::vector<std::int64_t> values);
};

// A dimension of an input or output: a fixed size, or a named one (the batch, "N") any size may fill.
struct Dim {
    std::int64_t size = 0;
    std::string param;
    static Dim fixed(std::int64_t n) { return {n, {}}; }
    static Dim named(std::string name) { return {0, std::move(name)}; }
};

class Graph {
public:
    explicit Graph(std::string name) : name_(std::move(name)) {}

    void addInput(const std::string& name, ElementType type, std::vector<Dim> dims, const std::string& doc = {});
    void addOutput(const std::string& name, ElementType type, std::vector<Dim> dims, const std::string& doc = {});
    // A constant (an initializer); returns its name, made unique from the hint.
    std::string constant(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<float>& values);
    std::string constantInt64(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<std::int64_t>& values);
    // A node; returns its output's name: `out` where given (a graph output), else a fresh one.
    std::string node(const std::string& op, std::vector<std::string> inputs, std::vector<Attribute> attributes = {},
                     std::string out = {});
    // A node with several outputs, named by the caller.
    void nodeWithOutputs(const std::string& op, std::vector<std::string> inputs, std::vector<std::string> outputs,
                         std::vector<Attribute> attributes = {});

    // The ModelProto: this graph, opset 13, the producer and the metadata (key, value) pairs.
    std::string serialize(const std::string& producerVersion,
                          const std::vector<std::pair<std::string, std::string>>& metadata) const;

    std::size_t nodeCount() const { return nodes_.size(); }

private:
    struct ValueInfo {
        std::string name;
        ElementType type;
        std::vector<Dim> dims;
        std::string doc;
    };
    struct Initializer {
        std::string name;
        ElementType type;
        std::vector<std::int64_t> dims;
        std::string raw; // little-endian values
    };
    struct Node {
        std::string op;
        std::vector<std::string> inputs, outputs;
        std::vector<Attribute> attributes;
        std::string name;
    };
    std::string fresh(const std::string& hint);

    std::string name_;
    std::vector<ValueInfo> inputs_, outputs_;
    std::vector<Initializer> initializers_;
    std::vector<Node> nodes_;
    std::int64_t counter_ = 0;
};

} // namespace latentlab::onnx
