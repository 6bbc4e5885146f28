namespace GenreBlazor.Imaging;

/// <summary>
/// At most <paramref name="maxConcurrentDecodes"/> decodes at once, each holding its slot while the caller uses the
/// decoded image (the poster model's run, say). A caller waits for a free slot for at most <paramref name="maxWait"/>
/// and is then refused with <see cref="ImageErrorKind.Busy"/>, so a burst of large uploads queues briefly and is
/// answered instead of piling up CPU and memory (decision 0032).
/// </summary>
public sealed class ImageDecodeLimiter(int maxConcurrentDecodes, TimeSpan maxWait) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Positive(maxConcurrentDecodes), maxConcurrentDecodes);

    public int MaxConcurrentDecodes { get; } = maxConcurrentDecodes;

    public TimeSpan MaxWait { get; } = maxWait;

    public int FreeSlots => slots.CurrentCount;

    /// <summary>
    /// Waits asynchronously for a slot, decodes as <see cref="ImageDecoder.Decode(ReadOnlySpan{byte}, ImageLimits?, int?)"/>
    /// does and runs <paramref name="use"/> on the image before giving the slot back.
    /// </summary>
    /// <exception cref="ImageDecodeException">Refused (including <see cref="ImageErrorKind.Busy"/>).</exception>
    public async Task<T> DecodeAsync<T>(ReadOnlyMemory<byte> encoded, ImageLimits? limits, int? targetMinSide, Func<RgbImage, T> use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (!await slots.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false))
        {
            throw Busy();
        }

        try
        {
            return use(ImageDecoder.Decode(encoded.Span, limits, targetMinSide));
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The same, blocking the calling thread while it waits.</summary>
    /// <exception cref="ImageDecodeException">Refused (including <see cref="ImageErrorKind.Busy"/>).</exception>
    public T Decode<T>(ReadOnlySpan<byte> encoded, ImageLimits? limits, int? targetMinSide, Func<RgbImage, T> use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (!slots.Wait(MaxWait, cancellationToken))
        {
            throw Busy();
        }

        try
        {
            return use(ImageDecoder.Decode(encoded, limits, targetMinSide));
        }
        finally
        {
            slots.Release();
        }
    }

    // Lets a test fill the slots as long-running decodes would, without racing real ones.
    internal async Task<IDisposable?> TryHoldSlotAsync(CancellationToken cancellationToken = default) =>
        await slots.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false) ? new Lease(slots) : null;

    /// <inheritdoc />
    public void Dispose() => slots.Dispose();

    private ImageDecodeException Busy() => new(ImageErrorKind.Busy,
        $"The server is already decoding {MaxConcurrentDecodes} image(s) and none finished within {MaxWait.TotalSeconds:0.#} s. Send the poster again in a moment.");

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        return value;
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
