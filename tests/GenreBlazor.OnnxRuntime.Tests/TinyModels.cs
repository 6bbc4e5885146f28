using GenreBlazor.OnnxRuntime.ModelFormat;

namespace GenreBlazor.OnnxRuntime.Tests;

/// <summary>Small ONNX models written with the project's own encoder, with outputs easy to compute by hand.</summary>
internal static class TinyModels
{
    /// <summary>y = x + [1, 2, 3], x: float[batch, 3].</summary>
    public static OnnxModelDefinition AddConstant()
    {
        var graph = new OnnxGraphBuilder("add_constant");
        graph.AddInput("x", OnnxElementType.Float, OnnxDimension.Symbolic("batch"), 3);
        var bias = graph.AddInitializer(OnnxInitializer.FromFloats("bias", [3], [1f, 2f, 3f]));
        graph.AddNode("Add", ["x", bias], "y");
        graph.AddOutput("y", OnnxElementType.Float, OnnxDimension.Symbolic("batch"), 3);
        return new OnnxModelDefinition(graph.Build());
    }

    /// <summary>
    /// product = x · W with W = [[1, -1, 0], [2, 0, -3]], relu = max(product, 0), sum = relu + x·W (two outputs
    /// sharing a branch); x: float[2, 2].
    /// </summary>
    public static OnnxModelDefinition MatMulRelu()
    {
        var graph = new OnnxGraphBuilder("matmul_relu");
        graph.AddInput("x", OnnxElementType.Float, 2, 2);
        var weights = graph.AddInitializer(OnnxInitializer.FromFloats("W", [2, 3], [1f, -1f, 0f, 2f, 0f, -3f]));
        var product = graph.AddNode("MatMul", ["x", weights], "product");
        var relu = graph.AddNode("Relu", [product], "relu");
        graph.AddNode("Add", [relu, product], "sum");
        graph.AddOutput("relu", OnnxElementType.Float, 2, 3);
        graph.AddOutput("sum", OnnxElementType.Float, 2, 3);
        graph.AddOutput("product", OnnxElementType.Float, 2, 3);
        return new OnnxModelDefinition(graph.Build());
    }

    /// <summary>A graph that uses an operator no runtime knows.</summary>
    public static OnnxModelDefinition UnknownOperator()
    {
        var graph = new OnnxGraphBuilder("unknown_op");
        graph.AddInput("x", OnnxElementType.Float, 1);
        graph.AddNode("NoSuchOperatorAnywhere", ["x"], "y");
        graph.AddOutput("y", OnnxElementType.Float, 1);
        return new OnnxModelDefinition(graph.Build());
    }

    public static byte[] Bytes(this OnnxModelDefinition model) => OnnxModelEncoder.Encode(model);
}
