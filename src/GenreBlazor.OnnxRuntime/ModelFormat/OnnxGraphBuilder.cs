namespace GenreBlazor.OnnxRuntime.ModelFormat;

/// <summary>
/// Collects the parts of an ONNX graph in the order they are added, then freezes them into an
/// <see cref="OnnxGraphDefinition"/>. Names must be unique; <see cref="UniqueName"/> hands out fresh ones.
/// </summary>
public sealed class OnnxGraphBuilder(string name)
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly List<OnnxValueDeclaration> _inputs = [];
    private readonly List<OnnxValueDeclaration> _outputs = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>Operator counts so far, by op type.</summary>
    public IReadOnlyDictionary<string, int> OperatorCounts =>
        _nodes.GroupBy(node => node.OpType, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    /// <summary>Declares a graph input.</summary>
    public OnnxGraphBuilder AddInput(string valueName, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        Claim(valueName);
        _inputs.Add(new OnnxValueDeclaration(valueName, elementType, shape));
        return this;
    }

    /// <summary>Declares a graph output (a value some node produces).</summary>
    public OnnxGraphBuilder AddOutput(string valueName, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        _outputs.Add(new OnnxValueDeclaration(valueName, elementType, shape));
        return this;
    }

    /// <summary>Adds a constant tensor; returns its name.</summary>
    public string AddInitializer(OnnxInitializer initializer)
    {
        Claim(initializer.Name);
        _initializers.Add(initializer);
        return initializer.Name;
    }

    /// <summary>Adds a node with one output named <paramref name="output"/>; returns that name.</summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, string output, params OnnxAttributeValue[] attributes)
    {
        AddNode(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>Adds a node.</summary>
    public void AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttributeValue[] attributes)
    {
        foreach (var output in outputs)
        {
            Claim(output);
        }

        _nodes.Add(new OnnxNode(opType, inputs, outputs, UniqueName(opType), attributes));
    }

    /// <summary>A name not used yet in this graph, built from <paramref name="stem"/> and reserved for one later use.</summary>
    public string UniqueName(string stem)
    {
        while (true)
        {
            _counters.TryGetValue(stem, out var counter);
            _counters[stem] = counter + 1;
            var candidate = counter == 0 ? stem : $"{stem}_{counter}";
            if (_names.Add(candidate))
            {
                _reserved.Add(candidate);
                return candidate;
            }
        }
    }

    /// <summary>The graph as added so far.</summary>
    public OnnxGraphDefinition Build() => new(name, _nodes.ToArray(), _initializers.ToArray(), _inputs.ToArray(), _outputs.ToArray());

    private void Claim(string valueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(valueName);
        if (!_reserved.Remove(valueName) && !_names.Add(valueName))
        {
            throw new ArgumentException($"The name '{valueName}' is already used in graph '{name}'.", nameof(valueName));
        }
    }
}
