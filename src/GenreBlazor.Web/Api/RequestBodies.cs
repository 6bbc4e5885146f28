using System.Buffers;
using System.Text.Unicode;

namespace GenreBlazor.Web.Api;

/// <summary>
/// Reads a JSON request body within a size limit and checks that it is UTF-8, answering every way it can be unreadable
/// — too long, a broken chunked encoding, a connection that ends mid-body, bytes that are not UTF-8 — with a problem
/// answer that names it, instead of an exception that would become a 500.
/// </summary>
public static class RequestBodies
{
    /// <summary>The message for an escaped lone surrogate in a JSON string.</summary>
    public const string LoneSurrogate =
        "A JSON string holds an unpaired surrogate escape (such as \\ud800 without its low half), which is not Unicode text; send the text as valid Unicode.";

    /// <summary>The body's bytes, or the problem answer saying why they cannot be used.</summary>
    public static async Task<(byte[] Body, IResult? Problem)> ReadUtf8Async(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return ([], PlotRequests.TooLarge($"The request body is over {limit:N0} bytes."));
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return ([], PlotRequests.TooLarge($"The request body is over {limit:N0} bytes."));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Kestrel's own words ("Bad chunk size data.", "Unexpected end of request content.") name the fault.
            return ([], e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? PlotRequests.TooLarge($"The request body is over {limit:N0} bytes.")
                : PlotRequests.BadRequest($"The request body cannot be read: {e.Message}", "The request body is malformed"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        var body = buffer.ToArray();
        return InvalidUtf8At(body) is { } offset
            ? (body, PlotRequests.BadRequest($"The body is not valid UTF-8: the byte at offset {offset:N0} (0x{body[offset]:X2}) does not start a valid UTF-8 sequence. JSON must be sent as UTF-8.",
                "The request body is not UTF-8"))
            : (body, null);
    }

    /// <summary>The offset of the first byte that is not valid UTF-8, or null when all are.</summary>
    public static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }
        Span<char> sink = stackalloc char[512];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[offset..], sink, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != OperationStatus.DestinationTooSmall)
            {
                return status == OperationStatus.Done ? null : offset;
            }
        }
    }
}
