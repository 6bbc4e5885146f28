using System.Runtime.InteropServices;

namespace GenreBlazor.OnnxRuntime.Native;

/// <summary>
/// The slots of the ONNX Runtime C API function table (<c>struct OrtApi</c>) that this binding calls, and typed
/// accessors for them. Indices were counted in onnxruntime_c_api.h; the table is append-only, so an index valid in
/// the version that introduced it stays valid in every later one (checked against the 1.30 library in the tests).
/// </summary>
internal static unsafe class OrtApi
{
    /// <summary>Version of the table requested from OrtGetApiBase; 1.30 serves every version up to 30.</summary>
    public const uint RequestedApiVersion = 17;

    private const int CreateStatusSlot = 0;
    private const int GetErrorCodeSlot = 1;
    private const int GetErrorMessageSlot = 2;
    private const int CreateEnvSlot = 3;
    private const int CreateSessionSlot = 7;
    private const int CreateSessionFromArraySlot = 8;
    private const int RunSlot = 9;
    private const int CreateSessionOptionsSlot = 10;
    private const int SetSessionExecutionModeSlot = 13;
    private const int SetSessionGraphOptimizationLevelSlot = 23;
    private const int SetIntraOpNumThreadsSlot = 24;
    private const int SetInterOpNumThreadsSlot = 25;
    private const int SessionGetInputCountSlot = 30;
    private const int SessionGetOutputCountSlot = 31;
    private const int SessionGetInputTypeInfoSlot = 33;
    private const int SessionGetOutputTypeInfoSlot = 34;
    private const int SessionGetInputNameSlot = 36;
    private const int SessionGetOutputNameSlot = 37;
    private const int CreateTensorWithDataAsOrtValueSlot = 49;
    private const int GetTensorMutableDataSlot = 51;
    private const int CastTypeInfoToTensorInfoSlot = 55;
    private const int GetOnnxTypeFromTypeInfoSlot = 56;
    private const int GetTensorElementTypeSlot = 60;
    private const int GetDimensionsCountSlot = 61;
    private const int GetDimensionsSlot = 62;
    private const int GetTensorShapeElementCountSlot = 64;
    private const int GetTensorTypeAndShapeSlot = 65;
    private const int CreateCpuMemoryInfoSlot = 69;
    private const int AllocatorFreeSlot = 76;
    private const int GetAllocatorWithDefaultOptionsSlot = 78;
    private const int ReleaseEnvSlot = 92;
    private const int ReleaseStatusSlot = 93;
    private const int ReleaseMemoryInfoSlot = 94;
    private const int ReleaseSessionSlot = 95;
    private const int ReleaseValueSlot = 96;
    private const int ReleaseTypeInfoSlot = 98;
    private const int ReleaseTensorTypeAndShapeInfoSlot = 99;
    private const int ReleaseSessionOptionsSlot = 100;

    private static void* Slot(int index) => OnnxRuntimeLibrary.ApiTable[index];

