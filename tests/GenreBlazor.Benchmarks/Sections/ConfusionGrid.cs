using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Web.Components.Pages.Analyze;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>The Analyze page's grid reduced to what is measured: one <see cref="ConfusionMatrix"/> per genre.</summary>
public sealed class ConfusionGrid : ComponentBase
{
    /// <summary>Every genre's matrix, in catalog order.</summary>
    [Parameter]
    public IReadOnlyList<LabelConfusion> Matrices { get; set; } = [];

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        for (var label = 0; label < Matrices.Count; label++)
        {
            builder.OpenComponent<ConfusionMatrix>(0);
            builder.AddComponentParameter(1, nameof(ConfusionMatrix.Matrix), Matrices[label]);
            builder.AddComponentParameter(2, nameof(ConfusionMatrix.Genre), GenreCatalog.All[label]);
            builder.CloseComponent();
        }
    }
}
