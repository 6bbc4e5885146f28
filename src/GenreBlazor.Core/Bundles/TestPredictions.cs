namespace GenreBlazor.Core.Bundles;

/// <summary>A test movie with its true genres and the model's probability for every genre.</summary>
/// <param name="Id">Its id in the training CSV.</param>
/// <param name="ImdbId">IMDb id, may be empty.</param>
/// <param name="Title">Title.</param>
/// <param name="Year">Release year, when known.</param>
/// <param name="Genres">True genres.</param>
/// <param name="Overview">The plot.</param>
/// <param name="Scores">Probability per genre, in the bundle's genre order.</param>
public sealed record ScoredMovie(string Id, string ImdbId, string Title, int? Year, IReadOnlyList<string> Genres, string Overview, IReadOnlyList<float> Scores);

/// <summary>A held-out part's movies as one model scored them; the Analyze page draws its matrices and curves from it.</summary>
/// <param name="Genres">Genre order of the scores.</param>
/// <param name="Items">The movies.</param>
public sealed record TestPredictions(IReadOnlyList<string> Genres, IReadOnlyList<ScoredMovie> Items)
{
    /// <summary>Writes the file as a bundle holds it (<see cref="ModelBundle.Json"/>).</summary>
    public void Write(string path) => File.WriteAllBytes(path, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, ModelBundle.Json));
}
