#pragma once
// ConvStack's oneDNN side: the primitives of one layer at one batch size and the reorders between layouts.
// Included by conv_layers.cpp and conv_primitives.cpp only, so oneDNN stays out of every header the rest of
// the code reads (ConvStack keeps all of this behind its pimpl).
#include <oneapi/dnnl/dnnl.hpp>

// Named, not anonymous: ConvStack::Impl's members have these types (and core is a unity build, so the
// helpers' names stay out of the other files' way too).
namespace latentlab::fused::conv_detail {

using dnnl::memory;
using ConvTag = memory::format_tag;
constexpr auto kF32 = memory::data_type::f32;

const dnnl::engine& convEngine();

// Data one step leaves in a layout the next step does not take: the reorder and the memory it fills, made
// once with the plan. Where the layouts agree, nothing runs and the data passes as it is.
class Handoff {
public:
    Handoff() = default;
    // Into a memory of its own in layout to, or into to itself (with attr: a sum post-op accumulates there).
    Handoff(const memory::desc& from, const memory& to, const dnnl::primitive_attr& attr = {});
    Handoff(const memory::desc& from, const memory::desc& to);
    // from itself where the layouts agree, else the memory the reorder filled.
    memory operator()(const dnnl::stream& stream, const memory& from) const;

private:
    memory to_;
    dnnl::reorder reorder_;
};

struct ConvGeometry {
    memory::dim inC, inH, inW, outC, outH, outW, kH, kW;
    memory::dims strides, padL, padR;
};

// A layer's primitives and buffers for one batch size.
struct LayerPlan {
    dnnl::primitive fwd, bwdData, bwdWeights;
    dnnl::primitive addBias;  // after fwd where the bias (and ReLU) are a pass of their own
    dnnl::primitive reluBwd;  // where a ReLU follows
    memory::desc biasMd;      // addBias's bias operand
    memory::desc srcMd, weightsMd, dstMd;                   // forward
    memory::desc dataWeightsMd, dataDiffDstMd, diffSrcMd;  // backward data
    memory::desc wSrcMd, wDiffDstMd, diffWeightsMd;        // backward weights
    memory::desc fwdScratchMd, dataScratchMd, weightsScratchMd, addBiasScratchMd;
    memory dst, diffSrc, diffWeights, diffBias;
    memory fwdScratch, dataScratch, weightsScratch, addBiasScratch;
    // Into this layer's forward; the gradient at its output into ReLU's backward (the output's layout) and into
    // each backward primitive; the weights from the forward's layout into the backward data's; the weight
    // gradient added into LibTorch's buffer.
    Handoff toSrc, toFwdWeights, toReluGrad, toWeightsSrc, toWeightsDiffDst, toDataDiffDst, toDataWeights, addWeightGrad;
    memory biasRows; // LibTorch's bias as {1, C, 1, 1}, for toBias
    Handoff toBias;
    memory fwdWeights; // the weights as the forward read them (the backward sees the same weights)
};

// Fills p's primitives and layouts (descs) for a convolution, or a transposed one; the memories are the plan's.
// forwardOnly: the forward alone, for inference (oneDNN's forward_inference; no backward primitives).
void makeLayerPrimitives(LayerPlan& p, const ConvGeometry& g, memory::dim batch, bool transposed, bool forwardOnly);

// ReLU in place over m's whole buffer (any layout; blocked padding is zero and stays so), NaN kept as
// LibTorch's relu keeps it: a poisoned weight must reach the loss, where the trainer stops. oneDNN's ReLU
// (eltwise, or a post-op) returns 0 for NaN.
void reluKeepingNaN(const memory& m);

// ReLU's backward from the forward's output, in place on the gradient (both in the output's layout).
dnnl::primitive reluBackward(const memory::desc& out);

} // namespace latentlab::fused::conv_detail
