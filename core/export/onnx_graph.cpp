#include "core/export/onnx_graph.h"

#include <cstring>

namespace latentlab::onnx {
namespace {

// Protobuf wire types.
constexpr std::uint32_t kVarint = 0, kFixed32 = 5, kLengthDelimited = 2;

class Wire {
public:
    void varint(std::uint32_t field, std::uint64_t value)
    {
        key(field, kVarint);
        raw(value);
    }
    void fixedFloat(std::uint32_t field, float value)
    {
        key(field, kFixed32);
        std::uint32_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        for (int i = 0; i < 4; ++i)
            bytes_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
    }
    void text(std::uint32_t field, const std::string& value)
    {
        key(field, kLengthDelimited);
        raw(value.size());
        bytes_ += value;
    }
    void message(std::uint32_t field, const Wire& inner) { text(field, inner.bytes_); }
    void packedInt64(std::uint32_t field, const std::vector<std::int64_t>& values)
    {
        Wire packed;
        for (const auto v : values)
            packed.raw(static_cast<std::uint64_t>(v));
        text(field, packed.bytes_);
    }
    const std::string& bytes() const { return bytes_; }

private:
    void key(std::uint32_t field, std::uint32_t wireType) { raw((static_cast<std::uint64_t>(field) << 3) | wireType); }
    void raw(std::uint64_t value)
    {
        do {
            std::uint8_t b = value & 0x7f;
            value >>= 7;
            if (value)
                b |= 0x80;
            bytes_.push_back(static_cast<char>(b));
        } while (value);
    }
    std::string bytes_;
};

template <class T>
std::string littleEndian(const std::vector<T>& values)
{
    // Every machine LibTorch runs on here is little-endian, as ONNX's raw_data is.
    std::string out(values.size() * sizeof(T), '\0');
    if (!values.empty())
        std::memcpy(out.data(), values.data(), out.size());
    return out;
}

Wire valueInfo(const std::string& name, ElementType type, const std::vector<Dim>& dims, const std::string& doc)
{
    Wire shape;
    for (const Dim& d : dims) {
        Wire dim;
        if (d.param.empty())
            dim.varint(1, static_cast<std::uint64_t>(d.size));
        else
            dim.text(2, d.param);
        shape.message(1, dim);
    }
    Wire tensorType;
    tensorType.varint(1, static_cast<std::uint64_t>(type));
    tensorType.message(2, shape);
    Wire typeProto;
    typeProto.message(1, tensorType);
    Wire info;
    info.text(1, name);
    info.message(2, typeProto);
    if (!doc.empty())
        info.text(3, doc);
    return info;
}

} // namespace

Attribute Attribute::integer(std::string name, std::int64_t value)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Kind::Int;
    a.i = value;
    return a;
}

Attribute Attribute::real(std::string name, float value)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Kind::Float;
    a.f = value;
    return a;
}

Attribute Attribute::integers(std::string name, std::vector<std::int64_t> values)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Kind::Ints;
    a.ints = std::move(values);
    return a;
}

std::string Graph::fresh(const std::string& hint)
{
    return hint + "_" + std::to_string(counter_++);
}

void Graph::addInput(const std::string& name, ElementType type, std::vector<Dim> dims, const std::string& doc)
{
    inputs_.push_back({name, type, std::move(dims), doc});
}

void Graph::addOutput(const std::string& name, ElementType type, std::vector<Dim> dims, const std::string& doc)
{
    outputs_.push_back({name, type, std::move(dims), doc});
}

std::string Graph::constant(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<float>& values)
{
    const std::string name = fresh(hint);
    initializers_.push_back({name, ElementType::Float, std::move(dims), littleEndian(values)});
    return name;
}

std::string Graph::constantInt64(const std::string& hint, std::vector<std::int64_t> dims,
                                 const std::vector<std::int64_t>& values)
{
    const std::string name = fresh(hint);
    initializers_.push_back({name, ElementType::Int64, std::move(dims), littleEndian(values)});
    return name;
}

std::string Graph::node(const std::string& op, std::vector<std::string> inputs, std::vector<Attribute> attributes,
                        std::string out)
{
    if (out.empty())
        out = fresh(op);
    nodes_.push_back({op, std::move(inputs), {out}, std::move(attributes), fresh(op + "_node")});
    return out;
}

void Graph::nodeWithOutputs(const std::string& op, std::vector<std::string> inputs, std::vector<std::string> outputs,
                            std::vector<Attribute> attributes)
{
    nodes_.push_back({op, std::move(inputs), std::move(outputs), std::move(attributes), fresh(op + "_node")});
}

std::string Graph::serialize(const std::string& producerVersion,
                             const std::vector<std::pair<std::string, std::string>>& metadata) const
{
    Wire graph;
    for (const Node& n : nodes_) {
        Wire node;
        for (const auto& in : n.inputs)
            node.text(1, in);
        for (const auto& out : n.outputs)
            node.text(2, out);
        node.text(3, n.name);
        node.text(4, n.op);
        for (const Attribute& a : n.attributes) {
            Wire attr;
            attr.text(1, a.name);
            switch (a.kind) {
            case Attribute::Kind::Float:
                attr.fixedFloat(2, a.f);
                attr.varint(20, 1);
                break;
            case Attribute::Kind::Int:
                attr.varint(3, static_cast<std::uint64_t>(a.i));
                attr.varint(20, 2);
                break;
            case Attribute::Kind::Ints:
                // Repeated int64 written one by one: protobuf parsers accept packed and unpacked alike.
                for (const auto v : a.ints)
                    attr.varint(8, static_cast<std::uint64_t>(v));
                attr.varint(20, 7);
                break;
            }
            node.message(5, attr);
        }
        graph.message(1, node);
    }
    graph.text(2, name_);
    for (const Initializer& init : initializers_) {
        Wire tensor;
        tensor.packedInt64(1, init.dims);
        tensor.varint(2, static_cast<std::uint64_t>(init.type));
        tensor.text(8, init.name);
        tensor.text(9, init.raw);
        graph.message(5, tensor);
    }
    for (const ValueInfo& v : inputs_)
        graph.message(11, valueInfo(v.name, v.type, v.dims, v.doc));
    for (const ValueInfo& v : outputs_)
        graph.message(12, valueInfo(v.name, v.type, v.dims, v.doc));

    Wire model;
    model.varint(1, 7); // IR version 7 goes with opset 13
    model.text(2, "LatentLab");
    model.text(3, producerVersion);
    model.text(4, "org.latentlab");
    model.varint(5, 1);
    model.message(7, graph);
    Wire opset;
    opset.text(1, "");
    opset.varint(2, 13);
    model.message(8, opset);
    for (const auto& [key, value] : metadata) {
        Wire entry;
        entry.text(1, key);
        entry.text(2, value);
        model.message(14, entry);
    }
    return model.bytes();
}

} // namespace latentlab::onnx
