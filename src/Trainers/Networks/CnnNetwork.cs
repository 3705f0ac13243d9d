using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The TorchSharp module built from a <see cref="NetworkSpec"/> for inputs of a fixed shape:
/// channels × length for sequences (1-D layers) or channels × height × width for images (2-D
/// layers). Input rows arrive flat and channel-major (as the one-hot encoder and ML.NET's
/// <c>ExtractPixels</c> write them) and are viewed as (batch, channels, length) or (batch,
/// channels, height, width). Layers carry the names that <see cref="NetworkShapes"/> lists
/// (<c>conv1</c>, <c>pool1</c>, <c>res2</c>, <c>dense1</c>, <c>output</c>, …), which is how
/// feature maps and saved weights refer to them.
/// </summary>
public sealed class CnnNetwork : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Sequential layers;
    private readonly long[] _inputView;

    /// <summary>Builds the network for sequences; the spec is validated first.</summary>
    /// <exception cref="ArgumentException">The spec is impossible for this input (the message names the layer).</exception>
    public CnnNetwork(NetworkSpec spec, int channels, int length, int outputs) : this(spec, channels, null, length, outputs, null) { }

    /// <summary>Builds the network for images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>; the spec is validated first.</summary>
    /// <exception cref="ArgumentException">The spec is impossible for this input (the message names the layer).</exception>
    public CnnNetwork(NetworkSpec spec, int channels, int height, int width, int outputs) : this(spec, channels, (int?)height, width, outputs, null) { }

    /// <summary>The general form; <paramref name="strands"/> is the input's strand complement (needed by strand-shared convolutions).</summary>
    internal CnnNetwork(NetworkSpec spec, int channels, int? height, int length, int outputs, StrandComplement? strands) : base(spec.Name)
    {
        int[] spatial = height is int h ? [h, length] : [length];
        Shapes = NetworkShapes.Infer(spec, channels, spatial, outputs);
        Spec = spec;
        InputChannels = channels;
        InputHeight = height;
        InputLength = length;
        Outputs = outputs;
        _inputView = [-1, channels, .. spatial.Select(s => (long)s)];
        layers = Sequential(Build(spec, channels, spatial.Length, Shapes, strands));
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public NetworkSpec Spec { get; }
    /// <summary>Input channels (4 for DNA, 5 with a soft-mask channel, 20 for protein, 3 for RGB, 1 for grayscale).</summary>
    public int InputChannels { get; }
    /// <summary>Image rows, or null for a sequence network.</summary>
    public int? InputHeight { get; }
    /// <summary>Input positions along the last axis: sequence length, or image width.</summary>
    public int InputLength { get; }
    /// <summary>Values per input row: channels × (height ×) length.</summary>
    public int InputSize => InputChannels * (InputHeight ?? 1) * InputLength;
    /// <summary>Output units.</summary>
    public int Outputs { get; }
    /// <summary>Every named layer's output shape, in order.</summary>
    public IReadOnlyList<LayerShape> Shapes { get; }
    /// <summary>Whether the trunk is frozen (see <see cref="FreezeTrunk"/>).</summary>
    public bool TrunkFrozen { get; private set; }

    /// <summary>Maps a (batch, values) tensor of flat channel-major rows (or one already shaped) to (batch, outputs) raw scores.</summary>
    public override Tensor forward(Tensor input)
    {
        using var shaped = input.view(_inputView);
        return layers.forward(shaped);
    }

    /// <summary>
    /// Stops training the convolutional trunk (every layer before the head): its parameters no
    /// longer take gradients and its batch norms keep their running statistics (they stay in
    /// evaluation mode when the network trains), as in transfer learning with a frozen feature extractor.
    /// </summary>
    public void FreezeTrunk()
    {
        foreach (var module in TrunkModules())
            foreach (var parameter in module.parameters()) parameter.requires_grad = false;
        TrunkFrozen = true;
        if (training) train(true);
    }

    /// <inheritdoc/>
    public override void train(bool train = true)
    {
        base.train(train);
        if (train && TrunkFrozen)
            foreach (var module in TrunkModules()) module.eval();
    }

    /// <summary>The layers in order, for walkers that evaluate them one by one (DeepLIFT).</summary>
    internal TorchSharp.Modules.Sequential LayerSequence => layers;

    /// <summary>The input rows viewed as the first layer expects them: (batch, channels, length) or (batch, channels, height, width).</summary>
    internal Tensor ShapeInput(Tensor input) => input.view(_inputView);

    private IEnumerable<Module> TrunkModules() => layers.named_children().TakeWhile(c => c.name is not ("flatten" or "output")).Select(c => c.module);

    /// <summary>The names of the layers whose outputs <see cref="ForwardTo"/> can return, in order (as in <see cref="Shapes"/>).</summary>
    public IReadOnlyList<string> LayerNames => Shapes.Select(s => s.Name).ToList();

    /// <summary>
    /// Runs the network up to and including the named layer and returns that layer's output:
    /// (batch, channels, positions) or (batch, channels, height, width) for trunk layers, (batch, features) after the trunk. Names are
    /// those of <see cref="LayerNames"/>; for a convolution block, <c>conv1</c> is the raw
    /// convolution, <c>act1</c> its activation (also accepted, as are <c>bn1</c>, <c>pool1</c>).
    /// </summary>
    /// <exception cref="ArgumentException">No layer has that name; the message lists the valid names.</exception>
    public Tensor ForwardTo(string layer, Tensor input)
    {
        if (!layers.named_children().Any(c => c.name == layer) || layer == "flatten")
            throw new ArgumentException($"Network '{Spec.Name}' has no layer '{layer}'. Valid layers: {string.Join(", ", ValidLayerNames())}.", nameof(layer));
        using var scope = NewDisposeScope();
        var x = input.view(_inputView);
        foreach (var (name, module) in layers.named_children())
        {
            x = ((Module<Tensor, Tensor>)module).forward(x);
            if (name == layer) return x.MoveToOuterDisposeScope();
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Every name <see cref="ForwardTo"/> accepts, in network order.</summary>
    public IEnumerable<string> ValidLayerNames() => layers.named_children().Select(c => c.name).Where(n => n != "flatten");

    private static List<(string, Module<Tensor, Tensor>)> Build(NetworkSpec spec, int channels, int axes, IReadOnlyList<LayerShape> shapes, StrandComplement? strands)
    {
        var modules = new List<(string, Module<Tensor, Tensor>)>();
        int c = channels;
        for (int i = 0; i < spec.Trunk.Count; i++)
        {
            int b = i + 1;
            switch (spec.Trunk[i])
            {
                case ConvBlockSpec conv:
                    var convolution = Layers.Conv(axes, c, conv.Filters, conv.KernelSize, conv.Stride, conv.Padding, conv.Dilation);
                    if (conv.StrandShared)
                        convolution = new StrandSharedConv1d(convolution, strands?.Permutation ?? throw new ArgumentException(
                            $"Network '{spec.Name}', layer conv{b}: StrandShared needs one-hot DNA or RNA input (the channels to complement come from its encoding)."));
                    modules.Add(($"conv{b}", convolution));
                    int outChannels = conv.StrandShared ? 2 * conv.Filters : conv.Filters;
                    if (conv.BatchNorm) modules.Add(($"bn{b}", Layers.BatchNorm(outChannels)));
                    modules.Add(($"act{b}", Layers.Activation(conv.Activation)));
                    if (conv.Pool != Pooling.None) modules.Add(($"pool{b}", Layers.Pool(axes, conv.Pool, conv.PoolSize)));
                    if (conv.Dropout > 0) modules.Add(($"drop{b}", Dropout(conv.Dropout)));
                    c = outChannels;
                    break;
                case ResidualBlockSpec res:
                    modules.Add(($"res{b}", new ResidualBlock($"res{b}", res, c, axes)));
                    c = res.Filters;
                    break;
                case GlobalPoolSpec pool:
                    modules.Add(($"globalpool{b}", Layers.GlobalPool(axes, pool.Kind)));
                    break;
            }
        }

        if (spec.TrackHead is { } trackHead)
        {
            // The trunk's last map feeds the profile (and count) head directly: no flatten, no dense layers.
            int length = shapes[^2].Length ?? throw new InvalidOperationException("unreachable: NetworkShapes checks the trunk keeps positions");
            modules.Add(("output", new TrackHead(trackHead, c, length, shapes[^1].Channels / trackHead.ValuesPerTrack)));
            return modules;
        }

        modules.Add(("flatten", Flatten()));
        int features = shapes.Last(s => !s.Name.StartsWith("dense", StringComparison.Ordinal) && s.Name != "output").Size;
        for (int i = 0; i < spec.Head.Count; i++)
        {
            var dense = spec.Head[i];
            string name = $"dense{i + 1}";
            modules.Add((name, Linear(features, dense.Units)));
            if (dense.BatchNorm) modules.Add(($"{name}_bn", Layers.BatchNorm(dense.Units)));
            modules.Add(($"{name}_act", Layers.Activation(dense.Activation)));
            if (dense.Dropout > 0) modules.Add(($"{name}_drop", Dropout(dense.Dropout)));
            features = dense.Units;
        }
        modules.Add(("output", Linear(features, shapes[^1].Channels)));
        return modules;
    }
}
