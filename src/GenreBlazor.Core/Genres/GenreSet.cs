using System.Numerics;

namespace GenreBlazor.Core.Genres;

/// <summary>A set of genres stored as a bit mask over <see cref="GenreCatalog"/> label indices.</summary>
public readonly record struct GenreSet(uint Bits)
{
    public static GenreSet Empty => default;

    public int Count => BitOperations.PopCount(Bits);

    public bool Contains(int label) => (Bits & (1u << label)) != 0;

    public GenreSet With(int label) => new(Bits | (1u << label));

    /// <summary>Label indices in ascending order.</summary>
    public IEnumerable<int> Labels()
    {
        for (var bits = Bits; bits != 0; bits &= bits - 1)
        {
            yield return BitOperations.TrailingZeroCount(bits);
        }
    }

    /// <summary>Genre names in catalog order.</summary>
    public IEnumerable<string> Names() => Labels().Select(label => GenreCatalog.All[label]);

    /// <summary>Builds a set from genre names; throws on a name outside the catalog.</summary>
    public static GenreSet FromNames(IEnumerable<string> names)
    {
        var set = Empty;
        foreach (var name in names)
        {
            var label = GenreCatalog.IndexOf(name);
            if (label < 0)
            {
                throw new ArgumentException($"'{name}' is not one of the {GenreCatalog.Count} genres ({string.Join(", ", GenreCatalog.All)}).", nameof(names));
            }
            set = set.With(label);
        }
        return set;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join("|", Names());
}
