namespace GenreBlazor.Core.Data;

/// <summary>Which part of the data a movie belongs to.</summary>
public enum SplitPart
{
    /// <summary>Fits the model's weights.</summary>
    Train,
    /// <summary>Tunes thresholds and hyperparameters.</summary>
    Validation,
    /// <summary>Never seen in training; the bundle's reported metrics and the Analyze page come from it.</summary>
    Test,
}

/// <summary>
/// A deterministic split by key (IMDb id when known, else id): the same key always lands in the same part, whatever
/// the file order or machine, so a movie added to the data later never moves an existing movie between parts, and a
/// movie's plot and poster are always in the same part.
/// </summary>
public static class DatasetSplit
{
    /// <summary>Percent of ids in the training part.</summary>
    public const int TrainPercent = 80;

    /// <summary>Percent of ids in the validation part (the rest is the test part).</summary>
    public const int ValidationPercent = 10;

    /// <summary>The part a split key (see <see cref="Movie.SplitKey"/>) belongs to.</summary>
    public static SplitPart PartOf(string key)
    {
        var bucket = Bucket(key);
        return bucket < TrainPercent ? SplitPart.Train
            : bucket < TrainPercent + ValidationPercent ? SplitPart.Validation
            : SplitPart.Test;
    }

    /// <summary>A bucket in 0..99 from the FNV-1a hash of the id's UTF-16 code units (stable across runs and platforms).</summary>
    public static int Bucket(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return (int)(hash % 100);
    }

    /// <summary>The movies of one part, in input order.</summary>
    public static IReadOnlyList<Movie> Select(IEnumerable<Movie> movies, SplitPart part) =>
        movies.Where(m => PartOf(m.SplitKey) == part).ToList();
}
