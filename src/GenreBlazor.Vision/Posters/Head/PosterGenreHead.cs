using System.Text;

namespace GenreBlazor.Vision.Posters.Head;

/// <summary>
/// The poster-only genre classifier on top of <see cref="PosterFeatures"/>: standardise, average the probabilities of
/// one or more <see cref="PosterMlp"/> members, compare with one threshold per label. Thread-safe.
/// </summary>
/// <param name="FeatureVersion">The <see cref="PosterFeatureExtractor.FeatureVersion"/> the head was trained on; features of another version must not be fed to it.</param>
/// <param name="Standardizer">Column standardisation fitted on the training features.</param>
/// <param name="Members">Networks whose probabilities are averaged.</param>
/// <param name="Thresholds">Decision threshold per label (probability ≥ threshold means the genre is predicted).</param>
public sealed record PosterGenreHead(string FeatureVersion, FeatureStandardizer Standardizer, IReadOnlyList<PosterMlp> Members, float[] Thresholds)
{
    private static readonly byte[] Magic = "GBPHEAD1"u8.ToArray();

    public int Labels => Thresholds.Length;

    /// <summary>One probability per label for a raw (not standardised) feature vector.</summary>
    public float[] Probabilities(ReadOnlySpan<float> features)
    {
        var standardised = Standardizer.Apply(features);
        var total = new float[Labels];
        var member = new float[Labels];
        foreach (var network in Members)
        {
            network.Probabilities(standardised, member);
            for (var l = 0; l < Labels; l++)
            {
                total[l] += member[l] / Members.Count;
            }
        }

        return total;
    }

    /// <summary>Probabilities of a poster's features (their width must match the head's).</summary>
    public float[] Probabilities(PosterFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Values.Length != Standardizer.Width)
        {
            throw new ArgumentException($"The head takes {Standardizer.Width} features; these have {features.Values.Length} (another feature version?).", nameof(features));
        }

        return Probabilities(features.Values);
    }

    /// <summary>The labels whose probability reaches their threshold.</summary>
    public IReadOnlyList<int> Predict(ReadOnlySpan<float> features)
    {
        var probabilities = Probabilities(features);
        return Enumerable.Range(0, Labels).Where(l => probabilities[l] >= Thresholds[l]).ToList();
    }

    /// <summary>Writes the head in a compact little-endian binary form (<see cref="Read"/> reads it back).</summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FeatureVersion);
        WriteFloats(writer, Standardizer.Means);
        WriteFloats(writer, Standardizer.Deviations);
        writer.Write(Members.Count);
        foreach (var network in Members)
        {
            writer.Write(network.Inputs);
            writer.Write(network.Hidden);
            writer.Write(network.Labels);
            WriteFloats(writer, network.HiddenWeights);
            WriteFloats(writer, network.HiddenBiases);
            WriteFloats(writer, network.OutputWeights);
            WriteFloats(writer, network.OutputBiases);
        }

        WriteFloats(writer, Thresholds);
    }

    /// <summary>Reads a head written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a poster head.</exception>
    public static PosterGenreHead Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("This is not a poster genre head.");
            }

            var version = reader.ReadString();
            var standardizer = new FeatureStandardizer(ReadFloats(reader), ReadFloats(reader));
            var members = new PosterMlp[reader.ReadInt32()];
            for (var m = 0; m < members.Length; m++)
            {
                int inputs = reader.ReadInt32(), hidden = reader.ReadInt32(), labels = reader.ReadInt32();
                members[m] = new PosterMlp(inputs, hidden, labels, ReadFloats(reader), ReadFloats(reader), ReadFloats(reader), ReadFloats(reader));
            }

            return new PosterGenreHead(version, standardizer, members, ReadFloats(reader));
        }
        catch (Exception exception) when (exception is EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException("The poster genre head is cut short or damaged.", exception);
        }
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > (reader.BaseStream.CanSeek ? (reader.BaseStream.Length - reader.BaseStream.Position) / sizeof(float) : int.MaxValue))
        {
            throw new InvalidDataException("The poster genre head is cut short or damaged.");
        }

        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }
}
