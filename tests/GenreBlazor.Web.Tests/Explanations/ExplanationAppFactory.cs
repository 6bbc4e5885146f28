using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using GenreBlazor.Testing.Bedrock;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenreBlazor.Web.Tests.Explanations;

/// <summary>Keeps every test's AWS credential chain on the fake keys (environment only) for the whole test run.</summary>
internal static class AwsTestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize() => FakeAwsEnvironment.Apply();
}

/// <summary>One log line the app wrote.</summary>
public sealed record LogLine(string Category, LogLevel Level, string Message);

/// <summary>Collects the app's log lines so tests can check that each fallback wrote one.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
    }
}

/// <summary>
/// The app in-process with Bedrock pointed at a fake Bedrock Runtime server on 127.0.0.1 (or turned off), its own
/// usage file and profile folder, and its log lines collected.
/// </summary>
public class ExplanationAppFactory(FakeBedrockServer? bedrock, bool bedrockEnabled, Action<IWebHostBuilder>? configure = null, string? storeFile = null)
    : IsolatedApp("genreblazor-explain-")
{
    public const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    /// <summary>The app's store (a test shares one between two apps to show what a restart or a second replica sees).</summary>
    public override string StorePath => storeFile ?? base.StorePath;

    public CollectingLoggerProvider Logs { get; } = new();

    /// <summary>The fallback log lines of the explanation service.</summary>
    public IReadOnlyList<LogLine> FallbackLines => [.. Logs.Lines.Where(l =>
        l.Category == "GenreBlazor.Web.Explanations.ExplanationService" && l.Level == LogLevel.Warning)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Bedrock:Enabled", bedrockEnabled ? "true" : "false")
            .UseSetting("Bedrock:Region", "us-east-1")
            .UseSetting("Bedrock:ModelId", ModelId)
            .UseSetting("Bedrock:MaxTokens", "256")
            .UseSetting("Bedrock:Temperature", "0.3")
            // Long enough for a first signed call on a loaded CI machine (2 s was not, once); the stall tests set short ones.
            .UseSetting("Bedrock:Timeout", "00:00:20")
            .UseSetting("Bedrock:MaxRetries", "2")
            .UseSetting("Bedrock:RetryBaseDelay", "00:00:00.005")
            .UseSetting("Bedrock:MaxRetryDelay", "00:00:00.020");
        if (bedrock is not null)
        {
            builder.UseSetting("Bedrock:Endpoint", bedrock.Endpoint.ToString());
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        configure?.Invoke(builder);
    }

    /// <summary>The usage ledger's view of today.</summary>
    public Task<GenreBlazor.Storage.Explanations.UsageSnapshot> UsageAsync() =>
        Services.GetRequiredService<GenreBlazor.Web.Explanations.ExplanationUsage>().TodayAsync();

    public static string Seconds(double seconds) => TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>A fake Bedrock server and the app pointed at it, shared by a test class (each test sets the server's script).</summary>
public sealed class BedrockFixture : IAsyncLifetime
{
    public FakeBedrockServer Server { get; private set; } = null!;

    public ExplanationAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeBedrockServer.StartAsync(FakeReply.AwsError(500, "InternalServerException", "No script set."));
        // A short timeout keeps the stall test quick (the fake stalls far longer), yet leaves a loaded machine time
        // for three signed requests in the throttling test (2 s was not enough at a load average of 40).
        App = new ExplanationAppFactory(Server, bedrockEnabled: true,
            builder => builder.UseSetting("Bedrock:Timeout", ExplanationAppFactory.Seconds(5)));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}
