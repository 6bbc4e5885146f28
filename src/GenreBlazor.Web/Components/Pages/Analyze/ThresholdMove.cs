namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>New thresholds for the workspace from one of its panels, and what to tell the analyst about them.</summary>
/// <param name="Thresholds">Every genre's threshold, in catalog order.</param>
/// <param name="Message">What the move did, shown under the moves.</param>
public sealed record ThresholdMove(float[] Thresholds, string Message);

/// <summary>How the matrix grid is ordered.</summary>
public enum MatrixOrder
{
    /// <summary>Lowest F1 first: where the work is.</summary>
    F1,
    /// <summary>Most true movies first.</summary>
    Support,
    /// <summary>Alphabetical.</summary>
    Name,
}
