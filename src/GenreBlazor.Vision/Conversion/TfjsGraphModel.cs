using System.Text;
using System.Text.Json.Nodes;

namespace GenreBlazor.Vision.Conversion;

/// <summary>A TF.js graph model: the TensorFlow GraphDef nodes and the decoded (dequantized) weights.</summary>
/// <param name="Format">"graph-model".</param>
/// <param name="ConvertedBy">The converter that produced it, e.g. "TensorFlow.js Converter v1.7.4r1".</param>
/// <param name="Nodes">Nodes in file order.</param>
/// <param name="Weights">Weights by node name (each backs one Const node).</param>
public sealed record TfjsGraphModel(string Format, string ConvertedBy, IReadOnlyList<TfjsNode> Nodes, IReadOnlyDictionary<string, TfjsWeight> Weights)
{
    /// <summary>The node with this exact name.</summary>
    public TfjsNode Node(string name) =>
        Nodes.FirstOrDefault(node => node.Name == name) ?? throw new KeyNotFoundException($"The graph has no node named '{name}'.");

    /// <summary>The single node whose name ends with <paramref name="suffix"/> (names carry long scope prefixes).</summary>
    public TfjsNode NodeEndingWith(string suffix)
    {
        var matches = Nodes.Where(node => node.Name == suffix || node.Name.EndsWith("/" + suffix, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new KeyNotFoundException($"{matches.Count} nodes end with '{suffix}'; exactly one was expected.");
    }

    /// <summary>How many nodes of each op the graph has.</summary>
    public IReadOnlyDictionary<string, int> OperatorCounts =>
        Nodes.GroupBy(node => node.Op, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
}

/// <summary>A decoded weight tensor (row-major in TensorFlow's own layout, e.g. HWIO for convolution filters).</summary>
public sealed record TfjsWeight(string Name, long[] Shape, float[] Values);

/// <summary>One GraphDef node: its op, its inputs ("name", "name:1", or "^name" for control inputs) and attributes.</summary>
public sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonObject Attributes)
{
    /// <summary>Data inputs only (control dependencies dropped), as node names with the output index removed when 0.</summary>
    public IReadOnlyList<string> DataInputs =>
        Inputs.Where(input => !input.StartsWith('^')).Select(input => input.EndsWith(":0", StringComparison.Ordinal) ? input[..^2] : input).ToList();

    /// <summary>An int list attribute (TF.js writes int64 values as strings).</summary>
    public long[] Ints(string attribute) =>
        Attribute(attribute)?["list"]?["i"] is JsonArray values ? values.Select(value => ToLong(value!)).ToArray() : [];

    /// <summary>A string attribute (TF.js writes bytes as base64).</summary>
    public string? Text(string attribute) =>
        Attribute(attribute)?["s"] is JsonValue value ? Encoding.UTF8.GetString(Convert.FromBase64String(value.GetValue<string>())) : null;

    /// <summary>A string-list attribute such as fused_ops.</summary>
    public string[] Texts(string attribute) =>
        Attribute(attribute)?["list"]?["s"] is JsonArray values
            ? values.Select(value => Encoding.UTF8.GetString(Convert.FromBase64String(value!.GetValue<string>()))).ToArray()
            : [];

    /// <summary>A bool attribute, or <paramref name="fallback"/> when absent.</summary>
    public bool Flag(string attribute, bool fallback = false) =>
        Attribute(attribute)?["b"] is JsonValue value ? value.GetValue<bool>() : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string attribute, double fallback = 0) =>
        Attribute(attribute)?["f"] is JsonValue value ? value.GetValue<double>() : fallback;

    private JsonNode? Attribute(string name) => Attributes.TryGetPropertyValue(name, out var value) ? value : null;

    internal static long ToLong(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text)
            ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : (long)value.GetValue<double>();
}
