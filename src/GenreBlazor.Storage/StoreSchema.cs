namespace GenreBlazor.Storage;

/// <summary>
/// The tables one feature owns, as the steps that build them: step <c>n</c> runs once, after step <c>n − 1</c>, and is
/// recorded, so a feature changes its tables by adding a step and never edits one that has run. Features evolve
/// independently because each part is versioned on its own.
/// </summary>
/// <param name="Part">The feature's name, e.g. <c>profiles</c> (unique in the app).</param>
/// <param name="Steps">The SQL of each step for a dialect, oldest first; a step may hold several statements separated by <c>;</c>.</param>
public sealed record StoreSchema(string Part, Func<SqlDialect, IReadOnlyList<string>> Steps);
