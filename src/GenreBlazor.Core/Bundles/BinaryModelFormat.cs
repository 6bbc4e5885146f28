using System.Text;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.Bundles;

/// <summary>Thrown when a model bundle is missing, corrupt, or of an unknown format; the message says which file and what to do.</summary>
public sealed class ModelBundleException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads and writes the pieces of a model as compact little-endian binary: a four-letter magic and a format version
/// first, strings as length-prefixed UTF-8, large weight tables as IEEE half floats (a weight or a word-vector
/// component needs no more than three significant digits, and halving the size keeps the committed bundle small).
/// </summary>
internal static class BinaryModelFormat
{
    public static void WriteHeader(BinaryWriter writer, string magic, int version)
    {
        writer.Write(Encoding.ASCII.GetBytes(magic));
        writer.Write(version);
    }

    public static void ReadHeader(BinaryReader reader, string magic, int version, string file)
    {
        var found = Encoding.ASCII.GetString(reader.ReadBytes(magic.Length));
        if (found != magic)
        {
            throw new ModelBundleException($"{file} is not a GenreBlazor {magic} file (it starts with '{found}').");
        }
        var foundVersion = reader.ReadInt32();
        if (foundVersion != version)
        {
            throw new ModelBundleException($"{file} has format version {foundVersion}; this build reads version {version}. Retrain the bundle with this build.");
        }
    }

    public static void WriteHalves(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        var halves = new Half[values.Length];
        System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(values, halves);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()));
    }

    public static float[] ReadHalves(BinaryReader reader)
    {
        var count = ReadCount(reader, 1 << 28);
        var halves = new Half[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new EndOfStreamException();
        }
        var values = new float[count];
        System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(halves, values);
        return values;
    }

    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[ReadCount(reader, 1 << 28)];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new EndOfStreamException();
        }
        return values;
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[ReadCount(reader, 1 << 24)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }

    public static void WriteInts(BinaryWriter writer, IReadOnlyList<int> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[ReadCount(reader, 1 << 24)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }
        return values;
    }

    public static int ReadCount(BinaryReader reader, int max)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > max)
        {
            throw new InvalidDataException($"A table claims {count} entries.");
        }
        return count;
    }

    /// <summary>Writes a linear model with its weights as half floats (labels unpadded).</summary>
    public static void WriteLinearModel(BinaryWriter writer, LinearModel model)
    {
        writer.Write(model.Columns);
        writer.Write(model.Labels);
        var packed = new float[model.Columns * model.Labels];
        for (var j = 0; j < model.Columns; j++)
        {
            model.Weights.AsSpan(j * model.Stride, model.Labels).CopyTo(packed.AsSpan(j * model.Labels));
        }
        WriteHalves(writer, packed);
        WriteFloats(writer, model.Biases);
    }

    public static LinearModel ReadLinearModel(BinaryReader reader)
    {
        var columns = ReadCount(reader, 1 << 24);
        var labels = ReadCount(reader, 64);
        var packed = ReadHalves(reader);
        var biases = ReadFloats(reader);
        if (packed.Length != columns * labels || biases.Length != labels)
        {
            throw new InvalidDataException("The weight table does not match its declared size.");
        }
        var stride = LinearModel.StrideFor(labels);
        var weights = new float[columns * stride];
        for (var j = 0; j < columns; j++)
        {
            packed.AsSpan(j * labels, labels).CopyTo(weights.AsSpan(j * stride));
        }
        return new LinearModel(columns, labels, weights, biases);
    }

    public static void WriteVocabulary(BinaryWriter writer, Vocabulary vocabulary, TfIdfWeighting weighting)
    {
        WriteStrings(writer, vocabulary.Terms);
        WriteInts(writer, vocabulary.DocumentFrequencies);
        WriteFloats(writer, weighting.Idf);
    }

    public static (Vocabulary Vocabulary, TfIdfWeighting Weighting) ReadVocabulary(BinaryReader reader)
    {
        var terms = ReadStrings(reader);
        var frequencies = ReadInts(reader);
        var idf = ReadFloats(reader);
        if (terms.Length != frequencies.Length || terms.Length != idf.Length)
        {
            throw new InvalidDataException("A vocabulary's terms, frequencies and idf differ in length.");
        }
        return (new Vocabulary(terms, frequencies), new TfIdfWeighting(idf));
    }
}
