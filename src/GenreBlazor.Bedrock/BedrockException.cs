using System.Net;

namespace GenreBlazor.Bedrock;

/// <summary>
/// The one exception <see cref="BedrockConverseClient"/> throws for anything that went wrong talking to Bedrock:
/// an AWS error response, a timeout, a dropped connection, an unreadable or empty answer, missing credentials.
/// Caller cancellation is the only thing that surfaces differently (as <see cref="OperationCanceledException"/>).
/// </summary>
public sealed class BedrockException : Exception
{
    /// <summary>Creates an exception of type <see cref="BedrockErrorTypes.Unknown"/>.</summary>
    public BedrockException() : this(BedrockErrorTypes.Unknown, "Bedrock call failed.") { }

    /// <summary>Creates an exception of type <see cref="BedrockErrorTypes.Unknown"/>.</summary>
    public BedrockException(string message) : this(BedrockErrorTypes.Unknown, message) { }

    /// <summary>Creates an exception of type <see cref="BedrockErrorTypes.Unknown"/>.</summary>
    public BedrockException(string message, Exception innerException)
        : this(BedrockErrorTypes.Unknown, message, innerException: innerException) { }

    public BedrockException(
        string errorType,
        string message,
        HttpStatusCode? statusCode = null,
        bool isRetryable = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
        IsRetryable = isRetryable;
    }

    /// <summary>HTTP status of the answer, or null when none arrived (timeout, dropped connection, no credentials).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>AWS error type (e.g. <c>ThrottlingException</c>) or one of this client's own, see <see cref="BedrockErrorTypes"/>.</summary>
    public string ErrorType { get; }

    /// <summary>True when the fault is transient, so a later call may well succeed (throttling, 5xx, timeout, dropped connection).</summary>
    public bool IsRetryable { get; }
}

/// <summary>Values of <see cref="BedrockException.ErrorType"/>: AWS's own names plus those for faults with no AWS answer.</summary>
public static class BedrockErrorTypes
{
    /// <summary>The whole call (all attempts and back-off) did not finish within <see cref="BedrockOptions.Timeout"/>.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The connection failed or was closed before a complete answer arrived.</summary>
    public const string ConnectionFailed = "ConnectionFailed";

    /// <summary>A success status with a body that is not the Converse response JSON.</summary>
    public const string MalformedResponse = "MalformedResponse";

    /// <summary>A well-formed success answer whose message holds no text.</summary>
    public const string EmptyResponse = "EmptyResponse";

    /// <summary>No AWS credentials could be found (or refreshed) by the SDK's credential chain.</summary>
    public const string MissingCredentials = "MissingCredentials";

    public const string Unknown = "Unknown";

    /// <summary>AWS: the request was invalid (400).</summary>
    public const string ValidationException = "ValidationException";

    /// <summary>AWS: the identity may not invoke the model (403).</summary>
    public const string AccessDeniedException = "AccessDeniedException";

    /// <summary>AWS: the model or profile does not exist (404).</summary>
    public const string ResourceNotFoundException = "ResourceNotFoundException";

    /// <summary>AWS: the model took too long (408).</summary>
    public const string ModelTimeoutException = "ModelTimeoutException";

    /// <summary>AWS: the model failed while processing (424).</summary>
    public const string ModelErrorException = "ModelErrorException";

    /// <summary>AWS: too many requests (429).</summary>
    public const string ThrottlingException = "ThrottlingException";

    /// <summary>AWS: internal failure (500).</summary>
    public const string InternalServerException = "InternalServerException";

    /// <summary>AWS: the service is unavailable (503).</summary>
    public const string ServiceUnavailableException = "ServiceUnavailableException";
}
