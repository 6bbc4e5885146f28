using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using GenreBlazor.OnnxRuntime.Native;

namespace GenreBlazor.OnnxRuntime;

/// <summary>
/// One loaded ONNX model. Load it once and share it: <see cref="Run(IReadOnlyDictionary{string, OnnxTensor}, IReadOnlyList{string})"/>
/// may be called from many threads at once (OrtRun is thread-safe for a session, and every native object a call
/// creates is local to that call). Disposing while runs are in flight is safe: the native session is released when
/// the last of them returns, and later calls throw <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private const int OnnxTypeTensor = 1;
    private const int OrtSequential = 0;
    private const int OrtParallel = 1;

    private readonly OrtSessionHandle _handle;

    private OnnxSession(OrtSessionHandle handle, IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs)
    {
        _handle = handle;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The model's inputs in graph order.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>The model's outputs in graph order.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>The version of the loaded ONNX Runtime library, e.g. "1.30.0".</summary>
    public static string RuntimeVersion => OnnxRuntimeLibrary.Version;

    /// <summary>Loads a model from an .onnx file.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the file (missing, corrupt, invalid graph…).</exception>
    public static OnnxSession Open(string modelPath, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        return Create(options, (env, sessionOptions) =>
        {
            nint session;
            if (OperatingSystem.IsWindows())
            {
                // ORTCHAR_T is wchar_t on Windows and char (UTF-8) elsewhere.
                fixed (char* path = fullPath)
                {
                    OrtApi.Check(OrtApi.CreateSession(env, (byte*)path, sessionOptions, &session));
                }
            }
            else
            {
                fixed (byte* path = NullTerminatedUtf8(fullPath))
                {
                    OrtApi.Check(OrtApi.CreateSession(env, path, sessionOptions, &session));
                }
            }

            return session;
        });
    }

    /// <summary>Loads a model from the bytes of an .onnx file.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the bytes.</exception>
    public static OnnxSession FromBytes(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null)
    {
        if (model.IsEmpty)
        {
            throw new ArgumentException("The model is empty.", nameof(model));
        }

        var copy = model.ToArray();
        return Create(options, (env, sessionOptions) =>
        {
            nint session;
            fixed (byte* data = copy)
            {
                OrtApi.Check(OrtApi.CreateSessionFromArray(env, data, (nuint)copy.Length, sessionOptions, &session));
            }

            return session;
        });
    }

    /// <summary>Runs the model and returns every output.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs) =>
        Run(inputs, Outputs.Select(output => output.Name).ToArray());

    /// <summary>Runs the model on float tensors and returns the requested float outputs, keyed by name.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the inputs (unknown name, wrong shape…) or failed.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        if (inputs.Count == 0 || outputNames.Count == 0)
        {
            throw new ArgumentException("Run needs at least one input and one output name.");
        }

        var inputList = inputs.ToArray();
        foreach (var (name, tensor) in inputList)
        {
            ArgumentNullException.ThrowIfNull(tensor, name);
            tensor.Validate(name);
        }

        if (outputNames.Any(name => name is null))
        {
            throw new ArgumentException("Output names must not be null.", nameof(outputNames));
        }

        var referenced = false;
        NativeStrings? inputNames = null;
        NativeStrings? outputNameStrings = null;
        var pins = new MemoryHandle[inputList.Length];
        var inputValues = new nint[inputList.Length];
        var outputValues = new nint[outputNames.Count];
        try
        {
            _handle.DangerousAddRef(ref referenced);
            inputNames = new NativeStrings(inputList.Select(input => input.Key));
            outputNameStrings = new NativeStrings(outputNames);
            for (var i = 0; i < inputList.Length; i++)
            {
                inputValues[i] = CreateInputValue(inputList[i].Value, ref pins[i]);
            }

            fixed (nint* inputNamePointers = inputNames.Pointers, inputValuePointers = inputValues)
            fixed (nint* outputNamePointers = outputNameStrings.Pointers, outputValuePointers = outputValues)
            {
                OrtApi.Check(OrtApi.Run(
                    _handle.DangerousGetHandle(), 0,
                    inputNamePointers, inputValuePointers, (nuint)inputValues.Length,
                    outputNamePointers, (nuint)outputValues.Length, outputValuePointers));
            }

            var results = new Dictionary<string, OnnxTensor>(outputValues.Length, StringComparer.Ordinal);
            for (var i = 0; i < outputValues.Length; i++)
            {
                results[outputNames[i]] = ReadFloatTensor(outputNames[i], outputValues[i]);
            }

            return results;
        }
        finally
        {
            foreach (var value in outputValues.Concat(inputValues).Where(value => value != 0))
            {
                OrtApi.ReleaseValue(value);
            }

            foreach (var pin in pins)
            {
                pin.Dispose();
            }

            inputNames?.Dispose();
            outputNameStrings?.Dispose();
            if (referenced)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>Releases the native session (deferred until in-flight runs finish). Safe to call more than once.</summary>
    public void Dispose() => _handle.Dispose();

    private static OnnxSession Create(OnnxSessionOptions? options, Func<nint, nint, nint> createSession)
    {
        var env = OrtEnvironment.Handle;
        nint sessionOptions;
        OrtApi.Check(OrtApi.CreateSessionOptions(&sessionOptions));
        OrtSessionHandle? handle = null;
        try
        {
            Configure(sessionOptions, options ?? OnnxSessionOptions.Default);
            handle = new OrtSessionHandle(createSession(env, sessionOptions));
            var session = handle.DangerousGetHandle();
            var inputs = ReadValueInfos(session, OrtApi.SessionGetInputCount, OrtApi.SessionGetInputName, OrtApi.SessionGetInputTypeInfo);
            var outputs = ReadValueInfos(session, OrtApi.SessionGetOutputCount, OrtApi.SessionGetOutputName, OrtApi.SessionGetOutputTypeInfo);
            return new OnnxSession(handle, inputs, outputs);
        }
        catch
        {
            handle?.Dispose();
            throw;
        }
        finally
        {
            OrtApi.ReleaseSessionOptions(sessionOptions);
        }
    }

    private static void Configure(nint sessionOptions, OnnxSessionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InterOpThreads);
        OrtApi.Check(OrtApi.SetIntraOpNumThreads(sessionOptions, options.IntraOpThreads));
        OrtApi.Check(OrtApi.SetInterOpNumThreads(sessionOptions, options.InterOpThreads));
        OrtApi.Check(OrtApi.SetSessionGraphOptimizationLevel(sessionOptions, (int)options.GraphOptimization));
        OrtApi.Check(OrtApi.SetSessionExecutionMode(sessionOptions, options.ParallelExecution ? OrtParallel : OrtSequential));
    }

    private static OnnxValueInfo[] ReadValueInfos(
        nint session,
        delegate* unmanaged<nint, nuint*, nint> getCount,
        delegate* unmanaged<nint, nuint, nint, byte**, nint> getName,
        delegate* unmanaged<nint, nuint, nint*, nint> getTypeInfo)
    {
        nuint count;
        OrtApi.Check(getCount(session, &count));
        var infos = new OnnxValueInfo[(int)count];
        var allocator = OrtEnvironment.DefaultAllocator;
        for (nuint i = 0; i < count; i++)
        {
            byte* namePointer;
            OrtApi.Check(getName(session, i, allocator, &namePointer));
            string name;
            try
            {
                name = Marshal.PtrToStringUTF8((nint)namePointer) ?? string.Empty;
            }
            finally
            {
                OrtApi.Check(OrtApi.AllocatorFree(allocator, namePointer));
            }

            nint typeInfo;
            OrtApi.Check(getTypeInfo(session, i, &typeInfo));
            try
            {
                infos[(int)i] = DescribeType(name, typeInfo);
            }
            finally
            {
                OrtApi.ReleaseTypeInfo(typeInfo);
            }
        }

        return infos;
    }

    private static OnnxValueInfo DescribeType(string name, nint typeInfo)
    {
        int onnxType;
        OrtApi.Check(OrtApi.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType));
        if (onnxType != OnnxTypeTensor)
        {
            return new OnnxValueInfo(name, OnnxElementType.Undefined, []);
        }

        nint tensorInfo; // owned by typeInfo: not released here
        OrtApi.Check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        int elementType;
        OrtApi.Check(OrtApi.GetTensorElementType(tensorInfo, &elementType));
        return new OnnxValueInfo(name, (OnnxElementType)elementType, ReadDimensions(tensorInfo));
    }

    private static long[] ReadDimensions(nint tensorInfo)
    {
        nuint rank;
        OrtApi.Check(OrtApi.GetDimensionsCount(tensorInfo, &rank));
        var shape = new long[(int)rank];
        fixed (long* dimensions = shape)
        {
            OrtApi.Check(OrtApi.GetDimensions(tensorInfo, dimensions, rank));
        }

        return shape;
    }

    private static nint CreateInputValue(OnnxTensor tensor, ref MemoryHandle pin)
    {
        // The OrtValue borrows the managed array, so it stays pinned until the value is released after Run.
        pin = tensor.Data.AsMemory().Pin();
        nint value;
        fixed (long* shape = tensor.Shape)
        {
            OrtApi.Check(OrtApi.CreateTensorWithDataAsOrtValue(
                OrtEnvironment.CpuMemoryInfo, pin.Pointer, (nuint)((long)tensor.Data.Length * sizeof(float)),
                shape, (nuint)tensor.Shape.Length, (int)OnnxElementType.Float, &value));
        }

        return value;
    }

    private static OnnxTensor ReadFloatTensor(string name, nint value)
    {
        nint info;
        OrtApi.Check(OrtApi.GetTensorTypeAndShape(value, &info));
        long[] shape;
        nuint count;
        try
        {
            int elementType;
            OrtApi.Check(OrtApi.GetTensorElementType(info, &elementType));
            if (elementType != (int)OnnxElementType.Float)
            {
                throw new NotSupportedException($"Output '{name}' holds {(OnnxElementType)elementType} values; only float outputs can be read.");
            }

            shape = ReadDimensions(info);
            OrtApi.Check(OrtApi.GetTensorShapeElementCount(info, &count));
        }
        finally
        {
            OrtApi.ReleaseTensorTypeAndShapeInfo(info);
        }

        var data = new float[checked((int)count)];
        if (data.Length > 0)
        {
            void* source;
            OrtApi.Check(OrtApi.GetTensorMutableData(value, &source));
            new ReadOnlySpan<float>(source, data.Length).CopyTo(data);
        }

        return new OnnxTensor(data, shape);
    }

    private static byte[] NullTerminatedUtf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Null-terminated UTF-8 copies of names in native memory, for the char* arrays of OrtRun.</summary>
    private sealed class NativeStrings : IDisposable
    {
        public NativeStrings(IEnumerable<string> names)
        {
            var list = names.ToList();
            Pointers = new nint[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                Pointers[i] = Marshal.StringToCoTaskMemUTF8(list[i]);
            }
        }

        public nint[] Pointers { get; }

        public void Dispose()
        {
            for (var i = 0; i < Pointers.Length; i++)
            {
                Marshal.FreeCoTaskMem(Pointers[i]);
                Pointers[i] = 0;
            }
        }
    }
}
