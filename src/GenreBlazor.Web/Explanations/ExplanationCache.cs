using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GenreBlazor.Core.Explanations;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Explanations;

/// <summary>A Bedrock answer kept for reuse.</summary>
/// <param name="Text">The checked answer.</param>
/// <param name="Model">The Bedrock model that wrote it.</param>
public sealed record CachedAnswer(string Text, string Model);

/// <summary>
/// Bedrock's checked answers, keyed by model version, plot hash and thresholds (plus the Bedrock model and the prompt
/// version), so the same question is paid for once. Bounded by <see cref="ExplanationOptions.CacheEntries"/>; entries
/// live a day. Only accepted answers are kept: a fallback is retried on the next request. Thread-safe.
/// </summary>
public sealed class ExplanationCache(IOptions<ExplanationOptions> options) : IDisposable
{
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheEntries) });

    /// <summary>The key of a question: every input that changes the answer.</summary>
    public static string Key(string modelVersion, string bedrockModel, string plot, IReadOnlyList<float> thresholds)
    {
        var plotHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plot)));
        var cut = string.Join(",", thresholds.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)));
        return $"{ExplanationPrompt.Version}|{modelVersion}|{bedrockModel}|{plotHash}|{cut}";
    }

    /// <summary>The answer kept under <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out CachedAnswer answer) => _answers.TryGetValue(key, out answer!);

    /// <summary>Keeps an accepted answer.</summary>
    public void Set(string key, CachedAnswer answer) =>
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) });

    /// <summary>How many answers are kept.</summary>
    public int Count => _answers.Count;

    /// <summary>Releases the cache.</summary>
    public void Dispose() => _answers.Dispose();
}
