<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ProjectionText</name>
    <message>
        <source>%1-d latents</source>
        <translation>%1 维潜变量</translation>
    </message>
    <message>
        <source>the 2-d latent itself</source>
        <translation>二维潜变量本身</translation>
    </message>
    <message>
        <source>dims %1,%2 of %3</source>
        <translation>%3 的第 %1、%2 维</translation>
    </message>
    <message>
        <source>PCA of %1 (%2% of variance)</source>
        <translation>%1 的 PCA（%2% 方差）</translation>
    </message>
    <message>
        <source>stopped at iteration %1 of %2</source>
        <translation>在第 %1/%2 次迭代停止</translation>
    </message>
    <message>
        <source>%1/%2 iterations</source>
        <translation>%1/%2 次迭代</translation>
    </message>
    <message>
        <source>t-SNE of %1 (perplexity %2, %3)</source>
        <translation>%1 的 t-SNE（困惑度 %2，%3）</translation>
    </message>
    <message>
        <source>stopped at epoch %1 of %2</source>
        <translation>在第 %1/%2 轮停止</translation>
    </message>
    <message>
        <source>%1/%2 epochs</source>
        <translation>%1/%2 轮</translation>
    </message>
    <message>
        <source>UMAP of %1 (%2 neighbours, min_dist %3, %4, %5)</source>
        <translation>%1 的 UMAP（%2 个近邻，min_dist %3，%4，%5）</translation>
    </message>
    <message>
        <source>the layout imported from %1</source>
        <translation>从 %1 导入的布局</translation>
    </message>
    <message>
        <source>custom axes of %1 (%2)</source>
        <translation>%1 的自定义坐标轴（%2）</translation>
    </message>
    <message>
        <source>%1 of %2 points (a subset)</source>
        <translation>%2 个点中的 %1 个（子集）</translation>
    </message>
    <message>
        <source>all %1 points</source>
        <translation>全部 %1 个点</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 images</source>
        <translation>%1 张图像</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 features</source>
        <translation>%1 个特征</translation>
    </message>
    <message>
        <source>%1 train · %2 test (as shipped)</source>
        <translation>训练 %1 · 测试 %2（数据自带）</translation>
    </message>
    <message>
        <source>%1 train · %2 validation (seed %3)</source>
        <translation>训练 %1 · 验证 %2（种子 %3）</translation>
    </message>
    <message>
        <source>%1 classes</source>
        <translation>%1 个类别</translation>
    </message>
    <message>
        <source>no labels</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>Train: %1
Test: %2</source>
        <translation>训练：%1
测试：%2</translation>
    </message>
