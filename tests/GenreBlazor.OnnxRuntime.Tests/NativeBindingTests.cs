using System.Runtime.InteropServices;
using GenreBlazor.OnnxRuntime.Native;

namespace GenreBlazor.OnnxRuntime.Tests;

public class NativeBindingTests
{
    [Fact]
    public unsafe void Status_slots_round_trip_a_code_and_a_message()
    {
        // CreateStatus (slot 0), GetErrorCode (1), GetErrorMessage (2) and ReleaseStatus (93) checked together:
        // a wrong index would crash or return something else.
        nint status;
        fixed (byte* message = "slot check\0"u8)
        {
            status = OrtApi.CreateStatus((int)OnnxErrorCode.NotImplemented, message);
        }

        var error = Assert.Throws<OnnxRuntimeException>(() => OrtApi.Check(status));

        Assert.Equal(OnnxErrorCode.NotImplemented, error.Code);
        Assert.Equal("slot check", error.RuntimeMessage);
    }

    [Fact]
    public void Null_status_means_success() => OrtApi.Check(0);

    [Fact]
    public void Configured_folder_comes_first_in_the_search()
    {
        var folder = Directory.CreateTempSubdirectory("genreblazor-ort-path-").FullName;
        try
        {
            var candidates = OnnxRuntimeLibrary.CandidatePaths(folder, ["/opt/app"]).ToList();

            Assert.Equal(Path.Combine(folder, "libonnxruntime.so.1"), candidates[0]);
            Assert.Contains("/opt/app/libonnxruntime.so.1", candidates);
            Assert.Equal("libonnxruntime.so.1", candidates[^2]);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Configured_file_is_tried_as_is()
    {
        var candidates = OnnxRuntimeLibrary.CandidatePaths("/somewhere/libonnxruntime.so.1.30.0", []).ToList();

        Assert.Equal("/somewhere/libonnxruntime.so.1.30.0", candidates[0]);
    }

    [Fact]
    public void Library_was_loaded_from_the_output_folder()
    {
        Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), "the binding ships the Linux library only");
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so.1"), OnnxRuntimeLibrary.LoadedFrom);
    }
}
