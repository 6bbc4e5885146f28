namespace GenreBlazor.Imaging.Jpeg;

/// <summary>
/// CMYK → RGB without a colour profile (the same naive formula browsers use for untagged CMYK JPEGs).
/// Adobe applications write CMYK inverted (0 = full ink), so R = C·K/255 there; others write plain ink
/// amounts, so R = (255 − C)(255 − K)/255.
/// </summary>
internal static class CmykConversion
{
    public static byte[] ToRgb(ReadOnlySpan<byte> cmyk, bool inverted)
    {
        var pixelCount = cmyk.Length / 4;
        var rgb = new byte[pixelCount * 3];
        for (int source = 0, target = 0; source < cmyk.Length; source += 4, target += 3)
        {
            int c = cmyk[source], m = cmyk[source + 1], y = cmyk[source + 2], k = cmyk[source + 3];
            if (!inverted)
            {
                (c, m, y, k) = (255 - c, 255 - m, 255 - y, 255 - k);
            }

            rgb[target] = Scale(c, k);
            rgb[target + 1] = Scale(m, k);
            rgb[target + 2] = Scale(y, k);
        }

        return rgb;
    }

    private static byte Scale(int ink, int key) => (byte)(((ink * key) + 127) / 255);
}
