namespace GenreBlazor.OnnxRuntime;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c> in onnxruntime_c_api.h).</summary>
public enum OnnxErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,
    /// <summary>Generic failure.</summary>
    Fail = 1,
    /// <summary>An argument (input name, shape, option…) was rejected.</summary>
    InvalidArgument = 2,
    /// <summary>The model file does not exist.</summary>
    NoSuchFile = 3,
    /// <summary>No model was loaded.</summary>
    NoModel = 4,
    /// <summary>The execution engine failed.</summary>
    EngineError = 5,
    /// <summary>An exception was thrown inside the runtime.</summary>
    RuntimeException = 6,
    /// <summary>The model bytes are not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,
    /// <summary>A model is already loaded.</summary>
    ModelLoaded = 8,
    /// <summary>The operation is not implemented.</summary>
    NotImplemented = 9,
    /// <summary>The graph is invalid (type or shape inference failed, unknown operator…).</summary>
    InvalidGraph = 10,
    /// <summary>An execution provider failed.</summary>
    ExecutionProviderFail = 11,
}

/// <summary>An error reported by ONNX Runtime, carrying its own message and code.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception from ONNX Runtime's status.</summary>
    public OnnxRuntimeException(OnnxErrorCode code, string runtimeMessage)
        : base($"ONNX Runtime error {code} ({(int)code}): {runtimeMessage}")
    {
        Code = code;
        RuntimeMessage = runtimeMessage;
    }

    /// <summary>The numeric <c>OrtErrorCode</c>.</summary>
    public int ErrorCode => (int)Code;

    /// <summary>The error code as an enum.</summary>
    public OnnxErrorCode Code { get; }

    /// <summary>The message exactly as ONNX Runtime wrote it.</summary>
    public string RuntimeMessage { get; }
}
