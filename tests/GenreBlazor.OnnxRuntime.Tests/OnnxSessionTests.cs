using GenreBlazor.OnnxRuntime.ModelFormat;

namespace GenreBlazor.OnnxRuntime.Tests;

public sealed class OnnxSessionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("genreblazor-ort-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteModel(OnnxModelDefinition model, string name = "model.onnx")
    {
        var path = Path.Combine(_folder, name);
        OnnxModelEncoder.WriteFile(model, path);
        return path;
    }

    private static Dictionary<string, OnnxTensor> Input(string name, float[] data, params long[] shape) =>
        new() { [name] = OnnxTensor.Create(data, shape) };

    [Fact]
    public void Native_library_is_copied_next_to_the_test_assembly_and_is_version_1_30()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so.1")));
        Assert.Equal("1.30.0", OnnxSession.RuntimeVersion);
    }

    [Fact]
    public void Add_constant_gives_the_hand_computed_sum()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));

        var outputs = session.Run(Input("x", [10f, 20f, 30f, -1f, -2f, -3f], 2, 3), ["y"]);

        Assert.Equal([11f, 22f, 33f, 0f, 0f, 0f], outputs["y"].Data);
        Assert.Equal([2L, 3L], outputs["y"].Shape);
    }

    [Fact]
    public void Session_reports_names_types_and_shapes_with_minus_one_for_dynamic_dimensions()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));

        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(OnnxElementType.Float, input.ElementType);
        Assert.Equal([-1L, 3L], input.Shape);
        Assert.Equal("y", Assert.Single(session.Outputs).Name);
    }

    [Fact]
    public void MatMul_relu_returns_several_named_outputs_at_once()
    {
        using var session = OnnxSession.FromBytes(TinyModels.MatMulRelu().Bytes());
        // x = [[1, 2], [3, -1]]; x·W = [[1+4, -1, -6], [3-2, -3, 3]] = [[5, -1, -6], [1, -3, 3]]
        var outputs = session.Run(Input("x", [1f, 2f, 3f, -1f], 2, 2), ["sum", "relu"]);

        Assert.Equal(2, outputs.Count);
        Assert.Equal([5f, 0f, 0f, 1f, 0f, 3f], outputs["relu"].Data);
        Assert.Equal([10f, -1f, -6f, 2f, -3f, 6f], outputs["sum"].Data);
        Assert.Equal(["relu", "sum", "product"], session.Outputs.Select(output => output.Name));
    }

    [Fact]
    public void Run_without_output_names_returns_every_output()
    {
        using var session = OnnxSession.FromBytes(TinyModels.MatMulRelu().Bytes());

        var outputs = session.Run(Input("x", [1f, 0f, 0f, 1f], 2, 2));

        Assert.Equal(3, outputs.Count);
        Assert.Equal([1f, -1f, 0f, 2f, 0f, -3f], outputs["product"].Data);
    }

    [Fact]
    public void Wrong_input_name_raises_onnx_runtimes_own_message()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(Input("not_x", [1f, 2f, 3f], 1, 3), ["y"]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Equal(2, error.ErrorCode);
        Assert.Contains("not_x", error.RuntimeMessage, StringComparison.Ordinal);
        Assert.Contains(error.RuntimeMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_shape_raises_onnx_runtimes_dimension_message()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(Input("x", [1f, 2f, 3f, 4f], 1, 4), ["y"]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("dimensions", error.RuntimeMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Unknown_output_name_is_rejected_by_onnx_runtime()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(Input("x", [1f, 2f, 3f], 1, 3), ["nope"]));

        Assert.Contains("nope", error.RuntimeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_model_file_raises_an_error_from_onnx_runtime()
    {
        var path = Path.Combine(_folder, "corrupt.onnx");
        var bytes = TinyModels.AddConstant().Bytes();
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open(path));

        Assert.NotEqual(OnnxErrorCode.Ok, error.Code);
        Assert.Contains("corrupt.onnx", error.RuntimeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes_are_not_a_model()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes("this is not protobuf"u8));

        Assert.Equal(OnnxErrorCode.InvalidProtobuf, error.Code);
    }

    [Fact]
    public void Missing_model_file_is_reported_as_no_such_file()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open(Path.Combine(_folder, "absent.onnx")));

        Assert.Equal(OnnxErrorCode.NoSuchFile, error.Code);
    }

    [Fact]
    public void Unknown_operator_is_an_invalid_graph()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes(TinyModels.UnknownOperator().Bytes()));

        Assert.Contains("NoSuchOperatorAnywhere", error.RuntimeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_rejected_before_reaching_native_code()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));
        var inputs = new Dictionary<string, OnnxTensor> { ["x"] = new OnnxTensor([1f, 2f], [1, 3]) };

        Assert.Throws<ArgumentException>(() => session.Run(inputs, ["y"]));
    }

    [Fact]
    public void Concurrent_runs_on_one_session_each_get_their_own_correct_result()
    {
        using var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()), new OnnxSessionOptions(IntraOpThreads: 2));
        var failures = 0;

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var batch = 1 + (i % 4);
            var data = Enumerable.Range(0, batch * 3).Select(j => (float)(i * 100 + j)).ToArray();
            var y = session.Run(Input("x", data, batch, 3), ["y"])["y"];
            var expected = data.Select((value, j) => value + (j % 3) + 1).ToArray();
            if (!expected.SequenceEqual(y.Data) || y.Shape[0] != batch)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Dispose_twice_is_safe_and_run_after_dispose_throws()
    {
        var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(Input("x", [1f, 2f, 3f], 1, 3), ["y"]));
    }

    [Fact]
    public void Dispose_during_concurrent_runs_never_crashes_the_process()
    {
        var session = OnnxSession.Open(WriteModel(TinyModels.AddConstant()));
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i == 50)
            {
                session.Dispose();
            }

            try
            {
                var y = session.Run(Input("x", [1f, 1f, 1f], 1, 3), ["y"])["y"];
                outcomes.Add(y.Data.SequenceEqual([2f, 3f, 4f]) ? "ok" : "wrong");
            }
            catch (ObjectDisposedException)
            {
                outcomes.Add("disposed");
            }
        });

        Assert.DoesNotContain("wrong", outcomes);
        Assert.Contains("disposed", outcomes);
    }

    [Theory]
    [InlineData(OnnxGraphOptimization.Disabled)]
    [InlineData(OnnxGraphOptimization.Basic)]
    [InlineData(OnnxGraphOptimization.All)]
    public void Every_option_combination_opens_and_runs(OnnxGraphOptimization optimization)
    {
        var options = new OnnxSessionOptions(IntraOpThreads: 2, InterOpThreads: 2, optimization, ParallelExecution: true);
        using var session = OnnxSession.FromBytes(TinyModels.MatMulRelu().Bytes(), options);

        var relu = session.Run(Input("x", [1f, 2f, 3f, -1f], 2, 2), ["relu"])["relu"];

        Assert.Equal([5f, 0f, 0f, 1f, 0f, 3f], relu.Data);
    }

    [Fact]
    public void Negative_thread_count_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.FromBytes(TinyModels.AddConstant().Bytes(), new OnnxSessionOptions(IntraOpThreads: -1)));
}
