using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using GenreBlazor.Bedrock.Signing;

namespace GenreBlazor.Bedrock;

/// <summary>
/// Where the Bedrock client gets its AWS identity: the credentials given, or else the AWS SDK's default chain
/// (environment variables, shared profiles incl. SSO, web identity, container and EC2 instance roles).
/// The chain is searched once; the SDK's credentials object then refreshes temporary credentials itself.
/// Register it as a singleton so that the search and the refresh state are shared.
/// </summary>
public sealed class AwsCredentialSource : IDisposable
{
    private readonly AWSCredentials? _given;
    private readonly DefaultAWSCredentialsIdentityResolver? _chain;
    private readonly Lock _gate = new();
    private Task<AWSCredentials>? _resolved;

    /// <summary>Uses <paramref name="credentials"/> when given, otherwise the SDK's default credential chain.</summary>
    public AwsCredentialSource(AWSCredentials? credentials = null)
    {
        _given = credentials;
        _chain = credentials is null ? new DefaultAWSCredentialsIdentityResolver() : null;
    }

    /// <summary>A source with fixed keys (tests, or a deliberately static identity).</summary>
    public static AwsCredentialSource FromKeys(string accessKeyId, string secretAccessKey, string? sessionToken = null) =>
        new(sessionToken is null
            ? new BasicAWSCredentials(accessKeyId, secretAccessKey)
            : new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken));

    /// <summary>
    /// The current key pair (refreshed by the SDK when it nears expiry).
    /// Throws <see cref="BedrockException"/> with <see cref="BedrockErrorTypes.MissingCredentials"/> when there is none.
    /// </summary>
    public async Task<SigningCredentials> GetSigningCredentialsAsync(CancellationToken cancellationToken)
    {
        ImmutableCredentials? current;
        try
        {
            var credentials = await Resolve().WaitAsync(cancellationToken).ConfigureAwait(false);
            current = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new BedrockException(BedrockErrorTypes.MissingCredentials,
                $"No AWS credentials for Bedrock: {e.Message} Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an instance/container role.",
                innerException: e);
        }

        if (current is null || string.IsNullOrEmpty(current.AccessKey) || string.IsNullOrEmpty(current.SecretKey))
        {
            throw new BedrockException(BedrockErrorTypes.MissingCredentials,
                "No AWS credentials for Bedrock: the credential provider returned an empty access key or secret key.");
        }

        return new SigningCredentials(current.AccessKey, current.SecretKey, current.UseToken ? current.Token : null);
    }

    /// <summary>Releases the SDK resolver's file watchers, when this source created one.</summary>
    public void Dispose() => _chain?.Dispose();

    private Task<AWSCredentials> Resolve()
    {
        if (_given is not null)
        {
            return Task.FromResult(_given);
        }

        lock (_gate)
        {
            // A failed search is forgotten so that credentials configured later are found on the next call.
            if (_resolved is null || _resolved.IsFaulted || _resolved.IsCanceled)
            {
                // Not tied to one call's token: a search cut short by a timeout still finishes for the next call.
                _resolved = Task.Run(() => _chain!.ResolveIdentityAsync(null!, CancellationToken.None));
            }
            return _resolved;
        }
    }
}