    public static delegate* unmanaged<int, byte*, nint> CreateStatus => (delegate* unmanaged<int, byte*, nint>)Slot(CreateStatusSlot);
    public static delegate* unmanaged<nint, int> GetErrorCode => (delegate* unmanaged<nint, int>)Slot(GetErrorCodeSlot);
    public static delegate* unmanaged<nint, byte*> GetErrorMessage => (delegate* unmanaged<nint, byte*>)Slot(GetErrorMessageSlot);
    public static delegate* unmanaged<int, byte*, nint*, nint> CreateEnv => (delegate* unmanaged<int, byte*, nint*, nint>)Slot(CreateEnvSlot);
    public static delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession => (delegate* unmanaged<nint, byte*, nint, nint*, nint>)Slot(CreateSessionSlot);
    public static delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint> CreateSessionFromArray => (delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)Slot(CreateSessionFromArraySlot);
    public static delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run => (delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)Slot(RunSlot);
    public static delegate* unmanaged<nint*, nint> CreateSessionOptions => (delegate* unmanaged<nint*, nint>)Slot(CreateSessionOptionsSlot);
    public static delegate* unmanaged<nint, int, nint> SetSessionExecutionMode => (delegate* unmanaged<nint, int, nint>)Slot(SetSessionExecutionModeSlot);
    public static delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel => (delegate* unmanaged<nint, int, nint>)Slot(SetSessionGraphOptimizationLevelSlot);
    public static delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads => (delegate* unmanaged<nint, int, nint>)Slot(SetIntraOpNumThreadsSlot);
    public static delegate* unmanaged<nint, int, nint> SetInterOpNumThreads => (delegate* unmanaged<nint, int, nint>)Slot(SetInterOpNumThreadsSlot);
    public static delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount => (delegate* unmanaged<nint, nuint*, nint>)Slot(SessionGetInputCountSlot);
    public static delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount => (delegate* unmanaged<nint, nuint*, nint>)Slot(SessionGetOutputCountSlot);
    public static delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo => (delegate* unmanaged<nint, nuint, nint*, nint>)Slot(SessionGetInputTypeInfoSlot);
    public static delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo => (delegate* unmanaged<nint, nuint, nint*, nint>)Slot(SessionGetOutputTypeInfoSlot);
    public static delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName => (delegate* unmanaged<nint, nuint, nint, byte**, nint>)Slot(SessionGetInputNameSlot);
    public static delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName => (delegate* unmanaged<nint, nuint, nint, byte**, nint>)Slot(SessionGetOutputNameSlot);
    public static delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue => (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(CreateTensorWithDataAsOrtValueSlot);
    public static delegate* unmanaged<nint, void**, nint> GetTensorMutableData => (delegate* unmanaged<nint, void**, nint>)Slot(GetTensorMutableDataSlot);
    public static delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo => (delegate* unmanaged<nint, nint*, nint>)Slot(CastTypeInfoToTensorInfoSlot);
    public static delegate* unmanaged<nint, int*, nint> GetOnnxTypeFromTypeInfo => (delegate* unmanaged<nint, int*, nint>)Slot(GetOnnxTypeFromTypeInfoSlot);
    public static delegate* unmanaged<nint, int*, nint> GetTensorElementType => (delegate* unmanaged<nint, int*, nint>)Slot(GetTensorElementTypeSlot);
    public static delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount => (delegate* unmanaged<nint, nuint*, nint>)Slot(GetDimensionsCountSlot);
    public static delegate* unmanaged<nint, long*, nuint, nint> GetDimensions => (delegate* unmanaged<nint, long*, nuint, nint>)Slot(GetDimensionsSlot);
    public static delegate* unmanaged<nint, nuint*, nint> GetTensorShapeElementCount => (delegate* unmanaged<nint, nuint*, nint>)Slot(GetTensorShapeElementCountSlot);
    public static delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape => (delegate* unmanaged<nint, nint*, nint>)Slot(GetTensorTypeAndShapeSlot);
    public static delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo => (delegate* unmanaged<int, int, nint*, nint>)Slot(CreateCpuMemoryInfoSlot);
    public static delegate* unmanaged<nint, void*, nint> AllocatorFree => (delegate* unmanaged<nint, void*, nint>)Slot(AllocatorFreeSlot);
    public static delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions => (delegate* unmanaged<nint*, nint>)Slot(GetAllocatorWithDefaultOptionsSlot);
    public static delegate* unmanaged<nint, void> ReleaseEnv => (delegate* unmanaged<nint, void>)Slot(ReleaseEnvSlot);
    public static delegate* unmanaged<nint, void> ReleaseStatus => (delegate* unmanaged<nint, void>)Slot(ReleaseStatusSlot);
    public static delegate* unmanaged<nint, void> ReleaseMemoryInfo => (delegate* unmanaged<nint, void>)Slot(ReleaseMemoryInfoSlot);
    public static delegate* unmanaged<nint, void> ReleaseSession => (delegate* unmanaged<nint, void>)Slot(ReleaseSessionSlot);
    public static delegate* unmanaged<nint, void> ReleaseValue => (delegate* unmanaged<nint, void>)Slot(ReleaseValueSlot);
    public static delegate* unmanaged<nint, void> ReleaseTypeInfo => (delegate* unmanaged<nint, void>)Slot(ReleaseTypeInfoSlot);
    public static delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo => (delegate* unmanaged<nint, void>)Slot(ReleaseTensorTypeAndShapeInfoSlot);
    public static delegate* unmanaged<nint, void> ReleaseSessionOptions => (delegate* unmanaged<nint, void>)Slot(ReleaseSessionOptionsSlot);

    /// <summary>Turns a non-null OrtStatus into an <see cref="OnnxRuntimeException"/> (releasing the status).</summary>
    public static void Check(nint status)
    {
        if (status == 0)
        {
            return;
        }

        int code;
        string message;
        try
        {
            code = GetErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? string.Empty;
        }
        finally
        {
            ReleaseStatus(status);
        }

        throw new OnnxRuntimeException((OnnxErrorCode)code, message);
    }
}
