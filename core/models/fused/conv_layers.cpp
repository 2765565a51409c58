#include "core/models/fused/conv_layers.h"

#include "core/models/fused/conv_primitives.h"

#include <algorithm>
#include <map>

namespace latentlab::fused {
namespace conv_detail {

ConvGeometry convGeometry(const ConvLayer& l, std::int64_t c, std::int64_t h, std::int64_t w)
{
    TORCH_CHECK(c == l.inChannels, "ConvStack: a layer takes ", l.inChannels, " channels, gets ", c);
    ConvGeometry g{c, h, w, l.outChannels, 0, 0, l.kernel[0], l.kernel[1], {l.stride[0], l.stride[1]},
                   {l.padding[0], l.padding[1]}, {}};
    const std::int64_t in[2] = {h, w};
    std::int64_t out[2];
    for (int d = 0; d < 2; ++d) {
        if (l.transposed) {
            // LibTorch's output_padding widens the far side; oneDNN reads that as less padding there.
            out[d] = (in[d] - 1) * l.stride[d] - 2 * l.padding[d] + l.kernel[d] + l.outputPadding[d];
            g.padR.push_back(l.padding[d] - l.outputPadding[d]);
        } else {
            out[d] = (in[d] + 2 * l.padding[d] - l.kernel[d]) / l.stride[d] + 1;
            g.padR.push_back(l.padding[d]);
        }
        TORCH_CHECK(out[d] > 0, "ConvStack: an input of ", h, "x", w, " is too small for its layers");
    }
    g.outH = out[0];
    g.outW = out[1];
    return g;
}

// Flat rows as oneDNN can read them: a row stride other than the width is rare enough for a copy.
torch::Tensor denseRows(const torch::Tensor& t, std::int64_t width)
{
    TORCH_CHECK(t.is_cpu() && t.scalar_type() == torch::kFloat && t.numel() == t.size(0) * width,
                "ConvStack: expects float CPU rows of ", width, " values");
    const torch::Tensor rows = t.reshape({t.size(0), width});
    return rows.stride(1) == 1 && (rows.stride(0) == width || rows.size(0) == 1) ? rows : rows.contiguous();
}

template <class Options>
ConvLayer convLayerFrom(const Options& o, const torch::Tensor& weight, const torch::Tensor& bias, bool relu)
{
    ConvLayer l;
    l.transposed = o.transposed();
    l.weight = weight;
    l.bias = bias;
    l.inChannels = o.in_channels();
    l.outChannels = o.out_channels();
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    TORCH_CHECK(padding, "ConvStack: 'same' and 'valid' padding are not supported");
    for (int d = 0; d < 2; ++d) {
        l.kernel[d] = (*o.kernel_size())[d];
        l.stride[d] = (*o.stride())[d];
        l.padding[d] = (**padding)[d];
        l.outputPadding[d] = (*o.output_padding())[d];
    }
    l.relu = relu;
    return l;
}

template <class Options>
bool convSupported(const Options& o, const torch::Tensor& weight, const torch::Tensor& bias)
{
    auto floatCpu = [](const torch::Tensor& t) {
        return t.defined() && t.is_cpu() && t.scalar_type() == torch::kFloat && t.is_contiguous();
    };
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    if (!floatCpu(weight) || !floatCpu(bias) || o.groups() != 1 || !padding
        || !c10::holds_alternative<torch::enumtype::kZeros>(o.padding_mode()))
        return false;
    for (int d = 0; d < 2; ++d)
        if ((*o.dilation())[d] != 1 || (*o.output_padding())[d] > (**padding)[d])
            return false;
    return true;
}

} // namespace conv_detail

ConvLayer ConvLayer::conv(const torch::nn::Conv2d& module, bool reluAfter)
{
    using namespace conv_detail;
    return convLayerFrom(module->options, module->weight, module->bias, reluAfter);
}

ConvLayer ConvLayer::deconv(const torch::nn::ConvTranspose2d& module, bool reluAfter)
{
    using namespace conv_detail;
    return convLayerFrom(module->options, module->weight, module->bias, reluAfter);
}

bool ConvLayer::supports(const torch::nn::Conv2d& module)
{
    using namespace conv_detail;
    return convSupported(module->options, module->weight, module->bias);
}

bool ConvLayer::supports(const torch::nn::ConvTranspose2d& module)
{
    using namespace conv_detail;
    return convSupported(module->options, module->weight, module->bias);
}

struct ConvStack::Impl {
    struct Layer {
        ConvLayer spec;
        conv_detail::ConvGeometry geometry;
        torch::Tensor weightGrad, biasGrad;
        dnnl::memory weights, bias, weightGradMem; // over LibTorch's tensors, in LibTorch's layouts
    };
    // Everything for one batch size.
    struct Plan {
        std::vector<conv_detail::LayerPlan> layers;
        torch::Tensor out, scratch, biasGrads;
        dnnl::memory in, outRows, gradOut, gradIn; // flat NCHW rows: the block's input, output and gradients
        conv_detail::Handoff toOut, toGradIn;
        std::uint64_t lastUse = 0;
    };
    // An epoch needs two (its batches and the last, partial one); a few more for a batch size changed between
    // runs, the least recently used making room.
    static constexpr std::size_t kMaxPlans = 4;

