#include "core/models/fused/conv_primitives.h"

#include <ATen/Parallel.h>

namespace latentlab::fused::conv_detail {

const dnnl::engine& convEngine()
{
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

memory::desc convAnyLayout(const memory::dims& dims)
{
    return memory::desc(dims, kF32, ConvTag::any);
}

// One scratch buffer per plan serves every primitive in it (they run one after another), instead of the
// library growing its own.
dnnl::primitive_attr convScratchAttr()
{
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return attr;
}

Handoff::Handoff(const memory::desc& from, const memory& to, const dnnl::primitive_attr& attr)
{
    if (from == to.get_desc() && attr.get_post_ops().len() == 0)
        return;
    to_ = to;
    reorder_ = dnnl::reorder(dnnl::reorder::primitive_desc(convEngine(), from, convEngine(), to.get_desc(), attr));
}

Handoff::Handoff(const memory::desc& from, const memory::desc& to) : Handoff(from, memory(to, convEngine())) {}

memory Handoff::operator()(const dnnl::stream& stream, const memory& from) const
{
    if (!to_)
        return from;
    reorder_.execute(stream, {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to_}});
    return to_;
}

// oneDNN's AVX-512 kernels keep channels in blocks of 16, and left to choose they write a 1-channel image
// padded to 16: the decoder's last transposed convolution took 4.6 ms so, 0.5 ms through the gemm-based
// kernel that writes plain NCHW (batch 128, one thread); the first convolution's input gradient likewise
// (2.1 ms and 0.4 ms). So a primitive writes plain NCHW below 16 channels; what it reads stays its choice.
memory::desc convWrittenLayout(const memory::dims& dims)
{
    return dims[1] < 16 ? memory::desc(dims, kF32, ConvTag::nchw) : convAnyLayout(dims);
}

// The bias as a binary primitive's second operand, {1, C, 1, 1}, in the channel blocking of the tensor it is
// added to: against plain channels oneDNN 2.6 adds a bias to blocked ones with its reference kernel.
memory::desc biasLike(const memory::desc& like, memory::dim channels)
{
    const memory::dims dims{1, channels, 1, 1};
    const auto& blocking = like.data.format_desc.blocking;
    if (like.data.format_kind == dnnl_blocked && blocking.inner_nblks == 1 && blocking.inner_idxs[0] == 1) {
        switch (blocking.inner_blks[0]) {
        case 16:
            return memory::desc(dims, kF32, ConvTag::aBcd16b);
        case 8:
            return memory::desc(dims, kF32, ConvTag::aBcd8b);
        case 4:
            return memory::desc(dims, kF32, ConvTag::aBcd4b);
        default:
            break;
        }
    }
    return memory::desc(dims, kF32, ConvTag::nchw);
}

// separateBias: oneDNN 2.6's transposed convolution adds its bias in a slow pass of its own (3.6 ms instead of
// 2.0 without, the decoder's 64->32 layer at batch 128 on one thread); a binary primitive adds it in 0.02 ms.
// No ReLU post-op: oneDNN's ReLU makes NaN zero (see reluKeepingNaN), and on a transposed convolution it
// was slower than the product itself (20 ms).
template <class Fwd, class BwdData, class BwdWeights>
void makeConvPrimitives(LayerPlan& p, const ConvGeometry& g, memory::dim batch, bool separateBias,
                        dnnl::algorithm alg, bool forwardOnly)
{
    const auto prop = forwardOnly ? dnnl::prop_kind::forward_inference : dnnl::prop_kind::forward_training;
    const memory::dims srcDims{batch, g.inC, g.inH, g.inW}, dstDims{batch, g.outC, g.outH, g.outW};
    const memory::desc src = convAnyLayout(srcDims), dst = convAnyLayout(dstDims);
    const memory::desc weights = convAnyLayout({g.outC, g.inC, g.kH, g.kW});
    const memory::desc bias({g.outC}, kF32, ConvTag::x);
    const typename Fwd::primitive_desc fwd =
        separateBias ? typename Fwd::primitive_desc(
                           typename Fwd::desc(prop, alg, src, weights,
                                              convWrittenLayout(dstDims), g.strides, g.padL, g.padR),
                           convScratchAttr(), convEngine())
                     : typename Fwd::primitive_desc(
                           typename Fwd::desc(prop, alg, src, weights, bias,
                                              convWrittenLayout(dstDims), g.strides, g.padL, g.padR),
                           convScratchAttr(), convEngine());
    if (separateBias) {
        p.biasMd = biasLike(fwd.dst_desc(), g.outC);
        const dnnl::binary::primitive_desc add(
            dnnl::binary::desc(dnnl::algorithm::binary_add, fwd.dst_desc(), p.biasMd, fwd.dst_desc()),
            convScratchAttr(), convEngine());
        p.addBias = dnnl::binary(add);
        p.addBiasScratchMd = add.scratchpad_desc();
    }
    p.fwd = Fwd(fwd);
    p.srcMd = fwd.src_desc();
    p.weightsMd = fwd.weights_desc();
    p.dstMd = fwd.dst_desc();
    p.fwdScratchMd = fwd.scratchpad_desc();
    if (forwardOnly)
        return;
    const typename BwdData::primitive_desc data(
        typename BwdData::desc(alg, convWrittenLayout(srcDims), weights, dst, g.strides, g.padL, g.padR),
        convScratchAttr(), convEngine(), fwd);
    const typename BwdWeights::primitive_desc grads(
        typename BwdWeights::desc(alg, src, weights, bias, dst, g.strides, g.padL, g.padR), convScratchAttr(),
        convEngine(), fwd);
    p.bwdData = BwdData(data);
    p.bwdWeights = BwdWeights(grads);
    p.dataWeightsMd = data.weights_desc();
    p.dataDiffDstMd = data.diff_dst_desc();
    p.diffSrcMd = data.diff_src_desc();
    p.wSrcMd = grads.src_desc();
    p.wDiffDstMd = grads.diff_dst_desc();
    p.diffWeightsMd = grads.diff_weights_desc();
    p.dataScratchMd = data.scratchpad_desc();
    p.weightsScratchMd = grads.scratchpad_desc();
}

// oneDNN's kernel for ReLU's backward, not a loop of ours: core is built for baseline x86-64, oneDNN's JIT for the machine's AVX-512
// (128x32x14x14 on one thread: 0.17 ms against 0.24 ms for the loop).
dnnl::primitive reluBackward(const memory::desc& out)
{
    const dnnl::eltwise_forward::primitive_desc hint(
        dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::eltwise_relu_use_dst_for_bwd,
                                    out, 0.0f),
        convEngine());
    return dnnl::eltwise_backward(dnnl::eltwise_backward::primitive_desc(
        dnnl::eltwise_backward::desc(dnnl::algorithm::eltwise_relu_use_dst_for_bwd, out, out, 0.0f), convEngine(),
        hint));
}

void reluKeepingNaN(const memory& m)
{
    const auto n = static_cast<std::int64_t>(m.get_desc().get_size() / sizeof(float));
    float* v = static_cast<float*>(m.get_data_handle());
    at::parallel_for(0, n, 16384, [v](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            v[i] = v[i] < 0.0f ? 0.0f : v[i];
    });
}

void makeLayerPrimitives(LayerPlan& p, const ConvGeometry& g, memory::dim batch, bool transposed, bool forwardOnly)
{
    if (transposed)
        makeConvPrimitives<dnnl::deconvolution_forward, dnnl::deconvolution_backward_data,
                           dnnl::deconvolution_backward_weights>(p, g, batch, true,
                                                                 dnnl::algorithm::deconvolution_direct, forwardOnly);
    else
        makeConvPrimitives<dnnl::convolution_forward, dnnl::convolution_backward_data,
                           dnnl::convolution_backward_weights>(p, g, batch, false,
                                                               dnnl::algorithm::convolution_direct, forwardOnly);
}

} // namespace latentlab::fused::conv_detail
