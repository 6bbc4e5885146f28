using System.Text.Json;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Explanations;

/// <summary>One day's explanation counts.</summary>
/// <param name="Day">The UTC day they belong to.</param>
/// <param name="InputTokens">Tokens Bedrock read (prompts).</param>
/// <param name="OutputTokens">Tokens Bedrock wrote (answers).</param>
/// <param name="TotalTokens">Tokens counted against the daily budget.</param>
/// <param name="BedrockCalls">Calls sent to Bedrock, whatever their outcome.</param>
/// <param name="BedrockAnswers">Bedrock answers shown (checked and accepted).</param>
/// <param name="Fallbacks">Times the local explanation stood in for Bedrock (budget spent, failure, refused answer).</param>
/// <param name="LocalOnly">Local explanations with no Bedrock wanted (Bedrock off, or no genre predicted).</param>
/// <param name="CacheHits">Bedrock answers reused from the cache.</param>
public sealed record UsageSnapshot(
    DateOnly Day,
    long InputTokens = 0,
    long OutputTokens = 0,
    long TotalTokens = 0,
    int BedrockCalls = 0,
    int BedrockAnswers = 0,
    int Fallbacks = 0,
    int LocalOnly = 0,
    int CacheHits = 0);

/// <summary>
/// Counts what explanations cost today (UTC) and keeps the count in <see cref="ExplanationOptions.UsageFile"/>, so a
/// restart does not reset the daily token budget. Tokens come from each Bedrock response's usage. Thread-safe.
/// </summary>
public sealed class ExplanationUsage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger<ExplanationUsage> _logger;
    private UsageSnapshot _today;

    /// <summary>Reads today's counts from the usage file, if it holds today's.</summary>
    public ExplanationUsage(IOptions<ExplanationOptions> options, TimeProvider time, ILogger<ExplanationUsage> logger)
    {
        _time = time;
        _logger = logger;
        FilePath = AppPaths.Resolve(options.Value.UsageFile);
        _today = Load() is { } saved && saved.Day == Today() ? saved : new UsageSnapshot(Today());
    }

    /// <summary>The file the counts are kept in.</summary>
    public string FilePath { get; }

    /// <summary>Today's counts (a new day starts at zero).</summary>
    public UsageSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return Roll();
            }
        }
    }

    /// <summary>Whether today's tokens have reached <paramref name="dailyBudget"/> (a budget of 0 or less allows no call).</summary>
    public bool IsSpent(long dailyBudget) => Current.TotalTokens >= dailyBudget;

    /// <summary>Counts one Bedrock call and the tokens its response reports (none when it failed before answering).</summary>
    public void RecordCall(UsageDetails? usage)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        var total = usage?.TotalTokenCount ?? input + output;
        Update(u => u with
        {
            BedrockCalls = u.BedrockCalls + 1,
            InputTokens = u.InputTokens + input,
            OutputTokens = u.OutputTokens + output,
            TotalTokens = u.TotalTokens + total,
        }, save: true);
    }

    /// <summary>Counts a Bedrock answer that was shown.</summary>
    public void RecordAnswer() => Update(u => u with { BedrockAnswers = u.BedrockAnswers + 1 }, save: true);

    /// <summary>Counts a local explanation that stood in for Bedrock.</summary>
    public void RecordFallback() => Update(u => u with { Fallbacks = u.Fallbacks + 1 }, save: true);

    /// <summary>Counts a local explanation when Bedrock was not wanted (kept in memory until the next save).</summary>
    public void RecordLocalOnly() => Update(u => u with { LocalOnly = u.LocalOnly + 1 }, save: false);

    /// <summary>Counts a cached Bedrock answer reused (kept in memory until the next save).</summary>
    public void RecordCacheHit() => Update(u => u with { CacheHits = u.CacheHits + 1 }, save: false);

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private UsageSnapshot Roll() => _today.Day == Today() ? _today : _today = new UsageSnapshot(Today());

    private void Update(Func<UsageSnapshot, UsageSnapshot> change, bool save)
    {
        lock (_gate)
        {
            _today = change(Roll());
            if (save)
            {
                Save(_today);
            }
        }
    }

    private UsageSnapshot? Load()
    {
        try
        {
            return File.Exists(FilePath) ? JsonSerializer.Deserialize<UsageSnapshot>(File.ReadAllText(FilePath), Json) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            _logger.LogWarning("Explanation usage file {File} cannot be read ({Reason}); today's token count starts at zero.", FilePath, e.Message);
            return null;
        }
    }

    private void Save(UsageSnapshot usage)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            // Write then rename: a crash mid-write leaves the previous count, never half a file.
            var temporary = FilePath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(usage, Json));
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Explanation usage cannot be saved to {File} ({Reason}); the budget still holds until the app restarts.", FilePath, e.Message);
        }
    }
}