    std::vector<Layer> layers;
    bool training = true;
    std::int64_t inC = 0, inH = 0, inW = 0;
    dnnl::stream stream{conv_detail::convEngine()};
    std::map<std::int64_t, std::unique_ptr<Plan>> plans;
    std::uint64_t uses = 0;

    Plan& planFor(std::int64_t batch);
    std::unique_ptr<Plan> makePlan(std::int64_t batch);
};

ConvStack::ConvStack(std::vector<ConvLayer> layers, std::vector<std::int64_t> inputShape, Use use)
    : impl_(std::make_unique<Impl>())
{
    using namespace conv_detail;
    TORCH_CHECK(!layers.empty() && inputShape.size() == 3, "ConvStack: layers and a {C, H, W} input");
    impl_->training = use == Use::Training;
    impl_->inC = inputShape[0];
    impl_->inH = inputShape[1];
    impl_->inW = inputShape[2];
    std::int64_t c = inputShape[0], h = inputShape[1], w = inputShape[2];
    for (ConvLayer& spec : layers) {
        Impl::Layer l;
        l.geometry = convGeometry(spec, c, h, w);
        c = l.geometry.outC;
        h = l.geometry.outH;
        w = l.geometry.outW;
        const ConvGeometry& g = l.geometry;
        // oneDNN's weights are [out, in, kh, kw] for both kinds; LibTorch's transposed ones are [in, out, kh, kw].
        const memory::desc torchWeights({g.outC, g.inC, g.kH, g.kW}, kF32, spec.transposed ? ConvTag::iohw : ConvTag::oihw);
        l.weights = memory(torchWeights, convEngine(), spec.weight.data_ptr());
        if (impl_->training) {
            l.weightGrad = torch::zeros_like(spec.weight);
            l.biasGrad = torch::zeros_like(spec.bias);
            l.weightGradMem = memory(torchWeights, convEngine(), l.weightGrad.data_ptr());
        }
        l.bias = memory(memory::desc({g.outC}, kF32, ConvTag::x), convEngine(), spec.bias.data_ptr());
        l.spec = std::move(spec);
        impl_->layers.push_back(std::move(l));
    }
}

ConvStack::~ConvStack() = default;

std::vector<std::int64_t> ConvStack::outputShape() const
{
    using namespace conv_detail;
    const ConvGeometry& g = impl_->layers.back().geometry;
    return {g.outC, g.outH, g.outW};
}

std::int64_t ConvStack::inWidth() const
{
    return impl_->inC * impl_->inH * impl_->inW;
}

std::int64_t ConvStack::outWidth() const
{
    using namespace conv_detail;
    const ConvGeometry& g = impl_->layers.back().geometry;
    return g.outC * g.outH * g.outW;
}

ConvStack::Impl::Plan& ConvStack::Impl::planFor(std::int64_t batch)
{
    auto it = plans.find(batch);
    if (it == plans.end()) {
        if (plans.size() >= kMaxPlans)
            plans.erase(std::min_element(plans.begin(), plans.end(), [](const auto& a, const auto& b) {
                return a.second->lastUse < b.second->lastUse;
            }));
        it = plans.emplace(batch, makePlan(batch)).first;
    }
    it->second->lastUse = ++uses;
    return *it->second;
}

std::unique_ptr<ConvStack::Impl::Plan> ConvStack::Impl::makePlan(std::int64_t batch)
{
    using namespace conv_detail;
    auto plan = std::make_unique<Plan>();
    const std::size_t n = layers.size();
    plan->layers.resize(n);
    for (std::size_t k = 0; k < n; ++k)
        makeLayerPrimitives(plan->layers[k], layers[k].geometry, batch, layers[k].spec.transposed, !training);

    // The block's ends, flat NCHW rows; the tensors behind them are bound at each call (the output is ours).
    const ConvGeometry& first = layers.front().geometry;
    const ConvGeometry& last = layers.back().geometry;
    const memory::desc inRows({batch, first.inC, first.inH, first.inW}, kF32, ConvTag::nchw);
    const memory::desc outRows({batch, last.outC, last.outH, last.outW}, kF32, ConvTag::nchw);
    plan->out = torch::empty({batch, last.outC * last.outH * last.outW});
    plan->in = memory(inRows, convEngine(), DNNL_MEMORY_NONE);
    plan->outRows = memory(outRows, convEngine(), plan->out.data_ptr());
    plan->gradOut = memory(outRows, convEngine(), DNNL_MEMORY_NONE);
    plan->gradIn = memory(inRows, convEngine(), DNNL_MEMORY_NONE);

    dnnl::primitive_attr accumulate;
    {
        dnnl::post_ops sum;
        sum.append_sum(1.0f);
        accumulate.set_post_ops(sum);
    }
    std::size_t scratchBytes = 0;
    std::int64_t biasWidth = 0;
    for (std::size_t k = 0; k < n; ++k) {
        LayerPlan& p = plan->layers[k];
        const Layer& l = layers[k];
        // The last forward writes the block's output itself where it writes plain NCHW, and the first backward
        // data pass writes the input gradient itself likewise.
        p.dst = k + 1 == n && p.dstMd == outRows ? plan->outRows : memory(p.dstMd, convEngine());
        const memory::desc& src = k == 0 ? inRows : plan->layers[k - 1].dstMd;
        p.toSrc = Handoff(src, p.srcMd);
        p.toFwdWeights = Handoff(l.weights.get_desc(), p.weightsMd);
        if (p.addBias) {
            p.biasRows = memory(memory::desc({1, l.geometry.outC, 1, 1}, kF32, ConvTag::nchw), convEngine(),
                                DNNL_MEMORY_NONE);
            p.toBias = Handoff(p.biasRows.get_desc(), p.biasMd);
        }
        for (const auto* md : {&p.fwdScratchMd, &p.addBiasScratchMd})
            scratchBytes = std::max(scratchBytes, md->get_size());
        if (!training)
            continue;
        p.diffSrc = k == 0 && p.diffSrcMd == inRows ? plan->gradIn : memory(p.diffSrcMd, convEngine());
        p.diffWeights = memory(p.diffWeightsMd, convEngine());
        biasWidth += l.geometry.outC;
        const memory::desc& gradOut = k + 1 == n ? outRows : plan->layers[k + 1].diffSrcMd;
        const memory::desc& gradAtDst = l.spec.relu ? p.dstMd : gradOut;
        if (l.spec.relu) {
            p.toReluGrad = Handoff(gradOut, p.dstMd);
            p.reluBwd = reluBackward(p.dstMd);
        }
        p.toWeightsSrc = Handoff(src, p.wSrcMd);
        p.toWeightsDiffDst = Handoff(gradAtDst, p.wDiffDstMd);
        p.toDataDiffDst = Handoff(gradAtDst, p.dataDiffDstMd);
        p.toDataWeights = Handoff(p.weightsMd, p.dataWeightsMd);
        p.addWeightGrad = Handoff(p.diffWeightsMd, l.weightGradMem, accumulate);
        for (const auto* md : {&p.dataScratchMd, &p.weightsScratchMd})
            scratchBytes = std::max(scratchBytes, md->get_size());
    }
    plan->toOut = Handoff(plan->layers.back().dstMd, plan->outRows);
    if (training)
        plan->toGradIn = Handoff(plan->layers.front().diffSrcMd, plan->gradIn);

    plan->scratch = torch::empty({static_cast<std::int64_t>(scratchBytes) + 64}, torch::kUInt8);
    plan->biasGrads = torch::empty({biasWidth});
    std::int64_t biasOffset = 0;
    for (std::size_t k = 0; k < n; ++k) {
        LayerPlan& p = plan->layers[k];
        void* scratch = plan->scratch.data_ptr();
        p.fwdScratch = memory(p.fwdScratchMd, convEngine(), scratch);
        p.addBiasScratch = memory(p.addBiasScratchMd, convEngine(), scratch);
        if (!training)
            continue;
        p.dataScratch = memory(p.dataScratchMd, convEngine(), scratch);
        p.weightsScratch = memory(p.weightsScratchMd, convEngine(), scratch);
        const memory::desc biasMd({layers[k].geometry.outC}, kF32, ConvTag::x);
        p.diffBias = memory(biasMd, convEngine(), plan->biasGrads.data_ptr<float>() + biasOffset);
        biasOffset += layers[k].geometry.outC;
    }
    return plan;
}

torch::Tensor ConvStack::forward(const torch::Tensor& in)
{
    using namespace conv_detail;
    const std::int64_t batch = in.size(0);
    if (batch == 0)
        return torch::empty({0, outWidth()});
    Impl& m = *impl_;
    Impl::Plan& plan = m.planFor(batch);
    const torch::Tensor rows = denseRows(in, inWidth());
    plan.in.set_data_handle(rows.data_ptr());
    memory x = plan.in;
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        Impl::Layer& l = m.layers[k];
        LayerPlan& p = plan.layers[k];
        l.weights.set_data_handle(l.spec.weight.data_ptr());
        l.bias.set_data_handle(l.spec.bias.data_ptr());
        const memory src = p.toSrc(m.stream, x);
        p.fwdWeights = p.toFwdWeights(m.stream, l.weights);
        p.fwd.execute(m.stream, {{DNNL_ARG_SRC, src},
                                 {DNNL_ARG_WEIGHTS, p.fwdWeights},
                                 {DNNL_ARG_BIAS, l.bias},
                                 {DNNL_ARG_DST, p.dst},
                                 {DNNL_ARG_SCRATCHPAD, p.fwdScratch}});
        if (p.addBias) {
            p.biasRows.set_data_handle(l.spec.bias.data_ptr());
            p.addBias.execute(m.stream, {{DNNL_ARG_SRC_0, p.dst},
                                         {DNNL_ARG_SRC_1, p.toBias(m.stream, p.biasRows)},
                                         {DNNL_ARG_DST, p.dst},
                                         {DNNL_ARG_SCRATCHPAD, p.addBiasScratch}});
        }
        if (l.spec.relu) {
            m.stream.wait();
            reluKeepingNaN(p.dst);
        }
        x = p.dst;
    }
    plan.toOut(m.stream, x);
    m.stream.wait();
    return plan.out;
}

