namespace GenreBlazor.Imaging.Png;

/// <summary>
/// Flattens RGBA onto a white background in sRGB space: out = c·a + 255·(1 − a). That is what a browser
/// shows for a transparent poster on a white page, so the server sees what the person saw (decision 0017).
/// </summary>
internal static class AlphaCompositing
{
    public static byte[] OntoWhite(ReadOnlySpan<byte> rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int source = 0, target = 0; source < rgba.Length; source += 4, target += 3)
        {
            int alpha = rgba[source + 3], background = 255 * (255 - alpha);
            rgb[target] = Blend(rgba[source], alpha, background);
            rgb[target + 1] = Blend(rgba[source + 1], alpha, background);
            rgb[target + 2] = Blend(rgba[source + 2], alpha, background);
        }

        return rgb;
    }

    private static byte Blend(int colour, int alpha, int background) => (byte)(((colour * alpha) + background + 127) / 255);
}
