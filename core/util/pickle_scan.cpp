#include "core/util/pickle_scan.h"

#include "core/util/errors.h"

#include <algorithm>
#include <memory>

namespace latentlab {
namespace {

// Deeper nesting than any model file has, shallow enough that destroying the unpickled value (recursively, in
// LibTorch) cannot run out of stack.
constexpr std::size_t kMaxDepth = 1000;

struct Value {
    enum Kind { Mark, Int, Str, Global, Tuple, Tensor, Other } kind = Other;
    std::int64_t integer = 0;                           // Int: the value; Tensor: its storage's elements
    std::shared_ptr<const std::string> text;            // Str: the bytes; Global: "module.name"
    std::shared_ptr<const std::vector<Value>> items;    // Tuple
    std::size_t depth = 0;
};

// The element size of a storage type as LibTorch resolves it: a global torch.<Type>Storage, or a ScalarType
// number pushed directly. Unknown types count as the widest (16 bytes), which can only refuse more.
std::uint64_t elementSize(const Value& type)
{
    static const std::pair<const char*, int> kSizes[] = {
        {"Byte", 1}, {"Char", 1}, {"Short", 2}, {"Int", 4}, {"Long", 8}, {"Half", 2}, {"Float", 4}, {"Double", 8},
        {"ComplexHalf", 4}, {"ComplexFloat", 8}, {"ComplexDouble", 16}, {"Bool", 1}, {"QInt8", 1}, {"QUInt8", 1},
        {"QInt32", 4}, {"BFloat16", 2}, {"QUInt4x2", 1}, {"QUInt2x4", 1}};
    std::string name;
    if (type.kind == Value::Global && type.text) {
        const std::string& g = *type.text;
        const std::string prefix = "torch.", suffix = "Storage";
        if (g.size() > prefix.size() + suffix.size() && g.compare(0, prefix.size(), prefix) == 0
            && g.compare(g.size() - suffix.size(), suffix.size(), suffix) == 0)
            name = g.substr(prefix.size(), g.size() - prefix.size() - suffix.size());
    } else if (type.kind == Value::Int && type.integer >= 0
               && type.integer < static_cast<std::int64_t>(sizeof(kSizes) / sizeof(kSizes[0]))) {
        // c10::ScalarType numbers the types in the table's order.
        return static_cast<std::uint64_t>(kSizes[type.integer].second);
    }
    for (const auto& s : kSizes)
        if (name == s.first)
            return static_cast<std::uint64_t>(s.second);
    return 16;
}

class Scanner {
public:
    Scanner(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    std::vector<PickledStorage> run()
    {
        while (pos_ < size_) {
            opStart_ = pos_;
            const std::uint8_t op = data_[pos_++];
            if (op == '.') {
                if (stack_.empty() || stack_.back().kind == Value::Mark)
                    bad("stops with nothing on its stack");
                return std::move(storages_);
            }
            step(op);
        }
        bad("ends before its STOP opcode");
    }

private:
    [[noreturn]] void bad(const std::string& why) const
    {
        throw BadInputError("its pickle " + why + " (at byte " + std::to_string(opStart_) + ")");
    }

    std::size_t left() const { return size_ - pos_; }

    std::uint64_t fixed(std::size_t bytes)
    {
        if (left() < bytes)
            bad("ends inside an opcode");
        std::uint64_t v = 0;
        for (std::size_t i = bytes; i-- > 0;)
            v = (v << 8) | data_[pos_ + i];
        pos_ += bytes;
        return v;
    }

    // A length-prefixed argument: the length may not exceed what is left of the pickle.
    std::uint64_t length(std::size_t bytes, bool isSigned)
    {
        const std::uint64_t n = fixed(bytes);
        if (isSigned && bytes == 4 && (n & 0x80000000u))
            bad("claims a negative length");
        if (n > left())
            bad("claims " + std::to_string(n) + " bytes where " + std::to_string(left()) + " are left");
        return n;
    }

    std::string line()
    {
        const std::uint8_t* end = std::find(data_ + pos_, data_ + size_, '\n');
        if (end == data_ + size_)
            bad("ends inside an opcode");
        std::string s(data_ + pos_, end);
        pos_ = static_cast<std::size_t>(end - data_) + 1;
        return s;
    }

    void push(Value v)
    {
        if (v.depth > kMaxDepth)
            bad("nests values deeper than " + std::to_string(kMaxDepth) + " levels");
        stack_.push_back(std::move(v));
    }

    void pushOther(std::size_t depth = 0)
    {
        Value v;
        v.depth = depth;
        push(std::move(v));
    }

    void pushString(std::string s)
    {
        Value v;
        v.kind = Value::Str;
        v.text = std::make_shared<const std::string>(std::move(s));
        push(std::move(v));
    }

    // A length-prefixed string or bytes argument (length() has checked that it fits).
    void pushBytes(std::uint64_t n)
    {
        pushString(std::string(data_ + pos_, data_ + pos_ + n));
        pos_ += static_cast<std::size_t>(n);
    }

    void pushInt(std::int64_t i)
    {
        Value v;
        v.kind = Value::Int;
        v.integer = i;
        push(std::move(v));
    }

    // The value on top; marks are not values (LibTorch keeps them apart from its stack, and popping through one
    // would leave its marks pointing past the stack's end).
    Value& top()
    {
        if (stack_.empty() || stack_.back().kind == Value::Mark)
            bad("uses a value its stack does not have");
        return stack_.back();
    }

    Value pop()
    {
        Value v = top();
        stack_.pop_back();
        return v;
    }

    std::vector<Value> popToMark()
    {
        auto mark = std::find_if(stack_.rbegin(), stack_.rend(), [](const Value& v) { return v.kind == Value::Mark; });
        if (mark == stack_.rend())
            bad("closes a mark it never set");
        const auto first = mark.base();
        std::vector<Value> items(first, stack_.end());
        stack_.erase(first - 1, stack_.end());
        return items;
    }

    static std::size_t depthAbove(const std::vector<Value>& items)
    {
        std::size_t d = 0;
        for (const Value& v : items)
            d = std::max(d, v.depth + 1);
        return d;
    }

    void pushTuple(std::vector<Value> items)
    {
        Value v;
        v.kind = Value::Tuple;
        v.depth = depthAbove(items);
        v.items = std::make_shared<const std::vector<Value>>(std::move(items));
        push(std::move(v));
    }

    void pushGlobal(const std::string& module, const std::string& name)
    {
        Value v;
        v.kind = Value::Global;
        v.text = std::make_shared<const std::string>(module + "." + name);
        push(std::move(v));
    }

    // Items go into the container on top (APPEND, SETITEM, BUILD...): it holds them one level down.
    void addTo(const std::vector<Value>& items)
    {
        Value& container = top();
        container.depth = std::max(container.depth, depthAbove(items));
        if (container.depth > kMaxDepth)
            bad("nests values deeper than " + std::to_string(kMaxDepth) + " levels");
    }

    // Picklers number memo slots in order (Python's and LibTorch's alike). LibTorch reserves room for twice
    // whatever id a PUT names and then appends, so an id out of order would both cost memory and make a later
    // GET mean something else to it than to this walk: refuse it.
    void put(std::uint64_t id)
    {
        if (id != memo_.size())
            bad("fills memo slot " + std::to_string(id) + " where slot " + std::to_string(memo_.size())
                + " comes next");
        memo_.push_back(top());
    }

    void get(std::uint64_t id)
    {
        if (id >= memo_.size())
            bad("reads memo slot " + std::to_string(id) + ", which it never filled");
        push(memo_[id]);
    }

    static std::uint64_t parseId(const std::string& s)
    {
        std::uint64_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9' || v > UINT32_MAX)
                return UINT64_MAX;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return s.empty() ? UINT64_MAX : v;
    }

    // BINPERSID with ('storage', type, key, location, numel): a tensor's bytes in another record.
    void persistentId()
    {
        const Value pid = pop();
        if (pid.kind != Value::Tuple || pid.items->size() < 5 || (*pid.items)[0].kind != Value::Str
            || *(*pid.items)[0].text != "storage") {
            pushOther();
            return;
        }
        const std::vector<Value>& a = *pid.items;
        if (a[2].kind != Value::Str || a[4].kind != Value::Int)
            bad("names a tensor storage without a plain key and size");
        if (a[4].integer < 0)
            bad("gives a tensor storage a negative size");
        const std::uint64_t numel = static_cast<std::uint64_t>(a[4].integer);
        const std::uint64_t element = elementSize(a[1]);
        if (numel > UINT64_MAX / element)
            bad("gives a tensor storage an impossible size");
        storages_.push_back({*a[2].text, numel * element});
        Value tensor;
        tensor.kind = Value::Tensor;
        tensor.integer = a[4].integer;
        push(std::move(tensor));
    }

    static std::vector<std::int64_t> intTuple(const Value& v)
    {
        std::vector<std::int64_t> out;
        if (v.kind != Value::Tuple)
            return {-1};
        for (const Value& item : *v.items)
            out.push_back(item.kind == Value::Int ? item.integer : -1);
        return out;
    }

    // REDUCE: LibTorch 1.13 rebuilds a tensor over a storage with the offset, sizes and strides the pickle gives,
    // and checks none of them against the storage: a tensor reaching past it reads memory that is not its own.
    void reduce()
    {
        const Value args = pop();
        const Value callable = pop();
        const std::string name = callable.kind == Value::Global ? *callable.text : std::string();
        if (name == "torch._utils._rebuild_sparse_tensor" || name == "torch._utils._rebuild_sparse_csr_tensor")
            bad("holds a sparse tensor, which LatentLab does not read");
        if (name != "torch._utils._rebuild_tensor_v2" && name != "torch._utils._rebuild_qtensor") {
            pushOther(args.depth + 1);
            return;
        }
        if (args.kind != Value::Tuple || args.items->size() < 4 || (*args.items)[0].kind != Value::Tensor
            || (*args.items)[1].kind != Value::Int)
            bad("rebuilds a tensor from arguments PyTorch never writes");
        const std::vector<Value>& a = *args.items;
        const std::vector<std::int64_t> sizes = intTuple(a[2]), strides = intTuple(a[3]);
        const auto negative = [](std::int64_t v) { return v < 0; };
        if (sizes.size() != strides.size() || a[1].integer < 0 || std::any_of(sizes.begin(), sizes.end(), negative)
            || std::any_of(strides.begin(), strides.end(), negative))
            bad("rebuilds a tensor with sizes or strides that are not whole numbers");
        // The last element the tensor reaches: offset + sum((size - 1) * stride); none if a size is zero.
        bool empty = false;
        std::uint64_t last = static_cast<std::uint64_t>(a[1].integer);
        for (std::size_t d = 0; d < sizes.size(); ++d) {
            empty = empty || sizes[d] == 0;
            std::uint64_t reach = 0;
            if (sizes[d] > 0
                && (__builtin_mul_overflow(static_cast<std::uint64_t>(sizes[d] - 1), static_cast<std::uint64_t>(strides[d]), &reach)
                    || __builtin_add_overflow(last, reach, &last)))
                bad("rebuilds a tensor larger than any storage");
        }
        if (!empty && last >= static_cast<std::uint64_t>(a[0].integer))
            bad("rebuilds a tensor that reaches element " + std::to_string(last) + " of a storage of "
                + std::to_string(a[0].integer));
        Value tensor;
        tensor.kind = Value::Tensor;
        tensor.integer = a[0].integer;
        tensor.depth = args.depth + 1;
        push(std::move(tensor));
    }

    void step(std::uint8_t op)
    {
        switch (op) {
        case '(': {
            Value mark;
            mark.kind = Value::Mark;
            stack_.push_back(std::move(mark));
            break;
        }
        case '0': pop(); break;
        case '1': popToMark(); break;
        case '2': push(top()); break;
        case 'N': case 0x88: case 0x89: pushOther(); break;
        case 'I': case 'L': case 'F': line(); pushOther(); break;
        case 'K': pushInt(static_cast<std::int64_t>(fixed(1))); break;
        case 'M': pushInt(static_cast<std::int64_t>(fixed(2))); break;
        case 'J': pushInt(static_cast<std::int32_t>(static_cast<std::uint32_t>(fixed(4)))); break;
        case 0x8a: { // LONG1: little-endian two's complement of n bytes
            const std::uint64_t n = length(1, false);
            if (n > 8) {
                pos_ += static_cast<std::size_t>(n);
                pushOther();
                break;
            }
            std::uint64_t v = fixed(n);
            if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1)
                v |= ~0ull << (8 * n);
            pushInt(static_cast<std::int64_t>(v));
            break;
        }
        case 0x8b: pos_ += static_cast<std::size_t>(length(4, true)); pushOther(); break; // LONG4
        case 'G': fixed(8); pushOther(); break;                           // BINFLOAT
        case 'S': case 'V': pushString(line()); break;                     // STRING, UNICODE: up to the newline
        case 'U': case 'C': case 0x8c: pushBytes(length(1, false)); break;
        case 'T': pushBytes(length(4, true)); break;
        case 'X': case 'B': pushBytes(length(4, false)); break;
        case 0x8d: case 0x8e: case 0x96: pushBytes(length(8, false)); break;
        case ']': case '}': case 0x8f: pushOther(); break;
        case ')': pushTuple({}); break;
        case 'a': addTo({pop()}); break;
        case 'e': case 'u': case 0x90: addTo(popToMark()); break;
        case 's': { Value v = pop(); Value k = pop(); addTo({k, v}); break; }
        case 'b': addTo({pop()}); break;
        case 'l': case 'd': case 0x91: { const auto items = popToMark(); pushOther(depthAbove(items)); break; }
        case 't': pushTuple(popToMark()); break;
        case 0x85: case 0x86: case 0x87: {
            std::vector<Value> items(static_cast<std::size_t>(op - 0x84));
            for (auto it = items.rbegin(); it != items.rend(); ++it)
                *it = pop();
            pushTuple(std::move(items));
            break;
        }
        case 'R': reduce(); break;
        case 0x81: { Value args = pop(); pop(); pushOther(args.depth + 1); break; }
        case 0x92: { Value kwargs = pop(); Value args = pop(); pop(); pushOther(std::max(args.depth, kwargs.depth) + 1); break; }
        case 'c': { const std::string module = line(); pushGlobal(module, line()); break; }
        case 0x93: {
            const Value name = pop(), module = pop();
            if (module.kind == Value::Str && name.kind == Value::Str)
                pushGlobal(*module.text, *name.text);
            else
                pushOther();
            break;
        }
        case 'i': { line(); line(); const auto items = popToMark(); pushOther(depthAbove(items)); break; }
        case 'o': {
            const auto items = popToMark();
            if (items.empty())
                bad("builds an object without a class");
            pushOther(depthAbove(items));
            break;
        }
        case 'P': line(); pushOther(); break;
        case 'Q': persistentId(); break;
        case 'g': get(parseId(line())); break;
        case 'h': get(fixed(1)); break;
        case 'j': get(fixed(4)); break;
        case 'p': put(parseId(line())); break;
        case 'q': put(fixed(1)); break;
        case 'r': put(fixed(4)); break;
        case 0x94: put(memo_.size()); break;                               // MEMOIZE
        case 0x80: fixed(1); break;                                         // PROTO
        case 0x95: length(8, false); break;                                 // FRAME: its length must fit
        case 0x82: fixed(1); pushOther(); break;                            // EXT1
        case 0x83: fixed(2); pushOther(); break;                            // EXT2
        case 0x84: fixed(4); pushOther(); break;                            // EXT4
        case 0x97: pushOther(); break;                                      // NEXT_BUFFER
        case 0x98: top(); break;                                            // READONLY_BUFFER
        default: bad("has an opcode no pickle protocol defines (" + std::to_string(op) + ")");
        }
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::size_t opStart_ = 0;
    std::vector<Value> stack_;
    std::vector<Value> memo_;
    std::vector<PickledStorage> storages_;
};

} // namespace

std::vector<PickledStorage> scanPickle(const std::uint8_t* data, std::size_t size)
{
    return Scanner(data, size).run();
}

} // namespace latentlab
