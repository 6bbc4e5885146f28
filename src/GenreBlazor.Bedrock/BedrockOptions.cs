namespace GenreBlazor.Bedrock;

/// <summary>
/// Settings for explaining predictions with Amazon Bedrock, bound from the <c>"Bedrock"</c> section of appsettings.json.
/// </summary>
public sealed class BedrockOptions
{
    public const string SectionName = "Bedrock";

    /// <summary>Whether the app asks Bedrock at all; when false it uses the local explainer. The client itself does not check it.</summary>
    public bool Enabled { get; set; }

    /// <summary>AWS region whose Bedrock Runtime endpoint is called and whose name goes into the SigV4 scope.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Model or inference-profile id (or ARN) passed to Converse; URL-encoded into the path by the client.</summary>
    public string ModelId { get; set; } = "anthropic.claude-3-haiku-20240307-v1:0";

    /// <summary>Default <c>inferenceConfig.maxTokens</c> when the call's <c>ChatOptions.MaxOutputTokens</c> is not set.</summary>
    public int MaxTokens { get; set; } = 400;

    /// <summary>Default <c>inferenceConfig.temperature</c> when the call's <c>ChatOptions.Temperature</c> is not set.</summary>
    public float? Temperature { get; set; } = 0.2f;

    /// <summary>Budget for one whole call: credential lookup, every attempt and every back-off delay.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Optional endpoint override (tests point it at 127.0.0.1); defaults to <c>https://bedrock-runtime.{Region}.amazonaws.com</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How many times a throttled (429) or unavailable (503) call is retried, with exponential back-off and jitter.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off delay; later ones grow exponentially (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on any single back-off delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tokens (input + output) the caller may spend per day; enforced by the caller, not by the client.</summary>
    public long DailyTokenBudget { get; set; } = 200_000;

    /// <summary>Calls this process keeps open at once (explanations and discovery together); enforced by the caller.</summary>
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>Calls that may wait for a free slot; one more is answered locally at once.</summary>
    public int MaxQueuedCalls { get; set; } = 8;

    /// <summary>How long a waiting call waits for a slot before it is answered locally.</summary>
    public TimeSpan CallQueueWait { get; set; } = TimeSpan.FromSeconds(1);

    public Uri ResolveEndpoint() =>
        Endpoint ?? new Uri($"https://bedrock-runtime.{Region}.amazonaws.com");
}