</context>
<context>
    <name>SetChoice</name>
    <message>
        <source>Choose a set at each end of the x axis: a class, or a named set of samples.</source>
        <translation>为 x 轴的两端各选一个集合：一个类别，或一个命名的样本集合。</translation>
    </message>
    <message>
        <source>Choose a set at each end of the y axis.</source>
        <translation>为 y 轴的两端各选一个集合。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::AnomalyGallery</name>
    <message>
        <source>%1 · #%2</source>
        <translation>%1 · #%2</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::AnomalyView</name>
    <message>
        <source>Reconstruction MSE</source>
        <translation>重建 MSE</translation>
    </message>
    <message>
        <source>Reconstruction BCE</source>
        <translation>重建 BCE</translation>
    </message>
    <message>
        <source>-ELBO</source>
        <translation>-ELBO</translation>
    </message>
    <message>
        <source>all classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>The classes the model learned as normal, e.g. 0, 2, 3: the others are the known anomalies, for the ROC curve, and the threshold comes from the normal ones</source>
        <translation>模型作为正常类别学习的类别，例如 0, 2, 3：其余类别是已知的异常，用于 ROC 曲线；阈值由正常类别得出</translation>
    </message>
    <message>
        <source>mean + k std</source>
        <translation>均值 + k 倍标准差</translation>
    </message>
    <message>
        <source>percentile</source>
        <translation>百分位数</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Flagged samples as CSV…</source>
        <translation>将标记的样本导出为 CSV…</translation>
    </message>
    <message>
        <source>Gallery page as PNG…</source>
        <translation>将当前图库页导出为 PNG…</translation>
    </message>
    <message>
        <source>Histogram as PNG…</source>
        <translation>将直方图导出为 PNG…</translation>
    </message>
    <message>
        <source>ROC curve as PNG…</source>
        <translation>将 ROC 曲线导出为 PNG…</translation>
    </message>
    <message>
        <source>Normal classes</source>
        <translation>正常类别</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Most anomalous in</source>
        <translation>最异常的样本，范围</translation>
    </message>
    <message>
        <source>Clear region</source>
        <translation>清除区域</translation>
    </message>
    <message>
        <source>Shift + drag on the Explorer&apos;s scatter chooses a region</source>
        <translation>在“探索”的散点图上按住 Shift 拖动可选择一个区域</translation>
    </message>
    <message>
        <source>Scoring Failed</source>
        <translation>评分失败</translation>
    </message>
    <message>
        <source>Name the normal classes to see how well the scores separate the others.</source>
        <translation>填写正常类别，即可查看评分区分其他类别的效果。</translation>
    </message>
    <message>
        <source>every class</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>Train or open a model, then score every sample by how badly it is reconstructed.</source>
        <translation>训练或打开一个模型，然后按重建的差劲程度为每个样本评分。</translation>
    </message>
    <message>
        <source>There is no model to score with yet: train one or open one.</source>
        <translation>还没有可用于评分的模型：请训练或打开一个。</translation>
    </message>
    <message>
        <source>over the %1 held-out samples</source>
        <translation>基于 %1 个留出样本</translation>
    </message>
    <message>
        <source>%1 scores of %2 samples in %3 s; the threshold is the %4.</source>
        <translation>%2 个样本的%1评分，用时 %3 秒；阈值为 %4。</translation>
    </message>
    <message>
        <source>in a region of %1 samples</source>
        <translation>在包含 %1 个样本的区域内</translation>
    </message>
    <message>
        <source>There are no scores to export yet.</source>
        <translation>还没有可导出的评分。</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::AnomalyWorker</name>
    <message>
        <source>%1 (%2 training samples)</source>
        <translation>%1（%2 个训练样本）</translation>
    </message>
    <message>
        <source>feature %1</source>
        <translation>特征 %1</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::AttributePanel</name>
    <message>
        <source>Set A: the vector starts at the mean latent of its samples</source>
        <translation>集合 A：向量从其样本的平均潜变量出发</translation>
    </message>
    <message>
        <source>Set B: the vector ends at the mean latent of its samples</source>
        <translation>集合 B：向量终止于其样本的平均潜变量</translation>
    </message>
    <message>
        <source>From A</source>
        <translation>从 A</translation>
    </message>
    <message>
        <source>to B</source>
        <translation>到 B</translation>
    </message>
    <message>
        <source>The selected sample&apos;s latent plus the amount times the vector, decoded</source>
        <translation>所选样本的潜变量加上该数量乘以向量，解码后的结果</translation>
    </message>
    <message>
        <source>Amount of the vector added</source>
        <translation>所加向量的数量</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Strip from −2 to +2</source>
        <translation>从 −2 到 +2 的条带</translation>
    </message>
    <message>
        <source>Where the samples of A and B lie along the vector (the line: the selected sample, moved)</source>
        <translation>A 和 B 的样本沿向量的位置（竖线：移动后的所选样本）</translation>
    </message>
    <message>
        <source>Select a sample on the scatter to move its latent along the vector from A to B.</source>
        <translation>在散点图上选择一个样本，沿从 A 到 B 的向量移动其潜变量。</translation>
    </message>
    <message>
        <source>Sample %1: its latent plus the amount times (mean of B − mean of A).</source>
        <translation>样本 %1：其潜变量加上该数量乘以（B 的均值 − A 的均值）。</translation>
    </message>
    <message>
        <source>%1 × v</source>
        <translation>%1 × v</translation>
    </message>
    <message>
        <source>AUROC %1: how often a sample of B lies further along the vector than one of A (1: they separate completely, 0.5: no better than chance). |v| = %2.</source>
        <translation>AUROC %1：B 的样本沿向量比 A 的样本更远的概率（1：完全分开，0.5：不比随机好）。|v| = %2。</translation>
    </message>
    <message>
        <source>Export Attribute Strip</source>
        <translation>导出属性条带</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write the strip to %1.</source>
        <translation>无法将条带写入 %1。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::AxesBar</name>
    <message>
        <source>Principal component ⟂ x</source>
        <translation>与 x 正交的主成分</translation>
    </message>
    <message>
        <source>x = 0 at the mean latent of this set</source>
        <translation>x = 0 位于此集合的平均潜变量处</translation>
    </message>
    <message>
        <source>x = 1 at the mean latent of this set</source>
        <translation>x = 1 位于此集合的平均潜变量处</translation>
    </message>
    <message>
        <source>y = 0 at the mean latent of this set, or y along the first principal component of the latents orthogonal to x</source>
        <translation>y = 0 位于此集合的平均潜变量处，或 y 沿与 x 正交的潜变量第一主成分</translation>
    </message>
    <message>
        <source>y = 1 at the mean latent of this set</source>
        <translation>y = 1 位于此集合的平均潜变量处</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::BookmarkButton</name>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Keep this view (layout, zoom, colouring, hidden classes, selection, probe) and return to it</source>
        <translation>保存当前视图（布局、缩放、着色、隐藏的类别、选择、探针），之后一键返回</translation>
    </message>
    <message>
        <source>Bookmark This View…</source>
        <translation>将此视图加入书签…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::CodeUsageBars</name>
    <message>
        <source>Codebook: %1 of %2 codes used, %3 dead</source>
        <translation>码本：%2 个码中使用了 %1 个，%3 个未被使用</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::CommandLine</name>
    <message>
        <source>Train autoencoders and explore their latent space.</source>
        <translation>训练自编码器并探索其潜在空间。</translation>
    </message>
    <message>
        <source>Show this help and quit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Show the version (and Qt&apos;s and LibTorch&apos;s) and quit.</source>
        <translation>显示版本（以及 Qt 和 LibTorch 的版本）并退出。</translation>
    </message>
    <message>
        <source>Model checkpoint to open.</source>
        <translation>要打开的模型检查点。</translation>
    </message>
    <message>
        <source>Session file to restore.</source>
        <translation>要恢复的会话文件。</translation>
    </message>
    <message>
        <source>View to show first: %1.</source>
        <translation>首先显示的视图：%1。</translation>
    </message>
    <message>
        <source>Dataset to open (an IDX, .npy or CSV/TSV file, or a folder), or a session (.latentlab).</source>
        <translation>要打开的数据集（IDX、.npy 或 CSV/TSV 文件，或文件夹），或会话（.latentlab）。</translation>
    </message>
    <message>
        <source>Give one file, a dataset or a session; also given: %1.</source>
        <translation>请只给出一个文件（数据集或会话）；多给了：%1。</translation>
    </message>
    <message>
        <source>Give one session: %1 and --session %2 are two.</source>
        <translation>请只给出一个会话：%1 和 --session %2 是两个。</translation>
    </message>
    <message>
        <source>Unknown view &quot;%1&quot; (expected %2).</source>
        <translation>未知视图“%1”（应为 %2）。</translation>
    </message>
    <message>
        <source>%1 (latentlab --help lists the options)</source>
        <translation>%1（latentlab --help 列出所有选项）</translation>
    </message>
    <message>
        <source>There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); latentlab-cli does every job without one.</source>
        <translation>没有可用来打开窗口的显示（DISPLAY 和 WAYLAND_DISPLAY 都未设置）；latentlab-cli 无需显示即可完成所有任务。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ComparisonView</name>
    <message>
        <source>Nothing to show</source>
        <translation>无可显示内容</translation>
    </message>
    <message>
        <source>Tick two to four models in the table and press Compare: their curves, reconstructions, samples, interpolations and aligned latent spaces appear here side by side.</source>
        <translation>在表格中勾选二到四个模型并点击“比较”：它们的曲线、重建、采样、插值和对齐后的隐空间将在这里并排显示。</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>项：</translation>
    </message>
    <message>
        <source>The loss term every model&apos;s curve shows: per step (lines) and on the validation part per epoch (dots)</source>
        <translation>每个模型曲线显示的损失项：按步（线）以及每轮在验证部分上的值（点）</translation>
    </message>
    <message>
        <source>Latent spaces, aligned</source>
        <translation>对齐后的隐空间</translation>
    </message>
    <message>
        <source>The same samples laid out by PCA in each model, turned, mirrored and scaled onto the first model&apos;s layout (orthogonal Procrustes). Hover or click a point: it lights up in every scatter.</source>
        <translation>同一批样本在每个模型中由 PCA 布局，再经旋转、镜像和缩放对齐到第一个模型的布局（正交 Procrustes）。悬停或点击一个点：它会在每个散点图中高亮。</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>%1 (the reference)</source>
        <translation>%1（参照）</translation>
    </message>
    <message>
        <source>%1 (residual %2)</source>
        <translation>%1（残差 %2）</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>%1, validation</source>
        <translation>%1，验证</translation>
    </message>
    <message>
        <source>No training record: %1 (a TorchScript model keeps none)</source>
        <translation>无训练记录：%1（TorchScript 模型不保存训练记录）</translation>
    </message>
    <message>
        <source>Reconstructions, samples and interpolations: the data is a table, whose rows have no picture.</source>
        <translation>重建、采样和插值：数据是表格，其行没有图像。</translation>
    </message>
    <message>
        <source>Reconstructions of the same %1 inputs of the %2 part</source>
        <translation>%2 部分中相同 %1 个输入的重建</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Samples from the prior, the same noise for every model</source>
        <translation>来自先验的采样，每个模型使用相同的噪声</translation>
    </message>
    <message>
        <source>Interpolation from sample %1 to sample %2</source>
        <translation>从样本 %1 到样本 %2 的插值</translation>
    </message>
    <message>
        <source>all samples</source>
        <translation>所有样本</translation>
    </message>
    <message>
        <source>Reconstruction error per class (MSE per value)</source>
        <translation>每类重建误差（每值 MSE）</translation>
    </message>
    <message>
        <source>KL per class (nats per sample)</source>
        <translation>每类 KL（每样本 nats）</translation>
    </message>
    <message>
        <source>%1 (nats)</source>
        <translation>%1（nats）</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>whole data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>Interpolate from sample</source>
        <translation>插值：从样本</translation>
    </message>
    <message>
        <source>to sample</source>
        <translation>到样本</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>Every model interpolates between these two samples (a click on a scatter point puts it in the first box)</source>
        <translation>每个模型都在这两个样本之间插值（点击散点图中的点会把它填入第一个框）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ConfusionMatrix</name>
    <message>
        <source>Rows: the label a sample has. Columns: the label the model suggests. Click a cell to see its samples; click it again to see all.</source>
        <translation>行：样本现有的标签。列：模型建议的标签。点击单元格查看其样本；再次点击查看全部。</translation>
    </message>
    <message>
        <source>Score the labels to see given against suggested.</source>
        <translation>为标签评分后，即可查看现有标签与建议标签的对照。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DatasetPanel</name>
    <message>
        <source>No dataset loaded</source>
        <translation>尚未加载数据集</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>Sample shape:</source>
        <translation>样本形状：</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Select a class to show only its samples in the gallery</source>
        <translation>选择一个类别，图库中只显示该类样本</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>换一批</translation>
    </message>
    <message>
        <source>Show other random samples</source>
        <translation>显示另一批随机样本</translation>
    </message>
    <message>
        <source>First %1 of %2 rows</source>
        <translation>前 %1 行（共 %2 行）</translation>
    </message>
    <message>
        <source>%1 random samples</source>
        <translation>%1 个随机样本</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>Keep only a slim summary here while this tab is in front, leaving the room to the tab</source>
        <translation>此标签页在前时这里只留一栏简要概况，把空间让给标签页</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>Show the classes and a preview here again while this tab is in front</source>
        <translation>此标签页在前时这里重新显示类别和预览</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DatasetTableModel</name>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DecodeWorker</name>
    <message>
        <source>Decoded at (%1, %2) after snapping to the nearest codes, as a VQ-VAE does.</source>
        <translation>在 (%1, %2) 处解码，先按 VQ-VAE 的做法对齐到最近的码。</translation>
    </message>
    <message>
        <source>z%1  KL %2</source>
        <translation>z%1  KL %2</translation>
    </message>
    <message>
        <source>z%1</source>
        <translation>z%1</translation>
    </message>
    <message>
        <source>The first %1 of %2 dimensions.</source>
        <translation>%2 个维度中的前 %1 个。</translation>
    </message>
    <message>
        <source>An imported layout has no inverse: this is the distance-weighted mean latent of the %1 nearest samples.</source>
        <translation>导入的布局没有逆映射：这是最近的 %1 个样本按距离加权的平均潜变量。</translation>
    </message>
    <message>
        <source>%1 has no inverse: this is the distance-weighted mean latent of the %2 nearest samples.</source>
        <translation>%1 没有逆映射：这是最近的 %2 个样本按距离加权的平均潜变量。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DuplicatesView</name>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <source>Exact copies only</source>
        <translation>仅完全相同的副本</translation>
    </message>
    <message>
        <source>Only samples whose values are the same bytes; needs no model</source>
        <translation>只找字节完全相同的样本；不需要模型</translation>
    </message>
    <message>
        <source>Default threshold</source>
        <translation>默认阈值</translation>
    </message>
    <message>
        <source>Back to the threshold LatentLab chooses from the distances&apos; histogram</source>
        <translation>恢复 LatentLab 根据距离直方图选定的阈值</translation>
    </message>
    <message>
        <source>Distance to the nearest other sample</source>
        <translation>到最近其他样本的距离</translation>
    </message>
    <message>
        <source>latent distance</source>
        <translation>隐空间距离</translation>
    </message>
    <message>
        <source>Every group</source>
        <translation>所有组</translation>
    </message>
    <message>
        <source>Groups that leak test into training</source>
        <translation>测试样本泄漏到训练集的组</translation>
    </message>
    <message>
        <source>Exact copies</source>
        <translation>完全相同的副本</translation>
    </message>
    <message>
        <source>Finding Duplicates Failed</source>
        <translation>查找重复失败</translation>
    </message>
    <message>
        <source>Train or open a model to find near-duplicates, or tick &quot;Exact copies only&quot;.</source>
        <translation>训练或打开模型以查找近似重复，或勾选“仅完全相同的副本”。</translation>
    </message>
    <message>
        <source>Open a dataset to look for duplicates and for test samples that leak into training.</source>
        <translation>打开数据集，查找重复样本以及泄漏到训练集的测试样本。</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复…</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>unsplit</source>
        <translation>未划分</translation>
    </message>
    <message>
        <source>near-duplicates not looked for</source>
        <translation>未查找近似重复</translation>
    </message>
    <message>
        <source>%1 groups of near-duplicates (latent distance at most %2%3)</source>
        <translation>%1 组近似重复（隐空间距离不超过 %2%3）</translation>
    </message>
    <message>
        <source>, the default</source>
        <translation>，默认值</translation>
    </message>
    <message>
        <source>%1 groups of exact copies, %2: %3 samples in groups. %4 test samples have a copy in training (%5 exact). Found in %6 s.</source>
        <translation>%1 组完全相同的副本，%2：共 %3 个样本在组中。%4 个测试样本在训练集中有副本（其中 %5 个完全相同）。用时 %6 秒。</translation>
    </message>
    <message>
        <source>group %1 · %2 samples%3</source>
        <translation>第 %1 组 · %2 个样本%3</translation>
    </message>
    <message>
        <source> · exact</source>
        <translation> · 完全相同</translation>
    </message>
    <message>
        <source>Export groups as CSV…</source>
        <translation>将各组导出为 CSV…</translation>
    </message>
    <message>
        <source>Export Duplicate Groups</source>
        <translation>导出重复组</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::DuplicatesWorker</name>
    <message>
        <source>Find the duplicates first.</source>
        <translation>请先查找重复。</translation>
    </message>
    <message>
        <source>Wrote %1 groups to %2</source>
        <translation>已将 %1 个组写入 %2</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ExplorerSelections</name>
    <message>
        <source>Neighbours</source>
        <translation>近邻</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>Exporting… %1%</source>
        <translation>正在导出… %1%</translation>
    </message>
    <message>
        <source>Wrote %1 rows and %2 images into %3.</source>
        <translation>已将 %1 行和 %2 张图像写入 %3。</translation>
    </message>
    <message>
        <source>Wrote %1 rows into %2.</source>
        <translation>已将 %1 行写入 %2。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The export was stopped; the files written so far stay in the folder.</source>
        <translation>导出已停止；已写入的文件保留在文件夹中。</translation>
    </message>
    <message>
        <source>There is no selection to keep: draw one on the scatter first.</source>
        <translation>没有可保留的选区：请先在散点图上画出一个选区。</translation>
    </message>
    <message>
        <source>A set needs a name.</source>
        <translation>集合需要一个名称。</translation>
    </message>
    <message>
        <source>A set named “%1” exists already: choose another name.</source>
        <translation>名为“%1”的集合已存在：请换一个名称。</translation>
    </message>
    <message>
        <source>Keep the Selection</source>
        <translation>保留选区</translation>
    </message>
    <message>
        <source>Kept “%1”: %2 samples.</source>
        <translation>已保留“%1”：%2 个样本。</translation>
    </message>
    <message>
        <source>Exporting %1 samples into %2…</source>
        <translation>正在将 %1 个样本导出到 %2…</translation>
    </message>
    <message>
        <source>Name of the set:</source>
        <translation>集合名称：</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选区</translation>
    </message>
    <message>
        <source>selection</source>
        <translation>选区</translation>
    </message>
    <message>
        <source>Export the Selection into a New Folder</source>
        <translation>将选区导出到新文件夹</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ExplorerView</name>
    <message>
        <source>Train or open a model to see every sample in its latent space.</source>
        <translation>训练或打开一个模型，即可在其潜空间中看到每个样本。</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>Traversal</source>
        <translation>遍历</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>Encoding %p%</source>
        <translation>编码中 %p%</translation>
    </message>
    <message>
        <source>The layout failed: %1</source>
        <translation>布局失败：%1</translation>
    </message>
    <message>
        <source>Layout Failed</source>
        <translation>布局失败</translation>
    </message>
    <message>
        <source>Opened %1 for exploration</source>
        <translation>已打开 %1 用于探索</translation>
    </message>
    <message>
        <source>The model was not opened</source>
        <translation>模型未能打开</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Train or open a model to explore its latent space.</source>
        <translation>训练或打开一个模型以探索其潜空间。</translation>
    </message>
    <message>
        <source> · model at step %1</source>
        <translation> · 模型处于第 %1 步</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Colour by class</source>
        <translation>按类别着色</translation>
    </message>
    <message>
        <source>Colour by anomaly score</source>
        <translation>按异常评分着色</translation>
    </message>
    <message>
        <source>Anomaly scores come from the Anomalies tab; points above its threshold are outlined</source>
        <translation>异常评分来自“异常”标签页；高于其阈值的点会加上轮廓</translation>
    </message>
    <message>
        <source>Imported the layout in %1</source>
        <translation>已导入 %1 中的布局</translation>
    </message>
    <message>
        <source>The layout was not imported: %1</source>
        <translation>布局未导入：%1</translation>
    </message>
    <message>
        <source>Layout Not Imported</source>
        <translation>布局未导入</translation>
    </message>
    <message>
        <source>%1, so the explorer shows PCA instead.</source>
        <translation>%1，因此浏览器改为显示 PCA。</translation>
    </message>
    <message>
        <source>Imported Layout Not Shown</source>
        <translation>未显示导入的布局</translation>
    </message>
    <message>
        <source>Bookmark This View</source>
        <translation>将此视图加入书签</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>视图 %1</translation>
    </message>
    <message>
        <source>Bookmark “%1”</source>
        <translation>书签“%1”</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>%1 has no samples now: the axes stay as they were.</source>
        <translation>%1 现在没有样本：坐标轴保持不变。</translation>
    </message>
    <message>
        <source>Colour by label suspicion</source>
        <translation>按标签可疑度着色</translation>
    </message>
    <message>
        <source>Colour by nearest-sample distance</source>
        <translation>按最近样本距离着色</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ExportModelDialog</name>
    <message>
        <source>Export Model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>PyTorch: model.py (a plain nn.Module) and weights.pt</source>
        <translation>PyTorch：model.py（一个普通的 nn.Module）和 weights.pt</translation>
    </message>
    <message>
        <source>ONNX: encoder.onnx and decoder.onnx (opset 13)</source>
        <translation>ONNX：encoder.onnx 和 decoder.onnx（opset 13）</translation>
    </message>
    <message>
        <source>With the anomaly scorer (scorer.onnx)</source>
        <translation>附带异常评分器（scorer.onnx）</translation>
    </message>
    <message>
        <source>Scores by %1 and flags samples above %2 (%3), as the Anomalies tab does now.</source>
        <translation>按 %1 评分，并标记高于 %2 的样本（%3），与“异常”标签页当前的做法相同。</translation>
    </message>
    <message>
        <source>Score the samples in the Anomalies tab first: the scorer takes its score and threshold.</source>
        <translation>请先在“异常”标签页为样本评分：评分器会采用其评分方式和阈值。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The folder must be new or empty; nothing in it is ever replaced.</source>
        <translation>文件夹必须是新的或空的；其中的任何文件都不会被替换。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Export Into</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::GalleryView</name>
    <message>
        <source>Small</source>
        <translation>小</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>上一页（Page Up）</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>下一页（Page Down）</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Thumbnails:</source>
        <translation>缩略图：</translation>
    </message>
    <message>
        <source>All classes (%1)</source>
        <translation>全部类别（%1）</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2，共 %3</translation>
    </message>
    <message>
        <source>No samples</source>
        <translation>没有样本</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ImageGridView</name>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save Failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Could not write the images to %1.</source>
        <translation>无法将图像写入 %1。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::InteropMenu</name>
    <message>
        <source>Import &amp;Layout…</source>
        <translation>导入布局(&amp;L)…</translation>
    </message>
    <message>
        <source>Show a 2-D layout computed elsewhere (CSV with index, x, y, or an N x 2 .npy) in the explorer</source>
        <translation>在浏览器中显示在别处计算的二维布局（含 index、x、y 列的 CSV，或 N x 2 的 .npy）</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>For the &amp;Embedding Projector…</source>
        <translation>用于 Embedding Projector(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the latents, labels and thumbnails into a folder for TensorBoard&apos;s Embedding Projector</source>
        <translation>将潜变量、标签和缩略图写入文件夹，供 TensorBoard 的 Embedding Projector 使用</translation>
    </message>
    <message>
        <source>Nothing was exported to %1</source>
        <translation>没有导出任何内容到 %1</translation>
    </message>
    <message>
        <source>Not Exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>Import Layout</source>
        <translation>导入布局</translation>
    </message>
    <message>
        <source>Layouts (*.csv *.tsv *.npy);;All files (*)</source>
        <translation>布局 (*.csv *.tsv *.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the layout in %1 …</source>
        <translation>正在读取 %1 中的布局…</translation>
    </message>
    <message>
        <source>Export for the Embedding Projector</source>
        <translation>导出到 Embedding Projector</translation>
    </message>
    <message>
        <source>Exporting for the Embedding Projector to %1 …</source>
        <translation>正在为 Embedding Projector 导出到 %1 …</translation>
    </message>
    <message>
        <source>&amp;Model for PyTorch or ONNX…</source>
        <translation>供 PyTorch 或 ONNX 使用的模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Write the explored model as PyTorch source and weights, or as ONNX files with an optional anomaly scorer</source>
        <translation>将正在探索的模型写成 PyTorch 源码和权重，或写成 ONNX 文件（可附带异常评分器）</translation>
    </message>
    <message>
        <source>Model Not Exported</source>
        <translation>模型未导出</translation>
    </message>
    <message>
        <source>Exporting the model to %1 …</source>
        <translation>正在将模型导出到 %1 …</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::InterpolationPanel</name>
    <message>
        <source>Use selected</source>
        <translation>使用所选</translation>
    </message>
    <message>
        <source>From sample</source>
        <translation>起始样本</translation>
    </message>
    <message>
        <source>To sample</source>
        <translation>目标样本</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Spherical</source>
        <translation>球面</translation>
    </message>
    <message>
        <source>Along the great circle (slerp): under a Gaussian prior the straight line&apos;s middle passes where the decoder saw few latents</source>
        <translation>沿大圆插值（slerp）：在高斯先验下，直线的中段经过解码器很少见到的潜变量区域</translation>
    </message>
    <message>
        <source>Save strip as PNG…</source>
        <translation>将序列保存为 PNG…</translation>
    </message>
    <message>
        <source>Save Interpolation</source>
        <translation>保存插值</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::KlChart</name>
    <message>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>collapsed (below %1 nats)</source>
        <translation>坍缩（低于 %1 nats）</translation>
    </message>
    <message>
        <source>Latent dimension</source>
        <translation>隐变量维度</translation>
    </message>
    <message>
        <source>KL (nats)</source>
        <translation>KL（nats）</translation>
    </message>
    <message>
        <source>No KL for this model</source>
        <translation>此模型没有 KL 项</translation>
    </message>
    <message>
        <source>KL per latent dimension: %1 of %2 active</source>
        <translation>各隐变量维度的 KL：%2 维中 %1 维活跃</translation>
    </message>
    <message>
        <source>%1 of %2 dimensions active</source>
        <translation>%2 维中 %1 维活跃</translation>
    </message>
    <message>
        <source>Dimension %1: %2 nats, collapsed (below %3 nats)</source>
        <translation>第 %1 维：%2 nats，已坍缩（低于 %3 nats）</translation>
    </message>
    <message>
        <source>Dimension %1: %2 nats, active</source>
        <translation>第 %1 维：%2 nats，活跃</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::LabelsView</name>
    <message>
        <source>Neighbours&apos; labels</source>
        <translation>邻居的标签</translation>
    </message>
    <message>
        <source>Conditional VAE&apos;s preference</source>
        <translation>条件 VAE 的偏好</translation>
    </message>
    <message>
        <source>Neighbours: the share of a sample&apos;s nearest samples in latent space that carry another label (any model). Conditional: how much better another class explains the sample than its own label (a conditional VAE).</source>
        <translation>邻居：样本在隐空间中最近的样本里带有其他标签的比例（任何模型）。条件：另一类别比其自身标签能更好地解释该样本的程度（条件 VAE）。</translation>
    </message>
    <message>
        <source>training samples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>test samples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>every sample</source>
        <translation>所有样本</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Suspects and decisions as CSV…</source>
        <translation>可疑样本及决定导出为 CSV…</translation>
    </message>
    <message>
        <source>Relabelled labels…</source>
        <translation>重新标注后的标签…</translation>
    </message>
    <message>
        <source>Score by</source>
        <translation>评分方式</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>over</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>&lt;b&gt;Given&lt;/b&gt; (rows) against &lt;b&gt;suggested&lt;/b&gt; (columns)</source>
        <translation>&lt;b&gt;现有标签&lt;/b&gt;（行）对照&lt;b&gt;建议标签&lt;/b&gt;（列）</translation>
    </message>
    <message>
        <source>Suspects only</source>
        <translation>仅可疑样本</translation>
    </message>
    <message>
        <source>Only the samples the model would label otherwise</source>
        <translation>只显示模型会给出其他标签的样本</translation>
    </message>
    <message>
        <source>Keep label</source>
        <translation>保留标签</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>重新标注为</translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>Scoring Failed</source>
        <translation>评分失败</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Open a labelled dataset and a model to find the samples whose label looks wrong.</source>
        <translation>打开带标签的数据集和模型，查找标签看起来有误的样本。</translation>
    </message>
    <message>
        <source>This dataset has no labels, so there are none to check.</source>
        <translation>此数据集没有标签，因此无可检查。</translation>
    </message>
    <message>
        <source>Train or open a model to score the labels.</source>
        <translation>训练或打开模型以为标签评分。</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>正在评分…</translation>
    </message>
    <message>
        <source>%1 of %2 %3 look mislabelled (%4%5), scored in %6 s.</source>
        <translation>%2 个%3中有 %1 个看起来标签有误（%4%5），评分用时 %6 秒。</translation>
    </message>
    <message>
        <source>conditional VAE</source>
        <translation>条件 VAE</translation>
    </message>
    <message>
        <source>%1 neighbours</source>
        <translation>%1 个邻居</translation>
    </message>
    <message>
        <source>%1 samples labelled %2 that the model calls %3. Click the cell again to see all.</source>
        <translation>%1 个标为 %2 而模型认为是 %3 的样本。再次点击单元格查看全部。</translation>
    </message>
    <message>
        <source>Click a cell to see its samples.</source>
        <translation>点击单元格查看其样本。</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source> · relabel: %1</source>
        <translation> · 重新标注：%1</translation>
    </message>
    <message>
        <source> · kept</source>
        <translation> · 已保留</translation>
    </message>
    <message>
        <source>%1 · #%2%3</source>
        <translation>%1 · #%2%3</translation>
    </message>
    <message>
        <source>Click a sample to decide on its label.</source>
        <translation>点击样本以决定其标签。</translation>
    </message>
    <message>
        <source>#%1: labelled %2, the model suggests %3</source>
        <translation>#%1：标为 %2，模型建议 %3</translation>
    </message>
    <message>
        <source>%1 kept, %2 relabelled</source>
        <translation>保留 %1 个，重新标注 %2 个</translation>
    </message>
    <message>
        <source>Nothing to Export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>Score the labels first.</source>
        <translation>请先为标签评分。</translation>
    </message>
    <message>
        <source>Cannot Write the Labels Back</source>
        <translation>无法写回标签</translation>
    </message>
    <message>
        <source>Nothing Relabelled</source>
        <translation>没有重新标注的样本</translation>
    </message>
    <message>
        <source>Choose &quot;Relabel as&quot; on the samples to change first; the export writes every label with those changes.</source>
        <translation>请先在要更改的样本上选择“重新标注为”；导出会写出所有标签并包含这些更改。</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出%1</translation>
    </message>
    <message>
        <source>Export Suspects</source>
        <translation>导出可疑样本</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>How many neighbours; auto: 50, or a quarter of the smallest class where that is less</source>
        <translation>邻居数量；自动：50，若最小类别的四分之一更小则取该值</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::LabelsWorker</name>
    <message>
        <source>Score the labels first.</source>
        <translation>请先为标签评分。</translation>
    </message>
    <message>
        <source>Wrote %1 suspects to %2</source>
        <translation>已将 %1 个可疑样本写入 %2</translation>
    </message>
    <message>
        <source>Wrote the labels with %1 changed to %2</source>
        <translation>已将标签（更改了 %1 个）写入 %2</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::Language</name>
    <message>
        <source>System (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::LossChart</name>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Exponential moving average of the per-step curves, as in TensorBoard</source>
        <translation>对逐步曲线做指数移动平均（同 TensorBoard）</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>validation %1</source>
        <translation>验证 %1</translation>
    </message>
    <message>
        <source>Loss (nats)</source>
        <translation>损失（nats）</translation>
    </message>
    <message>
        <source>Export Loss Chart</source>
        <translation>导出损失曲线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write the chart to %1.</source>
        <translation>无法将图表写入 %1。</translation>
    </message>
    <message>
        <source>The loss of every training step is drawn here once training starts: the total and each of its terms, with each epoch&apos;s validation mean dashed in the same colour. Below it come the KL of each latent dimension and reconstructions of fixed validation images.</source>
        <translation>训练开始后，这里会画出每一步的损失：总损失及其各项，每个轮次的验证均值以同色虚线表示。其下方将显示每个潜在维度的 KL 以及固定验证图像的重建。</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>KL %1</source>
        <translation>KL %1</translation>
    </message>
    <message>
        <source>codebook</source>
        <translation>码本</translation>
    </message>
    <message>
        <source>commitment</source>
        <translation>承诺项</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::MainWindow</name>
    <message>
        <source>LatentLab</source>
        <translation>LatentLab</translation>
    </message>
    <message>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message>
        <source>Close LatentLab?</source>
        <translation>关闭 LatentLab？</translation>
    </message>
    <message>
        <source>A model is training. Stop it and close? The model will be lost unless you saved it.</source>
        <translation>模型正在训练。要停止并关闭吗？未保存的模型将会丢失。</translation>
    </message>
    <message>
        <source>The trained model has not been saved. Close and lose it?</source>
        <translation>训练好的模型尚未保存。关闭并放弃它吗？</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Dataset…</source>
        <translation>打开数据集(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an IDX, .npy or CSV/TSV file</source>
        <translation>打开 IDX、.npy 或 CSV/TSV 文件</translation>
    </message>
    <message>
        <source>Open Dataset &amp;Folder…</source>
        <translation>打开数据集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open a folder of IDX files or of images in class sub-folders</source>
        <translation>打开包含 IDX 文件、或按类别分子文件夹存放图像的文件夹</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a LatentLab checkpoint: its loss history and settings, and train it further</source>
        <translation>打开 LatentLab 检查点：查看其损失历史和设置，并继续训练</translation>
    </message>
    <message>
        <source>&amp;Save Model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the trained model, its optimizer state and loss history in one checkpoint</source>
        <translation>将训练好的模型、优化器状态和损失历史保存到一个检查点文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>LatentLab will speak %1 from its next start.</source>
        <translation>LatentLab 下次启动时将使用%1。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About LatentLab</source>
        <translation>关于 LatentLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>LatentLab — %1</source>
        <translation>LatentLab — %1</translation>
    </message>
    <message>
        <source>Loaded %1 in %2 s</source>
        <translation>已加载 %1，用时 %2 秒</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Could not open dataset</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>%1 stays open.</source>
        <translation>%1 仍保持打开。</translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Datasets (*-ubyte *-ubyte.gz *.idx *.idx.gz *.npy *.csv *.tsv *.txt);;All files (*)</source>
        <translation>数据集 (*-ubyte *-ubyte.gz *.idx *.idx.gz *.npy *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>About LatentLab</source>
        <translation>关于 LatentLab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LatentLab %1&lt;/h3&gt;&lt;p&gt;Train autoencoders and variational autoencoders, and explore what they learned: the latent space, samples, interpolations and anomalies.&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3 (%4) · training uses %5 threads by default&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LatentLab %1&lt;/h3&gt;&lt;p&gt;训练自编码器和变分自编码器，并探索它们学到了什么：隐空间、采样、插值和异常。&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3（%4）· 训练默认使用 %5 个线程&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open S&amp;ession…</source>
        <translation>打开会话(&amp;E)…</translation>
    </message>
    <message>
        <source>Reopen a dataset, its model, the settings and the view together</source>
        <translation>一并重新打开数据集、模型、设置和视图</translation>
    </message>
    <message>
        <source>Save Sess&amp;ion As…</source>
        <translation>会话另存为(&amp;I)…</translation>
    </message>
    <message>
        <source>Keep the dataset, the saved model, the settings and the view in one small file</source>
        <translation>将数据集、已保存的模型、设置和视图记录在一个小文件中</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>LatentLab sessions (*.latentlab);;All files (*)</source>
        <translation>LatentLab 会话 (*.latentlab);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.pt *.pth);;LatentLab checkpoints (*.ckpt);;TorchScript from PyTorch (*.pt *.pth);;All files (*)</source>
        <translation>模型 (*.ckpt *.pt *.pth);;LatentLab 检查点 (*.ckpt);;来自 PyTorch 的 TorchScript (*.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export &amp;Comparison…</source>
        <translation>导出比较(&amp;C)…</translation>
    </message>
    <message>
        <source>One HTML page comparing the models ticked in the Models tab: table, curves, images and aligned latent spaces</source>
        <translation>一个 HTML 页面，比较“模型”标签页中勾选的模型：表格、曲线、图像和对齐后的隐空间</translation>
    </message>
    <message>
        <source>chosen on the histogram</source>
        <translation>在直方图上选定</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ModelForm</name>
    <message>
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>beta-VAE</source>
        <translation>beta-VAE</translation>
    </message>
    <message>
        <source>Conditional VAE</source>
        <translation>条件 VAE</translation>
    </message>
    <message>
        <source>VQ-VAE</source>
        <translation>VQ-VAE</translation>
    </message>
    <message>
        <source>Hierarchical VAE</source>
        <translation>层次 VAE</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Convolutional</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Widths of the hidden layers, comma-separated; the decoder mirrors them</source>
        <translation>各隐藏层的宽度，用逗号分隔；解码器与之镜像对称</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <source>Use the data&apos;s own test split</source>
        <translation>使用数据自带的测试划分</translation>
    </message>
    <message>
        <source>Train on the checked classes only (one-class anomaly work); all checked: every sample</source>
        <translation>只在勾选的类别上训练（单类异常检测）；全部勾选则使用所有样本</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>Latent size</source>
        <translation>隐变量维数</translation>
    </message>
    <message>
        <source>Hidden sizes</source>
        <translation>隐藏层宽度</translation>
    </message>
    <message>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <source>KL warm-up</source>
        <translation>KL 预热</translation>
    </message>
    <message>
        <source>Codebook size</source>
        <translation>码本大小</translation>
    </message>
    <message>
        <source>Code size</source>
        <translation>码向量维数</translation>
    </message>
    <message>
        <source>Bottom latent size</source>
        <translation>底层隐变量维数</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Normal classes</source>
        <translation>正常类别</translation>
    </message>
    <message>
        <source>Open a dataset first.</source>
        <translation>请先打开一个数据集。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a layer width (1 to 16384)</source>
        <translation>“%1”不是有效的层宽度（1 到 16384）</translation>
    </message>
    <message>
        <source>give 1 to 8 widths, such as 512, 512</source>
        <translation>请给出 1 到 8 个宽度，例如 512, 512</translation>
    </message>
    <message>
        <source>a conditional VAE needs labelled data, and this dataset has no labels</source>
        <translation>条件 VAE 需要带标签的数据，而此数据集没有标签</translation>
    </message>
    <message>
        <source>check at least one class to train on</source>
        <translation>请至少勾选一个用于训练的类别</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ModelsTableModel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干</translation>
    </message>
    <message>
        <source>Latent</source>
        <translation>隐维度</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Training (s)</source>
        <translation>训练（秒）</translation>
    </message>
    <message>
        <source>Val -ELBO</source>
        <translation>验证 -ELBO</translation>
    </message>
    <message>
        <source>Val recon</source>
        <translation>验证重建</translation>
    </message>
    <message>
        <source>Val KL</source>
        <translation>验证 KL</translation>
    </message>
    <message>
        <source>Test -ELBO</source>
        <translation>测试 -ELBO</translation>
    </message>
    <message>
        <source>Test recon</source>
        <translation>测试重建</translation>
    </message>
    <message>
        <source>Test KL</source>
        <translation>测试 KL</translation>
    </message>
    <message>
        <source>Test MSE</source>
        <translation>测试 MSE</translation>
    </message>
    <message>
        <source>Active dims</source>
        <translation>活跃维度</translation>
    </message>
    <message>
        <source>VQ perplexity</source>
        <translation>VQ 困惑度</translation>
    </message>
    <message>
        <source>Dead codes</source>
        <translation>死码</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>evaluating…</source>
        <translation>评估中…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Latent dimensions whose KL on the validation part is above 0.01 nats</source>
        <translation>在验证部分上 KL 高于 0.01 nats 的隐维度</translation>
    </message>
    <message>
        <source>The file is no longer there.</source>
        <translation>该文件已不存在。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ModelsView</name>
    <message>
        <source>Add Models…</source>
        <translation>添加模型…</translation>
    </message>
    <message>
        <source>Add checkpoints or TorchScript models to the table</source>
        <translation>将检查点或 TorchScript 模型添加到表格</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add every LatentLab checkpoint (*.ckpt) in a folder</source>
        <translation>添加文件夹中的所有 LatentLab 检查点 (*.ckpt)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Export Table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>The table as CSV, as latentlab-cli compare --csv writes it</source>
        <translation>以 CSV 导出表格，与 latentlab-cli compare --csv 的输出相同</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Compare the ticked models (two to four)</source>
        <translation>比较勾选的模型（二到四个）</translation>
    </message>
    <message>
        <source>Export Comparison…</source>
        <translation>导出比较…</translation>
    </message>
    <message>
        <source>One HTML page with the table, curves, images and scatters of the ticked models</source>
        <translation>一个 HTML 页面，包含勾选模型的表格、曲线、图像和散点图</translation>
    </message>
    <message numerus="yes">
        <source>Compared %n model(s).</source>
        <translation>
            <numerusform>已比较 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>The comparison failed</source>
        <translation>比较失败</translation>
    </message>
    <message>
        <source>%1 holds no LatentLab checkpoints (*.ckpt).</source>
        <translation>%1 中没有 LatentLab 检查点 (*.ckpt)。</translation>
    </message>
    <message numerus="yes">
        <source>Added %n model(s).</source>
        <translation>
            <numerusform>已添加 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick two to four models to compare them.</source>
        <translation>请勾选二到四个模型进行比较。</translation>
    </message>
    <message>
        <source>Tick two to four models to export their comparison.</source>
        <translation>请勾选二到四个模型以导出它们的比较。</translation>
    </message>
    <message numerus="yes">
        <source>A comparison takes at most four models: untick %n.</source>
        <translation>
            <numerusform>比较最多接受四个模型：请取消勾选 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Models</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <source>Models (*.ckpt *.pt *.pth);;All files (*)</source>
        <translation>模型 (*.ckpt *.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add Every Checkpoint in a Folder</source>
        <translation>添加文件夹中的所有检查点</translation>
    </message>
    <message>
        <source>Export the Models Table</source>
        <translation>导出模型表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The table was not written</source>
        <translation>表格未写入</translation>
    </message>
    <message>
        <source>Export Comparison</source>
        <translation>导出比较</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::NeighboursPanel</name>
    <message>
        <source>How many of the nearest samples to list</source>
        <translation>列出多少个最近的样本</translation>
    </message>
    <message>
        <source>Euclidean</source>
        <translation>欧氏</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Euclidean: the straight distance between latents. Cosine: 1 − the cosine of their angle, which ignores how long they are</source>
        <translation>欧氏：潜变量之间的直线距离。余弦：1 − 两者夹角的余弦，不考虑它们的长度</translation>
    </message>
    <message>
        <source>Isolate</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Show only the selected sample and its neighbours on the scatter</source>
        <translation>在散点图上只显示所选样本及其近邻</translation>
    </message>
    <message>
        <source>Select these</source>
        <translation>选中这些</translation>
    </message>
    <message>
        <source>Make the selected sample and its neighbours the scatter&apos;s selection, to keep or export</source>
        <translation>把所选样本及其近邻设为散点图的选区，以便保留或导出</translation>
    </message>
    <message>
        <source>Nearest</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>by</source>
        <translation>按</translation>
    </message>
    <message>
        <source>Select a sample on the scatter to list its nearest samples in latent space.</source>
        <translation>在散点图上选择一个样本，列出它在潜空间中最近的样本。</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1: its nearest samples in latent space, nearest first.</source>
        <translation>%1：它在潜空间中最近的样本，由近到远。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>%1, at distance %2</source>
        <translation>%1，距离 %2</translation>
    </message>
    <message>
        <source>The %1 nearest of %2 samples by cosine distance; a click selects one.</source>
        <translation>按余弦距离，%2 个样本中最近的 %1 个；点击即可选中。</translation>
    </message>
    <message>
        <source>The %1 nearest of %2 samples by euclidean distance; a click selects one.</source>
        <translation>按欧氏距离，%2 个样本中最近的 %1 个；点击即可选中。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::PageButtons</name>
    <message>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ProbePanel</name>
    <message>
        <source>At the probe</source>
        <translation>探针处</translation>
    </message>
    <message>
        <source>The decoder&apos;s image at the probe: drag the probe on the scatter to move it</source>
        <translation>解码器在探针处生成的图像：在散点图上拖动探针即可移动它</translation>
    </message>
    <message>
        <source>Switch on Probe and drag on the scatter to decode any point.</source>
        <translation>打开“探针”并在散点图上拖动，即可解码任意一点。</translation>
    </message>
    <message>
        <source>The same latent under every class</source>
        <translation>同一潜变量在各个类别下</translation>
    </message>
    <message>
        <source>Nearest samples</source>
        <translation>最近的样本</translation>
    </message>
    <message>
        <source>Selected sample</source>
        <translation>所选样本</translation>
    </message>
    <message>
        <source>Redraw the bottom layer</source>
        <translation>重新采样底层</translation>
    </message>
    <message>
        <source>Keeps the selected sample&apos;s top latent and draws the bottom one afresh, eight times</source>
        <translation>保留所选样本的顶层潜变量，重新采样底层八次</translation>
    </message>
    <message>
        <source>Selected sample: click a point</source>
        <translation>所选样本：点击一个点</translation>
    </message>
    <message>
        <source>Decoded exactly at (%1, %2).</source>
        <translation>在 (%1, %2) 处精确解码。</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>MSE %1</source>
        <translation>MSE %1</translation>
    </message>
    <message>
        <source>Codes:
</source>
        <translation>编码：
</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ProjectionBar</name>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>Two dimensions</source>
        <translation>两个维度</translation>
    </message>
    <message>
        <source>The latent itself (2-D)</source>
        <translation>潜变量本身（二维）</translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>How the latents are laid out on the plane</source>
        <translation>潜变量在平面上的布局方式</translation>
    </message>
    <message>
        <source>x, y</source>
        <translation>x, y</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stops the layout where it is</source>
        <translation>在当前位置停止布局</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <source>Drag on the scatter to decode the latent under the mouse</source>
        <translation>在散点图上拖动，解码鼠标下的潜变量</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Follow training every</source>
        <translation>跟随训练，每隔</translation>
    </message>
    <message>
        <source>While a model trains, encode every sample again every so many steps under the same layout (PCA or two dimensions), so the clusters can be watched forming</source>
        <translation>模型训练期间，每隔若干步按相同布局（PCA 或两个维度）重新编码所有样本，以便观察聚类的形成</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Imported layout</source>
        <translation>导入的布局</translation>
    </message>
    <message>
        <source>UMAP</source>
        <translation>UMAP</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>邻居数</translation>
    </message>
    <message>
        <source>How many neighbours each point keeps: fewer shows local detail, more the big picture</source>
        <translation>每个点保留多少个邻居：少则显示局部细节，多则显示整体结构</translation>
    </message>
    <message>
        <source>Min. distance</source>
        <translation>最小距离</translation>
    </message>
    <message>
        <source>How tightly UMAP may pack points together: small values give dense clumps</source>
        <translation>UMAP 可将点聚得多紧：值越小，团簇越密</translation>
    </message>
    <message>
        <source>Drag on the scatter to select the points in a rectangle, or (from the arrow) inside a lasso. Shift adds to the selection, Alt takes away, Shift + Alt keeps the overlap; Shift + drag draws a rectangle in any mode</source>
        <translation>在散点图上拖动，选择矩形内的点，或（从箭头菜单）选择套索圈住的点。Shift 添加到选区，Alt 从选区移除，Shift + Alt 保留交集；任何模式下按住 Shift 拖动都会画矩形</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Custom axes</source>
        <translation>自定义坐标轴</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ProjectionWorker</name>
    <message>
        <source>t-SNE, iteration %1 of %2</source>
        <translation>t-SNE，第 %1 / %2 次迭代</translation>
    </message>
    <message>
        <source>Wrote %1 latents of %2 dimensions%3 for the Embedding Projector to %4 (%5)</source>
        <translation>已将 %1 个 %2 维潜变量%3写入 %4，供 Embedding Projector 使用（%5）</translation>
    </message>
    <message>
        <source> with their anomaly scores</source>
        <translation>及其异常分数</translation>
    </message>
    <message>
        <source>UMAP, epoch %1 of %2</source>
        <translation>UMAP，第 %1 / %2 轮</translation>
    </message>
    <message>
        <source>Exported the model for %1 to %2 (%3)</source>
        <translation>已将供 %1 使用的模型导出到 %2（%3）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清空菜单(&amp;C)</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::RocChart</name>
    <message>
        <source>false positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>Name the normal classes to see how well the scores separate the others.</source>
        <translation>填写正常类别，即可查看评分区分其他类别的效果。</translation>
    </message>
    <message>
        <source>ROC · AUROC %1</source>
        <translation>ROC · AUROC %1</translation>
    </message>
    <message>
        <source>At the threshold: %1 flagged, precision %2, recall %3 (AUROC %4)</source>
        <translation>在该阈值下：标记 %1 个，精确率 %2，召回率 %3（AUROC %4）</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::RowErrorPanel</name>
    <message>
        <source>|value − reconstruction|</source>
        <translation>|值 − 重建|</translation>
    </message>
    <message>
        <source>error, in the column&apos;s units</source>
        <translation>误差（该列的单位）</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>Click a row in the gallery to see which of its columns the model gets wrong.</source>
        <translation>点击图库中的一行，查看模型在哪些列上出错。</translation>
    </message>
    <message>
        <source>Row %1: its values beside their reconstructions</source>
        <translation>第 %1 行：各值与其重建值</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SampleGrid</name>
    <message>
        <source>Sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>
Class %1: %2</source>
        <translation>
类别 %1：%2</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>
In the %1 split</source>
        <translation>
属于%1划分</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Show in the Explorer</source>
        <translation>在“探索”中显示</translation>
    </message>
    <message>
        <source>Interpolate from this sample</source>
        <translation>从此样本开始插值</translation>
    </message>
    <message>
        <source>Interpolate to this sample</source>
        <translation>插值到此样本</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SamplingPanel</name>
    <message>
        <source> × side</source>
        <translation> × 边长</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Scales the prior&apos;s spread: 0 decodes its centre, above 1 draws unusual latents</source>
        <translation>缩放先验的分布范围：0 解码其中心，大于 1 会抽到不常见的潜变量</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Regular grid over the scatter&apos;s plane</source>
        <translation>在散点图平面上的规则网格</translation>
    </message>
    <message>
        <source>Decodes evenly spaced quantiles of the prior across the two axes shown, as in Kingma and Welling&apos;s manifold figure</source>
        <translation>沿所示两个坐标轴解码先验的等间隔分位点，如 Kingma 与 Welling 的流形图</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Resample</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <source>The next seed</source>
        <translation>下一个种子</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Click a sample to put the probe at its latent</source>
        <translation>点击一个样本，把探针放到它的潜变量处</translation>
    </message>
    <message>
        <source>Save Samples</source>
        <translation>保存样本</translation>
    </message>
    <message>
        <source>Every class, one row each</source>
        <translation>所有类别，每类一行</translation>
    </message>
    <message>
        <source>Only a conditional VAE draws by class</source>
        <translation>只有条件 VAE 可以按类别采样</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ScatterView</name>
    <message>
        <source>No points yet</source>
        <translation>尚无数据点</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>Point %1</source>
        <translation>点 %1</translation>
    </message>
    <message>
        <source>Value %1</source>
        <translation>值 %1</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::ScoreHistogram</name>
    <message>
        <source>Anomaly scores</source>
        <translation>异常评分</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>No scores yet.</source>
        <translation>尚无评分。</translation>
    </message>
    <message>
        <source>%1 of %2 above the threshold %3</source>
        <translation>%2 个中有 %1 个高于阈值 %3</translation>
    </message>
    <message>
        <source>%1 of %2 at or below the threshold %3</source>
        <translation>%2 个中有 %1 个不超过阈值 %3</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SeparationHistogram</name>
    <message>
        <source>Choose two sets to see how far along the vector their samples lie.</source>
        <translation>选择两个集合，查看它们的样本沿向量的位置。</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SessionController</name>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>The session was not saved</source>
        <translation>会话未保存</translation>
    </message>
    <message>
        <source>Saved the session to %1 (without the model: save the model first to keep it)</source>
        <translation>会话已保存到 %1（未包含模型：请先保存模型以便记录它）</translation>
    </message>
    <message>
        <source>Saved the session to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <source>The session&apos;s sets were not restored</source>
        <translation>会话中的集合未恢复</translation>
    </message>
    <message>
        <source>The session&apos;s label decisions were not restored</source>
        <translation>未恢复会话中的标签决定</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SetChoiceBox</name>
    <message>
        <source>Class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>Set: %1</source>
        <translation>集合：%1</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（缺失）</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::SetsPanel</name>
    <message>
        <source>Keep…</source>
        <translation>保留…</translation>
    </message>
    <message>
        <source>Name the selection and keep it in the list below (and in a saved session)</source>
        <translation>为选区命名并保留在下方列表中（也会存入保存的会话）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the selection into a new folder: selection.csv (index, label, file) and, for images, one PNG per sample</source>
        <translation>把选区写入一个新文件夹：selection.csv（index、label、file），图像数据另为每个样本写一个 PNG</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Kept sets: a click selects one on the scatter again</source>
        <translation>已保留的集合：点击即可在散点图上重新选中</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>A set needs a name.</source>
        <translation>集合需要一个名称。</translation>
    </message>
    <message>
        <source>A set named “%1” exists already.</source>
        <translation>名为“%1”的集合已存在。</translation>
    </message>
    <message>
        <source>No selection: draw one on the scatter with Rectangle or Lasso (or Shift + drag), or pick a kept set below.</source>
        <translation>没有选区：用“矩形”或“套索”（或按住 Shift 拖动）在散点图上画一个，或在下方选择一个已保留的集合。</translation>
    </message>
    <message>
        <source>Selected: %1 samples.</source>
        <translation>已选中：%1 个样本。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::TrainingController</name>
    <message>
        <source>A model is still training; stop it first.</source>
        <translation>模型仍在训练，请先停止。</translation>
    </message>
    <message>
        <source>Open a dataset first.</source>
        <translation>请先打开一个数据集。</translation>
    </message>
    <message>
        <source>There is no model to continue; start a new one.</source>
        <translation>没有可继续训练的模型，请训练一个新模型。</translation>
    </message>
    <message>
        <source>This model cannot train on the open data; open the data it was trained on.</source>
        <translation>此模型无法在当前数据上训练，请打开它训练时使用的数据。</translation>
    </message>
    <message>
        <source>The model has already trained %1 epochs; ask for more than that.</source>
        <translation>模型已训练 %1 轮，请设定更多的轮数。</translation>
    </message>
    <message>
        <source>Stop or finish training before saving.</source>
        <translation>请先停止或完成训练再保存。</translation>
    </message>
    <message>
        <source>There is no trained model to save yet.</source>
        <translation>还没有可保存的训练好的模型。</translation>
    </message>
    <message>
        <source>A save is already in progress.</source>
        <translation>正在保存中。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::TrainingView</name>
    <message>
        <source>Reconstructions of fixed validation images appear here while training runs.</source>
        <translation>训练时，这里会显示固定验证图像的重建结果。</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a new model with these settings</source>
        <translation>用这些设置训练一个新模型</translation>
    </message>
    <message>
        <source>Train More</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Continue the current model for as many more epochs as the form says</source>
        <translation>按表单中的轮数继续训练当前模型</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save Model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Discard the trained model?</source>
        <translation>放弃训练好的模型？</translation>
    </message>
    <message>
        <source>The current model has not been saved. Train a new one anyway?</source>
        <translation>当前模型尚未保存。仍要训练一个新模型吗？</translation>
    </message>
    <message>
        <source>Training could not start</source>
        <translation>无法开始训练</translation>
    </message>
    <message>
        <source>Saved the model to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message>
        <source>The model could not be opened</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>The model was not saved</source>
        <translation>模型未保存</translation>
    </message>
    <message>
        <source>The KL of each latent dimension appears after the first epoch</source>
        <translation>第一轮结束后将显示各隐变量维度的 KL</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Training could not continue</source>
        <translation>无法继续训练</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Opened %1: %2</source>
        <translation>已打开 %1：%2</translation>
    </message>
    <message>
        <source> (to train it further, %1)</source>
        <translation>（若要继续训练：%1）</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>LatentLab checkpoints (*.ckpt);;All files (*)</source>
        <translation>LatentLab 检查点 (*.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused · %1</source>
        <translation>已暂停 · %1</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3 · %4 samples/s · ETA %5</source>
        <translation>第 %1/%2 轮 · 第 %3 步 · 每秒 %4 个样本 · 剩余 %5</translation>
    </message>
    <message>
        <source>Each validation input above its reconstruction at step %1.</source>
        <translation>每个验证输入及其下方在第 %1 步的重建结果。</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <source>
The weights of the last good step were kept.</source>
        <translation>
已保留最后一个正常步骤的权重。</translation>
    </message>
    <message>
        <source>An autoencoder and a VQ-VAE have no KL term, so nothing is drawn here</source>
        <translation>自编码器和 VQ-VAE 没有 KL 项，因此这里不绘制内容</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::TrainingWorker</name>
    <message>
        <source>%1 (%2, latent %3), epoch %4, step %5</source>
        <translation>%1（%2，隐变量 %3），第 %4 轮，第 %5 步</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::TraversalPanel</name>
    <message>
        <source>The values each dimension takes, in the prior&apos;s standard deviations</source>
        <translation>每个维度取值的范围，以先验的标准差为单位</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Save Traversal</source>
        <translation>保存遍历</translation>
    </message>
    <message>
        <source>Select a sample on the scatter to vary its latent one dimension at a time.</source>
        <translation>在散点图上选择一个样本，逐个维度改变它的潜变量。</translation>
    </message>
    <message>
        <source>Sample %1: each row varies one dimension, the most informative first.</source>
        <translation>样本 %1：每行改变一个维度，信息量最大的在前。</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::WelcomeView</name>
    <message>
        <source>LatentLab</source>
        <translation>LatentLab</translation>
    </message>
    <message>
        <source>Open a dataset (Ctrl+O) or drop a file or folder here</source>
        <translation>打开数据集（Ctrl+O），或将文件或文件夹拖放到这里</translation>
    </message>
    <message>
        <source>MNIST-style IDX files, NumPy .npy arrays, CSV/TSV tables,
or a folder of images with one sub-folder per class</source>
        <translation>MNIST 格式的 IDX 文件、NumPy .npy 数组、CSV/TSV 表格，
或每个类别一个子文件夹的图像文件夹</translation>
    </message>
    <message>
        <source>Open Dataset…</source>
        <translation>打开数据集…</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
</context>
<context>
    <name>latentlab::ui::Workspace</name>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>The trained model is not explored: %1. Open the data it was trained on to explore it.</source>
        <translation>训练好的模型未被探索：%1。请打开训练它所用的数据来探索它。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message numerus="yes">
        <source>unsaved %1, %n epoch(s)</source>
        <translation>
            <numerusform>未保存的 %1，%n 轮</numerusform>
        </translation>
    </message>
</context>
</TS>
