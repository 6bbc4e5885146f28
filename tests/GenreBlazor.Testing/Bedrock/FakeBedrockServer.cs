using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenreBlazor.Testing.Bedrock;

/// <summary>One request as the fake server saw it.</summary>
public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    SignatureVerdict Signature)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>What the fake server does with the n-th request.</summary>
public abstract record FakeReply
{
    public static FakeReply Converse(
        string text = "Dark tone and a heist plot point to Crime.",
        string stopReason = "end_turn",
        int inputTokens = 120,
        int outputTokens = 30) =>
        Json(200, JsonSerializer.Serialize(new
        {
            output = new { message = new { role = "assistant", content = new[] { new { text } } } },
            stopReason,
            usage = new { inputTokens, outputTokens, totalTokens = inputTokens + outputTokens },
            metrics = new { latencyMs = 412 },
        }));

    public static FakeReply Json(int status, string body, string? errorTypeHeader = null) => new JsonReply(status, body, errorTypeHeader);

    public static FakeReply AwsError(int status, string errorType, string message) =>
        Json(status, $$"""{"message":{{JsonSerializer.Serialize(message)}}}""",
            $"{errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/");

    public static FakeReply Stall(TimeSpan delay) => new StallReply(delay);

    public static FakeReply DropConnection() => new DropReply();

    /// <summary>Holds the request open until <paramref name="release"/> completes, then answers with <paramref name="then"/>.</summary>
    public static FakeReply HeldUntil(Task release, FakeReply then) => new HeldReply(release, then);
}

public sealed record JsonReply(int Status, string Body, string? ErrorTypeHeader) : FakeReply;

public sealed record StallReply(TimeSpan Delay) : FakeReply;

public sealed record DropReply : FakeReply;

public sealed record HeldReply(Task Release, FakeReply Then) : FakeReply;

/// <summary>
/// A stand-in for Bedrock Runtime on 127.0.0.1: accepts <c>POST /model/{id}/converse</c>, verifies the SigV4 signature
/// with the known test secrets (answering 403 InvalidSignatureException like AWS when it is wrong), records every
/// request, and answers as the test's script says.
/// </summary>
public sealed class FakeBedrockServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private Func<ReceivedRequest, int, FakeReply> _script;
    private ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Dictionary<string, string> _secrets;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeBedrockServer(WebApplication app, Func<ReceivedRequest, int, FakeReply> script, Dictionary<string, string> secrets)
    {
        _app = app;
        _script = script;
        _secrets = secrets;
    }

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Requests open now (received and not yet answered).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that were open at once since the last <see cref="Reply(Func{ReceivedRequest, int, FakeReply})"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>
    /// Gives a running server a new script and forgets the requests seen so far (numbering restarts at 1), so one
    /// server can serve a whole test class.
    /// </summary>
    public void Reply(Func<ReceivedRequest, int, FakeReply> script)
    {
        _script = script;
        _requests = new ConcurrentQueue<ReceivedRequest>();
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
    }

    /// <summary>Answers every later request the same way (see <see cref="Reply(Func{ReceivedRequest, int, FakeReply})"/>).</summary>
    public void Reply(FakeReply always) => Reply((_, _) => always);

    /// <summary>Starts a server whose <paramref name="script"/> gets each request and its 1-based number.</summary>
    public static async Task<FakeBedrockServer> StartAsync(
        Func<ReceivedRequest, int, FakeReply> script,
        IReadOnlyDictionary<string, string>? extraSecrets = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var secrets = new Dictionary<string, string> { [FakeAwsKeys.AccessKeyId] = FakeAwsKeys.SecretAccessKey };
        foreach (var (id, secret) in extraSecrets ?? new Dictionary<string, string>())
        {
            secrets[id] = secret;
        }

        var server = new FakeBedrockServer(app, script, secrets);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Endpoint = new Uri(address);
        return server;
    }

    /// <summary>Starts a server that answers every request the same way.</summary>
    public static Task<FakeBedrockServer> StartAsync(FakeReply always) => StartAsync((_, _) => always);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var open = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); open > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, open, max);
        }
        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());

        var verdict = SigV4Verifier.Verify(context.Request.Method, rawTarget, headers, body, _secrets, "us-east-1", "bedrock");
        var received = new ReceivedRequest(context.Request.Method, rawTarget, headers, System.Text.Encoding.UTF8.GetString(body), verdict);
        _requests.Enqueue(received);
        var number = Interlocked.Increment(ref _count);

        if (!verdict.IsValid)
        {
            await WriteJson(context, new JsonReply(403,
                JsonSerializer.Serialize(new { message = "The request signature we calculated does not match the signature you provided. " + verdict.Problem }),
                "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/"));
            return;
        }

        await ReplyAsync(context, _script(received, number));
    }

    private static async Task ReplyAsync(HttpContext context, FakeReply reply)
    {
        switch (reply)
        {
            case HeldReply held:
                try
                {
                    await held.Release.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                await ReplyAsync(context, held.Then);
                break;
            case JsonReply json:
                await WriteJson(context, json);
                break;
            case StallReply stall:
                try
                {
                    await Task.Delay(stall.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // The client gave up, as it should.
                }
                await WriteJson(context, (JsonReply)FakeReply.Converse());
                break;
            case DropReply:
                // Promise a body, send part of it, then close the socket.
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = 4096;
                await context.Response.WriteAsync("""{"output":{"message":{"role":"assis""");
                await context.Response.Body.FlushAsync();
                context.Abort();
                break;
        }
    }

    private static async Task WriteJson(HttpContext context, JsonReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (reply.ErrorTypeHeader is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = reply.ErrorTypeHeader;
        }
        await context.Response.WriteAsync(reply.Body);
    }
}
