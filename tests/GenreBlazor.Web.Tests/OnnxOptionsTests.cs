using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace GenreBlazor.Web.Tests;

public sealed class OnnxOptionsTests(GenreBlazorFactory factory) : IClassFixture<GenreBlazorFactory>
{
    [Fact]
    public void The_session_settings_come_from_GenreModel_Onnx_in_appsettings_and_the_environment()
    {
        var defaults = factory.Services.GetRequiredService<IOptions<GenreModelOptions>>().Value.Onnx;
        using var configured = factory.WithWebHostBuilder(builder => builder
            .UseSetting("GenreModel:Onnx:IntraOpThreads", "2")
            .UseSetting("GenreModel:Onnx:ParallelImages", "1")
            .UseSetting("GenreModel:Onnx:GraphOptimization", "ORT_ENABLE_BASIC"));

        var onnx = configured.Services.GetRequiredService<IOptions<GenreModelOptions>>().Value.Onnx;

        // appsettings.json: the two crops at once, one thread each, no spinning (decision 0038).
        Assert.Equal((1, 2, false, GraphOptimizationLevel.ORT_ENABLE_ALL), (defaults.IntraOpThreads, defaults.EffectiveParallelImages, defaults.AllowSpinning, defaults.GraphOptimization));
        Assert.Equal((2, 1, GraphOptimizationLevel.ORT_ENABLE_BASIC), (onnx.IntraOpThreads, onnx.EffectiveParallelImages, onnx.GraphOptimization));
    }
}
