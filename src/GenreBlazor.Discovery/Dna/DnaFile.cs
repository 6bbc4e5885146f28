using System.IO.Compression;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Discovery.Dna;

/// <summary>
/// The catalog DNA on disk: titles, years, genres and languages, and every vector as int8 with one float scale per
/// row (a quarter of float32; decision 0070 measures that genre-overlap@10 does not move), gzip-compressed.
/// Loading turns the rows back into unit-length floats, so a search is float math over one array.
/// </summary>
public static class DnaFile
{
    private const string Magic = "GenreBlazor DNA 1";

    public static void Write(DnaCatalog catalog, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var writer = new BinaryWriter(gzip))
        {
            writer.Write(Magic);
            writer.Write(catalog.Embedder);
            writer.Write(catalog.Count);
            writer.Write(catalog.PlotWidth);
            writer.Write(catalog.PosterWidth);
            foreach (var movie in catalog.Movies)
            {
                writer.Write(movie.Id);
                writer.Write(movie.Title);
                writer.Write(movie.Year ?? -1);
                writer.Write(movie.Genres.Bits);
                writer.Write(movie.Language);
            }
            for (var i = 0; i < catalog.Count; i++)
            {
                WriteRow(writer, catalog.Plot(i));
            }
            for (var i = 0; i < catalog.Count && catalog.PosterWidth > 0; i++)
            {
                writer.Write(catalog.HasPoster[i]);
                if (catalog.HasPoster[i])
                {
                    WriteRow(writer, catalog.Poster(i));
                }
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="InvalidDataException">The file is not a DNA file or is cut short.</exception>
    public static DnaCatalog Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new BinaryReader(gzip);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path} is not a GenreBlazor DNA file.");
            }
            var embedder = reader.ReadString();
            var count = reader.ReadInt32();
            var plotWidth = reader.ReadInt32();
            var posterWidth = reader.ReadInt32();
            var movies = new CatalogMovie[count];
            for (var i = 0; i < count; i++)
            {
                var id = reader.ReadString();
                var title = reader.ReadString();
                var year = reader.ReadInt32();
                var genres = new GenreSet(reader.ReadUInt32());
                movies[i] = new CatalogMovie(id, title, year < 0 ? null : year, genres, reader.ReadString());
            }
            var plots = new float[count * plotWidth];
            for (var i = 0; i < count; i++)
            {
                ReadRow(reader, plots.AsSpan(i * plotWidth, plotWidth));
            }
            float[]? posters = null;
            if (posterWidth > 0)
            {
                posters = new float[count * posterWidth];
                for (var i = 0; i < count; i++)
                {
                    if (reader.ReadBoolean())
                    {
                        ReadRow(reader, posters.AsSpan(i * posterWidth, posterWidth));
                    }
                }
            }
            return new DnaCatalog(embedder, movies, plots, plotWidth, posters, posterWidth);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException && e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path} is damaged or cut short ({e.Message}); rebuild it with `genreblazor dna`.", e);
        }
    }

    private static void WriteRow(BinaryWriter writer, ReadOnlySpan<float> row)
    {
        var quantized = new sbyte[row.Length];
        var scale = Int8Rows.Quantize(row, quantized);
        writer.Write(scale);
        foreach (var value in quantized)
        {
            writer.Write(value);
        }
    }

    private static void ReadRow(BinaryReader reader, Span<float> row)
    {
        var scale = reader.ReadSingle();
        var quantized = new sbyte[row.Length];
        for (var j = 0; j < row.Length; j++)
        {
            quantized[j] = reader.ReadSByte();
        }
        Int8Rows.Dequantize(quantized, scale, row);
    }
}
