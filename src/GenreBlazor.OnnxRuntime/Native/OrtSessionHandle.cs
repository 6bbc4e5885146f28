using System.Runtime.InteropServices;

namespace GenreBlazor.OnnxRuntime.Native;

/// <summary>Owns one OrtSession; released exactly once, and never while a Run holds a reference to it.</summary>
internal sealed class OrtSessionHandle : SafeHandle
{
    public OrtSessionHandle(nint session)
        : base(0, ownsHandle: true) => SetHandle(session);

    public override bool IsInvalid => handle == 0;

    protected override unsafe bool ReleaseHandle()
    {
        OrtApi.ReleaseSession(handle);
        return true;
    }
}