void ConvStack::backward(const torch::Tensor& in, const torch::Tensor& gradOut, const torch::Tensor& gradIn)
{
    using namespace conv_detail;
    const std::int64_t batch = in.size(0);
    if (batch == 0)
        return;
    Impl& m = *impl_;
    TORCH_CHECK(m.training, "ConvStack::backward on a stack built for inference");
    auto found = m.plans.find(batch);
    TORCH_CHECK(found != m.plans.end(), "ConvStack::backward without a forward at this batch size");
    Impl::Plan& plan = *found->second;
    const torch::Tensor rows = denseRows(in, inWidth());
    const torch::Tensor g0 = denseRows(gradOut, outWidth());
    // The input gradient lands in gradIn itself where its rows are dense, in a buffer copied over otherwise.
    torch::Tensor gradInRows;
    if (gradIn.defined()) {
        TORCH_CHECK(gradIn.size(0) == batch && gradIn.numel() == batch * inWidth(), "ConvStack: gradIn's shape");
        const bool dense = gradIn.dim() == 2 && gradIn.stride(1) == 1 && (gradIn.stride(0) == inWidth() || batch == 1);
        gradInRows = dense ? gradIn : torch::empty({batch, inWidth()});
        plan.gradIn.set_data_handle(gradInRows.data_ptr());
    }
    plan.in.set_data_handle(rows.data_ptr());
    plan.gradOut.set_data_handle(g0.data_ptr());

    memory g = plan.gradOut;
    for (std::size_t k = m.layers.size(); k-- > 0;) {
        Impl::Layer& l = m.layers[k];
        LayerPlan& p = plan.layers[k];
        if (l.spec.relu) {
            g = p.toReluGrad(m.stream, g);
            p.reluBwd.execute(m.stream, {{DNNL_ARG_DST, p.dst}, {DNNL_ARG_DIFF_DST, g}, {DNNL_ARG_DIFF_SRC, g}});
        }
        const memory src = p.toWeightsSrc(m.stream, k == 0 ? plan.in : plan.layers[k - 1].dst);
        const memory gw = p.toWeightsDiffDst(m.stream, g);
        p.bwdWeights.execute(m.stream, {{DNNL_ARG_SRC, src},
                                        {DNNL_ARG_DIFF_DST, gw},
                                        {DNNL_ARG_DIFF_WEIGHTS, p.diffWeights},
                                        {DNNL_ARG_DIFF_BIAS, p.diffBias},
                                        {DNNL_ARG_SCRATCHPAD, p.weightsScratch}});
        l.weightGradMem.set_data_handle(l.weightGrad.data_ptr());
        p.addWeightGrad(m.stream, p.diffWeights);
        m.stream.wait();
        {
            float* sum = l.biasGrad.data_ptr<float>();
            const float* add = static_cast<const float*>(p.diffBias.get_data_handle());
            for (std::int64_t c = 0; c < l.biasGrad.numel(); ++c)
                sum[c] += add[c];
        }
        if (k == 0 && !gradIn.defined())
            break;
        const memory gd = p.toDataDiffDst(m.stream, g);
        const memory w = p.toDataWeights(m.stream, p.fwdWeights);
        p.bwdData.execute(m.stream, {{DNNL_ARG_DIFF_DST, gd},
                                     {DNNL_ARG_WEIGHTS, w},
                                     {DNNL_ARG_DIFF_SRC, p.diffSrc},
                                     {DNNL_ARG_SCRATCHPAD, p.dataScratch}});
        g = p.diffSrc;
    }
    if (gradIn.defined()) {
        plan.toGradIn(m.stream, g);
        m.stream.wait();
        if (!gradInRows.is_same(gradIn))
            gradIn.copy_(gradInRows.view(gradIn.sizes()));
    }
    m.stream.wait();
}

std::vector<ParameterGrad> ConvStack::parameters()
{
    std::vector<ParameterGrad> out;
    if (!impl_->training)
        return out;
    for (Impl::Layer& l : impl_->layers) {
        out.push_back({l.spec.weight, l.weightGrad});
        out.push_back({l.spec.bias, l.biasGrad});
    }
    return out;
}

} // namespace latentlab::fused
