namespace GenreBlazor.Imaging;

/// <summary>Where a square crop sits along the image's longer side.</summary>
public enum SquareAnchor
{
    /// <summary>At the top of a portrait image, the left of a landscape one (where a poster's title often is).</summary>
    Start,

    Centre,

    /// <summary>At the bottom of a portrait image, the right of a landscape one.</summary>
    End,
}
