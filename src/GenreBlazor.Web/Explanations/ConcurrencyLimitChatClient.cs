using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace GenreBlazor.Web.Explanations;

/// <summary>Thrown instead of calling the model when every call slot is taken and no slot freed in time.</summary>
public sealed class BedrockBusyException(int slots, string problem)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"Bedrock is busy: {slots} call(s) already in flight on this server and {problem}"));

/// <summary>
/// The stage of the chat pipeline that bounds how many Bedrock calls this process has open at once (explanations and
/// discovery requests alike): a call waits in a short queue for a slot, and when the queue is full or the wait runs
/// out it is refused at once, so the caller answers with its local fallback instead of holding a request (and its
/// thread, socket and timeout) behind a slow or throttling Bedrock. It sits inside the cache, so a cached answer
/// takes no slot, and outside the token budget, so a queued call holds no token reservation.
/// </summary>
public sealed class ConcurrencyLimitChatClient : DelegatingChatClient
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _permits;
    private readonly TimeSpan _wait;

    /// <param name="innerClient">The rest of the pipeline.</param>
    /// <param name="maxConcurrentCalls">Calls open at once.</param>
    /// <param name="maxQueuedCalls">Calls that may wait for a slot; more are refused without waiting.</param>
    /// <param name="queueWait">How long a queued call waits for a slot before it is refused.</param>
    public ConcurrencyLimitChatClient(IChatClient innerClient, int maxConcurrentCalls, int maxQueuedCalls, TimeSpan queueWait) : base(innerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueuedCalls);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueWait, TimeSpan.Zero);
        _permits = maxConcurrentCalls;
        _wait = queueWait;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = maxConcurrentCalls,
            QueueLimit = maxQueuedCalls,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Bedrock calls do not stream here: the whole answer is checked before it is used.");

    private async Task<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        // A free slot is granted at once and a full queue refused at once; only a queued call waits, and only this long.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(_wait);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BedrockBusyException(_permits, string.Create(CultureInfo.InvariantCulture, $"none finished within {_wait.TotalSeconds:0.###} s"));
        }
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new BedrockBusyException(_permits, "the queue of waiting calls is full");
        }
        return lease;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiter.Dispose();
        }
        base.Dispose(disposing);
    }
}
